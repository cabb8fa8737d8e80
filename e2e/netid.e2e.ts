// 网证 in the journey (issue 13 item 5), in Chromium with the simulators and the embedded central:
// the test issuer's credential goes through the dev route POST /api/dev/sim/netid into the code
// scanner simulator (pty, scanner driver), the backend has central verify it, and the identify
// step shows who it is — with no 人证核验 to do (no photo) — then the form prefilled from the
// answer, saying which fields it lacks. An expired QR is refused with words for the citizen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import { seriousA11yViolations } from './harness/axe';
import { launchBrowser, openKioskPage } from './harness/browser';
import { openGuideBySearch } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { queueSampleCase } from './harness/queued-case';

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const card = SAMPLE_CARDS.resident;
let kiosk: TestKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      devTools: true,
      journey: { faceCheck: true },
      idle: { warnAfterSec: 300, countdownSec: 10 },
      devices: [{ kind: 'code-scanner', mode: 'simulator' }],
    },
  });
  await kiosk.host.backend.ctx.devices.settled();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

/** What the simulator panel's 网证 buttons do: the dev route signs a credential and the code scanner simulator reads it. */
async function showNetid(kind: 'valid' | 'minimal' | 'expired'): Promise<void> {
  const res = await kiosk.host.backend.fetch(new Request('http://kiosk.test/api/dev/sim/netid', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind }) }));
  expect(res.status, await res.clone().text()).toBe(200);
}

async function identifyStep(page: Page): Promise<void> {
  await openGuideBySearch(page, 'gjj', RENT.code);
  await page.getByTestId('start-apply').tap();
  await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
  await page.waitForTimeout(300); // the step forgets any earlier identity as it opens
}

describe('网证 QR in the journey (Chromium, code scanner simulator, embedded central)', () => {
  it('refuses an expired QR with words, then takes a fresh one to the form prefilled from central’s answer', async () => {
    const { page, context } = await openKioskPage(browser, kiosk.url);
    await identifyStep(page);
    expect(await page.getByTestId('netid-lead').textContent()).toContain('网证');

    await showNetid('expired');
    // no ID-card reader on this terminal: 网证 is how this citizen can identify, and its line says why not yet
    await expect.poll(() => page.getByTestId('netid-status').textContent(), { timeout: 15_000 }).toContain('网证二维码已过期');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // name and number only: no sex, no birth date — and never an address or a photo
    await showNetid('minimal');
    await page.locator('[data-testid="journey-identify"][data-phase="read"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('identity-name').textContent()).toBe('王**');
    expect(await page.getByTestId('identity').textContent()).toContain('网证');
    // no photo to compare with: no 人证核验 on this terminal that checks faces, the citizen goes on
    expect(await page.getByTestId('face-check').count()).toBe(0);
    await page.getByTestId('identity-continue').tap();

    await page.getByTestId('journey-form').waitFor({ timeout: 20_000 });
    const name = page.locator('[data-testid="form-field"][data-field="applicantName"]');
    expect(await name.getByTestId('form-locked').textContent()).toContain(card.name);
    expect(await name.getByTestId('prefill-source').textContent()).toBe('来自网证');
    const birth = page.locator('[data-testid="form-field"][data-field="birthDate"]');
    expect(await birth.getByTestId('not-on-netid').textContent()).toBe('网证未提供此项，请填写');
    expect(await birth.getByTestId('form-locked').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const verified = kiosk.logLines().find((l) => l.event === 'netid.verified');
    expect(verified).toBeDefined();
    expect(JSON.stringify(verified)).not.toContain(card.idNumber);
    await context.close();
  }, 90_000);

  it('follow-up: a 网证 finds the holder’s case on the progress screen (the number never reaches the page)', async () => {
    const receiptNo = queueSampleCase(kiosk.host.backend, { name: card.name, idNumber: card.idNumber });
    await kiosk.host.backend.ctx.queue.syncNow();
    const { page, context } = await openKioskPage(browser, kiosk.url);
    await page.getByTestId('attract-start').tap();
    await page.getByTestId('open-progress').tap();
    await page.getByTestId('progress-query').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))); // the screen listens once painted
    await showNetid('valid');
    await page.locator(`[data-testid="case"][data-receipt="${receiptNo}"]`).waitFor({ timeout: 20_000 });
    expect(await page.content()).not.toContain(card.idNumber);
    await context.close();
  }, 90_000);
});
