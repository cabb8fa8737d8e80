// 帮办代办 idle sign-out (config helpers.idleSignOutSec), on Playwright's fake clock: a touch
// restarts the helper's clock; after the configured time without one the helper is signed out on
// screen and at the backend (the session cookie no longer submits). The resident's own idle reset
// in between leaves the helper signed in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../devices/test-support/wait';
import { enrolHelper, HELPER_PIN, TEST_HELPERS } from '../main/backend/test-support/helper';
import { launchBrowser, openKioskPage, type KioskPage } from './harness/browser';
import { startKiosk, type TestKiosk } from './harness/kiosk';

const IDLE_SEC = 300;
let kiosk: TestKiosk;
let browser: Browser;
let k: KioskPage;
const backend = () => kiosk.host.backend;

beforeAll(async () => {
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      helpers: { maxFailures: 5, lockoutSec: 900, idleSignOutSec: IDLE_SEC },
      idle: { warnAfterSec: 90, countdownSec: 30 },
      devices: [{ kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 }],
    },
  });
  await backend().ctx.devices.settled();
  await enrolHelper(backend(), TEST_HELPERS.a);
  browser = await launchBrowser();
  k = await openKioskPage(browser, kiosk.url, { beforeGoto: (p) => p.clock.install() });
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('helper idle sign-out', () => {
  it('keeps the helper through the resident’s reset and while they touch the screen, signs them out after the configured idle time', async () => {
    const { page } = k;
    await page.getByTestId('helper-entry').tap();
    await page.getByTestId('helper-sign-in').waitFor();
    await page.waitForTimeout(300);
    const r = await backend().ctx.devices.sim!.act({ device: 'id-card-reader', action: 'insert', card: 'township-helper' });
    expect(r.ok).toBe(true);
    await page.getByTestId('helper-pin').waitFor();
    await backend().ctx.devices.sim!.act({ device: 'id-card-reader', action: 'remove' });
    for (const d of HELPER_PIN) await page.locator(`[data-helper-key="${d}"]`).tap();
    await page.getByTestId('helper-pin-submit').tap();
    const bar = page.getByTestId('helper-bar');
    await bar.waitFor();

    // The resident-side idle reset (90 s + 30 s countdown) wipes the screen, not the helper.
    await page.clock.fastForward(125_000);
    await page.getByTestId('attract-start').waitFor();
    expect(await bar.isVisible()).toBe(true);
    // A touch restarts the helper's clock.
    await page.clock.fastForward(100_000);
    await bar.tap();
    await page.clock.fastForward((IDLE_SEC - 60) * 1000);
    expect(await bar.isVisible()).toBe(true);
    // Then nobody touches the screen for the configured time.
    await page.clock.fastForward((IDLE_SEC + 1) * 1000);
    await bar.waitFor({ state: 'detached' });
    await page.getByTestId('helper-entry').waitFor();
    await waitFor(() => kiosk.logLines().some((l) => l.event === 'helper.signed-out' && l.reason === 'idle'), 5000, 'backend signed the helper out');
    const res = await page.evaluate(async () => (await fetch('/api/helper/session')).json());
    expect(res).toMatchObject({ signedIn: false });
  });
});
