// 帮办代办 through the whole journey UI (H1's screens) in Chromium: the helper signs in with
// their card (simulator) + PIN, opens a service, reads the resident's card, completes the form,
// the resident signs the application and the 委托授权 on screen, and the 收件回执 decoded from
// the printer simulator names the helper; central receives helper and authorisation; the case is
// in 我的代办件. Screens checked with axe.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CN_2026 } from '../common/test-support/calendars';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import type { SimAction } from '../devices/sim/sim-actions';
import { waitFor } from '../devices/test-support/wait';
import { enrolHelper, HELPER_PIN, TEST_HELPERS } from '../main/backend/test-support/helper';
import { openKioskPage, type KioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { resultsSettled, sign, typeOnScreen } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { CHROMIUM, CHROMIUM_ARGS } from './harness/paths';
import { receiptQrOf } from './harness/receipt-qr';

const HUKOU_CERT = '321300-GG-00103-001'; // 户籍证明开具: shared materials + on-screen form
const resident = SAMPLE_CARDS['resident-long-term'];
let kiosk: TestKiosk;
let browser: Browser;
let k: KioskPage;
const backend = () => kiosk.host.backend;

async function sim(action: SimAction): Promise<void> {
  const r = await backend().ctx.devices.sim!.act(action);
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

beforeAll(async () => {
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      terminalId: 'E2EH001',
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'scanner', mode: 'simulator' },
      ],
    },
  });
  await backend().ctx.devices.settled();
  const c = backend().central!;
  const cal = await fetch(`${c.url}/v1/admin/calendar/2026`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(CN_2026),
  });
  expect(cal.status).toBe(200);
  await backend().ctx.queue.syncNow();
  await enrolHelper(backend(), TEST_HELPERS.a);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  k = await openKioskPage(browser, kiosk.url);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('帮办代办 through the journey (Chromium, simulators, embedded central)', () => {
  it('helper signs in, applies for a resident who signs the authorisation; the receipt names the helper', async () => {
    const { page } = k;
    await page.getByTestId('helper-entry').tap();
    await page.getByTestId('helper-sign-in').waitFor();
    await page.waitForTimeout(300);
    await sim({ device: 'id-card-reader', action: 'insert', card: 'township-helper' });
    await page.getByTestId('helper-pin').waitFor();
    await sim({ device: 'id-card-reader', action: 'remove' });
    for (const d of HELPER_PIN) await page.locator(`[data-helper-key="${d}"]`).tap();
    await page.getByTestId('helper-pin-submit').tap();
    await page.getByTestId('helper-bar').waitFor();

    // The service, as a citizen would find it.
    await page.getByTestId('open-search').tap();
    await typeOnScreen(page, 'hjzm');
    await resultsSettled(page);
    await page.locator(`[data-testid="service-row"][data-code="${HUKOU_CERT}"]`).tap();
    await page.getByTestId('guide').waitFor();
    await page.getByTestId('start-apply').tap();

    // The resident's card, not the helper's, identifies the applicant.
    await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
    await page.waitForTimeout(300);
    await sim({ device: 'id-card-reader', action: 'insert', card: 'resident-long-term' });
    await page.locator('[data-testid="journey-identify"][data-phase="read"]').waitFor();
    expect(await page.getByTestId('identity-name').textContent()).toBe('李**');
    await checkScreen(page, 'helper-journey-01-resident-card');
    // 人证核验 where the journey asks for it (fake camera, simulated verifier), else straight to the form.
    const face = page.locator('[data-testid="face-check"][data-phase="live"]');
    await page.locator('[data-testid="journey-form"], [data-testid="face-check"][data-phase="live"]').first().waitFor({ timeout: 20_000 });
    if (await face.isVisible()) await page.getByTestId('face-capture').tap();
    await page.getByTestId('journey-form').waitFor({ timeout: 20_000 });
    await sim({ device: 'id-card-reader', action: 'remove' });

    await page.getByTestId('input-phone').tap();
    await page.getByTestId('form-osk').waitFor();
    for (const ch of '13912345678') await page.locator(`[data-testid="form-osk"] [data-key="${ch}"]`).tap();
    await page.locator('[data-testid="form-osk"] [data-key="done"]').tap();
    await page.locator('[data-field="purpose"] [data-value="relation"]').tap();
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-materials').waitFor();
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-review').waitFor();

    // The 委托授权 is there because a helper is signed in; both signatures are needed.
    const auth = page.getByTestId('helper-authorisation');
    expect(await auth.textContent()).toContain('周海燕');
    await sign(page, 'applicant-signature');
    await checkScreen(page, 'helper-journey-02-review-authorisation', { fullPage: true });
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-problem').waitFor();
    expect(await page.getByTestId('journey-receipt').count()).toBe(0);
    await sign(page, 'authorisation-signature');
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-receipt').waitFor({ timeout: 20_000 });
    const receiptNo = (await page.getByTestId('receipt-no').textContent())!;
    await checkScreen(page, 'helper-journey-03-receipt');

    const printed = await waitFor(
      async () => (await backend().ctx.devices.sim!.state()).receipt.printed.find((r) => r.qrPayloads.includes(receiptQrOf(backend(), receiptNo))),
      15_000,
      'receipt on the printer',
    );
    const text = printed.lines.join('\n');
    expect(text).toContain('收件回执');
    expect(text).toMatch(/帮办人员[\s\S]*周海燕[\s\S]*HB-001/);
    expect(text).toContain('李**');
    expect(text).not.toContain(resident.idNumber);

    await backend().ctx.queue.syncNow();
    const row = await waitFor(() => backend().central!.store.caseByReceipt('E2EH001', receiptNo), 10_000, 'case at central');
    const manifest = JSON.parse(row.manifest);
    expect(manifest).toMatchObject({ channel: 'helper', helperId: 'HB-001', applicant: { name: resident.name } });
    expect(manifest.authorisation.signature.data.length).toBeGreaterThan(100);

    await page.getByTestId('helper-my-cases').tap();
    await page.locator(`[data-testid="helper-case"][data-receipt="${receiptNo}"]`).waitFor();
  });
});
