// A brand-new terminal that has never reached central has no service list. It must say so
// plainly, tell the citizen what to do, and recover by itself once central is reachable.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { launchBrowser, openKioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { deadPort, startKiosk, startTestCentral } from './harness/kiosk';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('says the list is unavailable and what to do, then recovers on "try again"', async () => {
  const port = await deadPort();
  const kiosk = await startKiosk({ config: { centralUrl: `http://127.0.0.1:${port}` } });
  const k = await openKioskPage(browser, kiosk.url);
  const { page } = k;
  await page.getByTestId('sync-indicator').filter({ hasText: '离线：尚未同步事项清单' }).waitFor();
  await page.getByTestId('attract-start').tap();
  const problem = page.getByTestId('catalog-unavailable');
  await problem.waitFor();
  expect(await problem.getByRole('heading', { level: 1 }).textContent()).toBe('事项清单暂时无法使用');
  const text = await problem.textContent();
  expect(text).toContain('人工窗口');
  expect(text).toContain('12345');
  // Home and Back stay available so nobody is stuck.
  expect(await page.getByTestId('nav-home').isVisible()).toBe(true);
  await checkScreen(page, '16-catalog-unavailable');

  const central = await startTestCentral({ port });
  try {
    await page.getByTestId('catalog-retry').tap();
    await expect.poll(() => page.getByTestId('tile').count(), { timeout: 15_000 }).toBe(sampleCatalog.departments.length);
    await page.getByTestId('sync-indicator').filter({ hasText: '事项清单已同步' }).waitFor();
    expect(k.problems.filter((p) => !p.includes('503'))).toEqual([]);
  } finally {
    await k.context.close();
    await kiosk.close();
    await central.close();
  }
});
