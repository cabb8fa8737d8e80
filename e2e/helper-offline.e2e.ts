// 帮办代办 while central is unreachable (issue 10, finding 3): the screen says what happens.
// A helper who signed in online at this terminal earlier holds an offline ticket here: with
// central down, their card alone signs them in, on a screen that says the PIN is not checked
// offline and until when the ticket holds. A helper without a ticket here is told to sign in
// online first; no PIN pad is offered to either.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../devices/test-support/wait';
import { enrolHelper, signInHelper, TEST_HELPERS } from '../main/backend/test-support/helper';
import { launchBrowser, openKioskPage, type KioskPage } from './harness/browser';
import { startKiosk, type TestKiosk } from './harness/kiosk';

let kiosk: TestKiosk;
let browser: Browser;
let k: KioskPage;
const backend = () => kiosk.host.backend;
const card = async (action: 'insert' | 'remove', name?: 'township-helper' | 'township-helper-2') => {
  const r = await backend().ctx.devices.sim!.act(action === 'insert' ? { device: 'id-card-reader', action, card: name! } : { device: 'id-card-reader', action });
  expect(r.ok, JSON.stringify(r)).toBe(true);
};

beforeAll(async () => {
  kiosk = await startKiosk({
    config: { centralUrl: null, devices: [{ kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 }] },
  });
  await backend().ctx.devices.settled();
  await enrolHelper(backend(), TEST_HELPERS.a);
  await enrolHelper(backend(), TEST_HELPERS.b);
  // HB-001 signed in online here this morning (card + PIN verified by central) and signed out.
  const cookie = await signInHelper(backend(), TEST_HELPERS.a.card);
  await backend().fetch(new Request('http://kiosk.test/api/helper/session', { method: 'DELETE', headers: { Cookie: cookie } }));
  expect(backend().ctx.helpers.tickets.held()).toBe(1);
  backend().central!.faults.update({ downForSec: 600 });
  browser = await launchBrowser();
  k = await openKioskPage(browser, kiosk.url);
});

afterAll(async () => {
  backend()?.central?.faults.update({ downForSec: 0 });
  await browser?.close();
  await kiosk?.close();
});

describe('helper sign-in with central unreachable', () => {
  it('a helper without a ticket on this terminal is told to sign in online first', async () => {
    const { page } = k;
    await page.getByTestId('helper-entry').tap();
    await page.getByTestId('helper-sign-in').waitFor();
    await page.waitForTimeout(300);
    await card('insert', 'township-helper-2');
    await page.getByTestId('helper-card-problem').filter({ hasText: '离线时只有今日已在本机联网登录过的帮办人员可以登录' }).waitFor();
    expect(await page.getByTestId('helper-pin').count()).toBe(0);
    await card('remove');
  });

  it('the helper with a ticket signs in with the card alone; the screen says the PIN is not checked offline', async () => {
    const { page } = k;
    await page.waitForTimeout(300);
    await card('insert', 'township-helper');
    await page.getByRole('heading', { name: '周海燕，中心系统暂不可达' }).waitFor();
    const lead = (await page.getByTestId('helper-offline-lead').textContent()) ?? '';
    expect(lead).toContain('离线时不核验密码');
    expect(lead).toMatch(/有效至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await page.locator('[data-helper-key="1"]').count()).toBe(0);
    await card('remove');
    await page.getByTestId('helper-offline-submit').tap();
    await page.getByTestId('helper-bar').waitFor();
    await waitFor(() => kiosk.logLines().some((l) => l.event === 'helper.signed-in' && l.staffId === 'HB-001' && l.mode === 'offline'), 5000, 'offline sign-in audited');
    expect(k.problems.filter((p) => !/Failed to load resource: the server responded with a status of 503/.test(p))).toEqual([]);
  });
});
