// The identify step of the journey with the ID-card reader on each of its new transports, as a
// technician configures them (devices[].simulatedTransport here, mode hid / sdk on a terminal):
// over USB HID (the report-level double below node-hid) and through the vendor SDK (gcc-built
// stand-in libraries loaded with koffi; the card photo decoded by the stand-in WLT decoder).
// Card on the reader → 人证核验 → the form prefilled from the card. One kiosk per transport.
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import { openKioskPage } from './harness/browser';
import { openGuideBySearch } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { CHROMIUM, CHROMIUM_ARGS } from './harness/paths';

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const card = SAMPLE_CARDS.resident;
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
});

afterAll(async () => {
  await browser?.close();
});

describe.each(['hid', 'sdk'] as const)('identify with the reader over %s (Chromium, simulators, embedded central)', (transport) => {
  let kiosk: TestKiosk;

  beforeAll(async () => {
    kiosk = await startKiosk({
      config: {
        centralUrl: null,
        terminalId: `E2EID${transport.toUpperCase()}`,
        idle: { warnAfterSec: 300, countdownSec: 10 },
        devices: [{ kind: 'id-card-reader', mode: 'simulator', simulatedTransport: transport, pollMs: 300 }],
      },
    });
    await kiosk.host.backend.ctx.devices.settled();
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  it('reads the card, checks the face against its photo and shows the form prefilled from it', async () => {
    const reader = () => kiosk.host.backend.ctx.devices.list().find((d) => d.device === 'id-card-reader')!;
    await expect.poll(() => reader().status.state, { timeout: 15_000 }).toBe('ready');
    const k = await openKioskPage(browser, kiosk.url);
    await k.context.grantPermissions(['camera'], { origin: kiosk.origin });
    const { page } = k;
    await openGuideBySearch(page, 'gjj', RENT.code);
    await page.getByTestId('start-apply').tap();
    await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
    await page.waitForTimeout(300); // the step forgets any earlier card as it opens
    const acted = await kiosk.host.backend.ctx.devices.sim!.act({ device: 'id-card-reader', action: 'insert', card: 'resident' });
    expect(acted.ok).toBe(true);
    await page.locator('[data-testid="journey-identify"][data-phase="read"]').waitFor();
    expect(await page.getByTestId('identity-name').textContent()).toBe('王**');
    // 人证核验 runs: the card photo (SDK: decoded by the vendor decoder stand-in) is there to compare
    await page.locator('[data-testid="face-check"][data-phase="live"]').waitFor();
    await page.getByTestId('face-capture').tap();
    await page.getByTestId('journey-form').waitFor({ timeout: 20_000 });
    const name = page.locator('[data-testid="form-field"][data-field="applicantName"]');
    expect(await name.getByTestId('form-locked').textContent()).toContain(card.name);
    expect(await name.getByTestId('prefill-source').textContent()).toBe('来自身份证');
    const read = kiosk.logLines().find((l) => l.event === 'idcard.read');
    expect(read).toMatchObject({ photoDecoded: true });
    await k.context.close();
  });
});
