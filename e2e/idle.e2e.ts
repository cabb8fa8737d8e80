// Walk-away protection: after config.idle.warnAfterSec without a touch a countdown appears;
// "Continue" keeps the session; when the countdown ends everything the citizen did is wiped
// (search text, language, large text) and the attract screen returns. Time is driven with
// Playwright's fake clock, so the test takes seconds, not minutes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openKioskPage, screenshot } from './harness/browser';
import { checkScreen } from './harness/checks';
import { resultsSettled, typeOnScreen } from './harness/flows';
import { rootFontSizePx } from './harness/measure';
import { startKiosk, type TestKiosk } from './harness/kiosk';

// The countdown runs in real time while axe and the screenshot look at it (slow on a loaded
// machine), so it is long enough that the citizen's "Continue" always comes before its end.
const IDLE = { warnAfterSec: 20, countdownSec: 30 };
let kiosk: TestKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk({ config: { centralUrl: null, idle: IDLE, language: 'zh-CN' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

it('warns with a countdown, lets the citizen continue, then wipes the session', async () => {
  const k = await openKioskPage(browser, kiosk.url, { beforeGoto: (p) => p.clock.install() });
  const { page } = k;
  const dialog = page.getByTestId('idle-dialog');
  const settle = () => page.waitForTimeout(600); // a few real ticks of the renderer's idle check

  await page.getByTestId('attract-start').tap();
  await page.getByTestId('open-search').tap();
  await typeOnScreen(page, 'sbk');
  await resultsSettled(page);
  await page.getByTestId('toggle-large-text').tap();
  await page.getByTestId('toggle-language').tap();
  await page.getByRole('heading', { level: 1, name: 'Search services' }).waitFor();

  // Not before the configured time…
  await page.clock.fastForward((IDLE.warnAfterSec - 2) * 1000);
  await settle();
  expect(await dialog.count()).toBe(0);
  // …but once it has passed, a countdown in the citizen's language.
  await page.clock.fastForward(3000);
  await dialog.waitFor();
  expect(await dialog.getByRole('heading').textContent()).toMatch(/^Returning to start in ([1-9]|[12][0-9]|30) s$/);
  await checkScreen(page, '17-idle-countdown');

  // Continue: the session is untouched.
  await dialog.getByRole('button', { name: 'Continue' }).tap();
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await page.getByTestId('search-input').inputValue()).toBe('sbk');
  expect(await page.getAttribute('html', 'lang')).toBe('en');

  // Walk away for good.
  await page.clock.fastForward((IDLE.warnAfterSec + 1) * 1000);
  await dialog.waitFor();
  const ended = page.waitForRequest((r) => r.url().endsWith('/api/system/session/end') && r.method() === 'POST');
  await page.clock.fastForward(IDLE.countdownSec * 1000);
  await page.getByRole('heading', { level: 1, name: '不见面审批 · 自助服务' }).waitFor();
  expect((await ended).postDataJSON()).toEqual({ reason: 'idle' });
  expect(await dialog.count()).toBe(0);
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await rootFontSizePx(page)).toBe(20);
  expect(await page.getByTestId('toggle-large-text').getAttribute('aria-pressed')).toBe('false');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await screenshot(page, '18-idle-back-to-attract');

  // The next citizen starts clean.
  await page.getByTestId('attract-search').tap();
  expect(await page.getByTestId('search-input').inputValue()).toBe('');
  expect(await page.getByTestId('results-status').textContent()).toContain('sbk 可找到');
  expect(await page.getByTestId('service-row').count()).toBe(0);

  // The attract screen itself never times out (there is nothing to protect).
  await page.getByTestId('nav-home').tap();
  await page.getByTestId('nav-back').tap();
  await page.getByTestId('attract-start').waitFor();
  await page.clock.fastForward((IDLE.warnAfterSec + IDLE.countdownSec + 5) * 1000);
  await settle();
  expect(await dialog.count()).toBe(0);

  await expect.poll(() => kiosk.logLines().filter((l) => l.event === 'session.idle-reset').length).toBe(1);
  expect(k.problems).toEqual([]);
  await k.context.close();
});
