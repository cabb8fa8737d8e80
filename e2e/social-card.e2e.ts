// The identify step with a 社保卡 (PC/SC: private pcscd + vpcd + the virtual card; the kiosk's
// real driver through libpcsclite): for a 社保 service the card identifies the applicant, the
// face step is skipped (no photo on the card) and the form is prefilled from it; for a service
// outside 社保 / 医保 the step says the card is not accepted there; another card is said as such.
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { SAMPLE_SOCIAL_CARDS } from '../devices/social-card/sample-social-cards';
import { openKioskPage } from './harness/browser';
import { openGuideBySearch } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { CHROMIUM, CHROMIUM_ARGS } from './harness/paths';

const UNEMPLOYMENT = sampleCatalog.services.find((s) => s.code === '321300-JF-00203-001')!;
const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const card = SAMPLE_SOCIAL_CARDS.resident;
let browser: Browser;
let kiosk: TestKiosk;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      terminalId: 'E2ESSC01',
      idle: { warnAfterSec: 300, countdownSec: 10 },
      journey: { faceCheck: true },
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', pollMs: 300 },
        { kind: 'social-card-reader', mode: 'simulator', pollMs: 200 },
      ],
    },
  });
  await kiosk.host.backend.ctx.devices.settled();
});

afterAll(async () => {
  await kiosk?.close();
  await browser?.close();
});

const sim = () => kiosk.host.backend.ctx.devices.sim!;
const socialReader = () => kiosk.host.backend.ctx.devices.list().find((d) => d.device === 'social-card-reader');

describe('identify with a 社保卡 (Chromium, pcscd + vpcd, embedded central)', () => {
  it('a 社保 service: the card identifies the applicant without a face step and prefills the form', async () => {
    await expect.poll(() => socialReader()?.status.state, { timeout: 20_000 }).toBe('ready');
    const { page, context } = await openKioskPage(browser, kiosk.url);
    await openGuideBySearch(page, 'sybx', UNEMPLOYMENT.code);
    await page.getByTestId('start-apply').tap();
    await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
    await page.waitForTimeout(300); // the step forgets any earlier card as it opens

    expect((await sim().act({ device: 'social-card-reader', action: 'insert-wrong-card' })).ok).toBe(true);
    await expect.poll(() => page.getByTestId('journey-identify').textContent(), { timeout: 10_000 }).toContain('不是社会保障卡');

    expect((await sim().act({ device: 'social-card-reader', action: 'insert', card: 'resident' })).ok).toBe(true);
    await page.locator('[data-testid="journey-identify"][data-phase="read"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('identity-name').textContent()).toBe('王**');
    // no photo on a 社保卡: no face step, the citizen continues
    expect(await page.locator('[data-testid="face-check"]').count()).toBe(0);
    await page.getByTestId('identity-continue').tap();
    await page.getByTestId('journey-form').waitFor({ timeout: 20_000 });
    const name = page.locator('[data-testid="form-field"][data-field="applicantName"]');
    expect(await name.getByTestId('form-locked').textContent()).toContain(card.name);
    expect(await name.getByTestId('prefill-source').textContent()).toBe('来自社保卡');
    const read = kiosk.logLines().find((l) => l.event === 'idcard.read');
    expect(read).toMatchObject({ cardType: 'social-security', photoDecoded: false });
    expect(JSON.stringify(kiosk.logLines())).not.toContain(card.idNumber);
    await context.close();
    await sim().act({ device: 'social-card-reader', action: 'remove' });
  });

  it('a service outside 社保 / 医保: the identify step says the 社保卡 is not accepted there', async () => {
    const { page, context } = await openKioskPage(browser, kiosk.url);
    await openGuideBySearch(page, 'gjj', RENT.code);
    await page.getByTestId('start-apply').tap();
    await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
    await page.waitForTimeout(300);
    expect((await sim().act({ device: 'social-card-reader', action: 'insert', card: 'resident' })).ok).toBe(true);
    await page.locator('[data-testid="journey-identify"][data-phase="read"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('identity-problem').textContent()).toContain('不能使用社保卡');
    expect(await page.getByTestId('identity-continue').count()).toBe(0);
    await context.close();
  });
});
