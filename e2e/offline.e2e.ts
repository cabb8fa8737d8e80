// "Reads its full guide offline after one sync": the terminal syncs once from central, central
// goes away, and the citizen still reads the whole guide, with an honest offline notice,
// both live (over SSE) and after the terminal restarts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { launchBrowser, openKioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { openGuideBySearch, shanghaiMinute } from './harness/flows';
import { startKiosk, startTestCentral, tempDir } from './harness/kiosk';

const SBK = sampleCatalog.services.find((s) => s.name === '社会保障卡申领')!;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function expectFullGuide(page: import('playwright-core').Page) {
  await page.getByRole('heading', { level: 1, name: SBK.name }).waitFor();
  expect(await page.getByTestId('material').count()).toBe(SBK.materials.length);
  expect(await page.getByTestId('complaint-phone').textContent()).toBe(SBK.complaint.phone);
  expect(await page.getByTestId('guide-legal').textContent()).toContain(SBK.legalBasis[0]!.title);
  expect(await page.getByTestId('guide-flow').textContent()).toContain(SBK.flow.at(-1)!.step);
}

it('keeps showing the full guide after central goes away, and says it is offline', async () => {
  const central = await startTestCentral();
  const dataDir = tempDir('offline');
  const config = { centralUrl: central.url };

  // First boot: one successful sync.
  let kiosk = await startKiosk({ dataDir, config });
  const fetchedAt = kiosk.host.backend.ctx.catalog.fetchedAt!;
  expect(fetchedAt).toBeTruthy();
  let k = await openKioskPage(browser, kiosk.url);
  await k.page.getByTestId('sync-indicator').filter({ hasText: '事项清单已同步' }).waitFor();
  await openGuideBySearch(k.page, 'sbk', SBK.code);

  // Central disappears; the next sync fails and the open page says so without a reload.
  await central.close();
  const outcome = await k.page.evaluate(async () => (await fetch('/api/catalog/refresh', { method: 'POST' })).json());
  expect(outcome.outcome.kind).toBe('unreachable');
  const offlineText = `离线：显示 ${shanghaiMinute(fetchedAt)} 同步的事项清单`;
  await k.page.getByTestId('sync-indicator').filter({ hasText: offlineText }).waitFor();
  await expectFullGuide(k.page);
  await checkScreen(k.page, '14-offline-guide-live');
  expect(k.problems).toEqual([]);
  await k.context.close();
  await kiosk.close();

  // Second boot with central still down: everything comes from the terminal's own cache.
  kiosk = await startKiosk({ dataDir, config });
  k = await openKioskPage(browser, kiosk.url);
  expect(await k.page.getByTestId('sync-indicator').textContent()).toBe(offlineText);
  await openGuideBySearch(k.page, 'sbk', SBK.code);
  await expectFullGuide(k.page);
  await checkScreen(k.page, '15-offline-after-restart-guide');

  // The offline notice is translated too.
  await k.page.getByTestId('toggle-language').tap();
  await k.page
    .getByTestId('sync-indicator')
    .filter({ hasText: `Offline: showing the service list synced ${shanghaiMinute(fetchedAt)}` })
    .waitFor();
  expect(k.problems).toEqual([]);
  await k.context.close();
  await kiosk.close();
});
