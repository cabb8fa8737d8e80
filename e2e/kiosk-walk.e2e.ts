// The citizen's walk on a fresh terminal: attract → catalog (by department, by life event)
// → search "sbk" on the on-screen keyboard → the full guide of 社会保障卡申领 → large text →
// English → home. Every screen is screenshotted and checked with axe and a 48 px ruler.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { inkShare, pdfPages, pdfText, rasterise } from '../devices/test-support/poppler';
import { waitFor } from '../devices/test-support/wait';
import { QUICK_TERMS } from '../renderer/src/search/quick-terms';
import { LANDSCAPE, launchBrowser, openKioskPage, PORTRAIT, screenshot, type KioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { fontSizePx, horizontalOverflow, lettersOutOfReach, rootFontSizePx, scrollSettled } from './harness/measure';
import { resultsSettled, typeOnScreen } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';

const SBK = sampleCatalog.services.find((s) => s.name === '社会保障卡申领')!;
const NOT_AT_KIOSK = sampleCatalog.services.find((s) => !s.kioskFull && s.fees.kind === 'charged')!;

let kiosk: TestKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk({ config: { centralUrl: null, hallName: '宿迁市宿城区政务服务中心' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('citizen walk (landscape 1920×1080)', () => {
  let k: KioskPage;

  it('attract screen shows the hall, the terminal and the help line', async () => {
    k = await openKioskPage(browser, kiosk.url);
    const { page } = k;
    await page.getByRole('heading', { level: 1, name: '不见面审批 · 自助服务' }).waitFor();
    expect(await page.getByTestId('hall-name').textContent()).toContain('宿迁市宿城区政务服务中心');
    expect(await page.getByTestId('terminal-id').textContent()).toBe('终端编号 E2E0001');
    expect(await page.getByTestId('help-phone').textContent()).toBe('12345');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByTestId('sync-indicator').filter({ hasText: '事项清单已同步' }).waitFor();
    await checkScreen(page, '01-attract');
  });

  it('browses the catalog by department and by life event', async () => {
    const { page } = k;
    await page.getByTestId('attract-start').tap();
    await page.getByRole('tab', { name: '按部门', selected: true }).waitFor();
    await expect.poll(() => page.getByTestId('tile').count()).toBe(sampleCatalog.departments.length);
    await checkScreen(page, '02-home-by-department');

    await page.getByRole('tab', { name: '按主题（生活事件）' }).tap();
    await page.getByRole('tab', { name: '按主题（生活事件）', selected: true }).waitFor();
    await expect.poll(() => page.getByTestId('tile').count()).toBe(sampleCatalog.lifeEvents.length);
    await checkScreen(page, '03-home-by-life-event');

    await page.locator('[data-testid="tile"][data-id="birth"]').tap();
    await page.getByRole('heading', { level: 1, name: '主题服务：出生' }).waitFor();
    const births = sampleCatalog.services.filter((s) => s.lifeEventIds.includes('birth'));
    await expect.poll(() => page.getByTestId('service-row').count()).toBe(births.length);
    await checkScreen(page, '04-list-life-event-birth');

    // Back returns to the tab the citizen came from.
    await page.getByTestId('nav-back').tap();
    await page.getByRole('tab', { name: '按主题（生活事件）', selected: true }).waitFor();
  });

  it('every common term on the keyboard finds something', async () => {
    const { page } = k;
    await page.getByTestId('open-search').tap();
    await page.getByRole('heading', { level: 1, name: '搜索事项' }).waitFor();
    expect(await lettersOutOfReach(page)).toEqual([]);
    for (const term of QUICK_TERMS) {
      await page.getByTestId('quick-term').filter({ hasText: term }).tap();
      await expect.poll(() => page.getByTestId('search-input').inputValue()).toBe(term);
      await resultsSettled(page);
      expect(await page.getByTestId('results-status').textContent(), term).toMatch(/找到 \d+ 个事项/);
    }
    await page.locator('[data-key="clear"]').tap();
    expect(await page.getByTestId('search-input').inputValue()).toBe('');
  });

  it('finds 社会保障卡 by typing s, b, k on the on-screen keyboard', async () => {
    const { page } = k;
    await typeOnScreen(page, 'sbk');
    expect(await page.getByTestId('search-input').inputValue()).toBe('sbk');
    await resultsSettled(page);
    const first = page.getByTestId('service-row').first();
    expect(await first.textContent()).toContain('社会保障卡申领');
    await checkScreen(page, '05-search-sbk');

    // Delete works letter by letter.
    await page.locator('[data-key="delete"]').tap();
    expect(await page.getByTestId('search-input').inputValue()).toBe('sb');
    await typeOnScreen(page, 'k');
    await resultsSettled(page);
    await page.locator(`[data-testid="service-row"][data-code="${SBK.code}"]`).tap();
  });

  it('shows every element of the full guide', async () => {
    const { page } = k;
    await page.getByRole('heading', { level: 1, name: SBK.name }).waitFor();
    expect(await page.getByTestId('service-code').textContent()).toBe(SBK.code);
    for (const section of ['basic', 'legal', 'conditions', 'materials', 'time', 'fees', 'flow', 'channels', 'place', 'result', 'contact'])
      expect(await page.getByTestId(`guide-${section}`).isVisible(), section).toBe(true);

    const legal = await page.getByTestId('guide-legal').textContent();
    for (const b of SBK.legalBasis) expect(legal).toContain(b.title);
    expect(await page.getByTestId('material').count()).toBe(SBK.materials.length);
    const shared = SBK.materials.find((m) => m.sharedFrom)!;
    expect(await page.getByTestId('badge-shared').first().textContent()).toBe(`无需提交，由${shared.sharedFrom}共享获取`);
    // a shared material's badges say 无需提交 and nothing that contradicts it (复印件, 1 份, 必须提供)
    const sharedItem = page
      .getByTestId('material')
      .filter({ has: page.getByTestId('badge-shared') })
      .first();
    expect(await sharedItem.locator('.badges > li').allTextContents()).toEqual([`无需提交，由${shared.sharedFrom}共享获取`]);
    expect(await page.getByTestId('fees').textContent()).toBe('本审批事项不收费');
    const tl = SBK.timeLimit;
    expect(await page.getByTestId('time-limit').textContent()).toBe(tl.kind === 'on_the_spot' ? '当场办结' : `${tl.promised} 个工作日（法定 ${tl.legal} 个工作日）`);
    expect(await page.getByTestId('complaint-phone').textContent()).toBe(SBK.complaint.phone);
    expect(await page.getByTestId('consultation-phone').textContent()).toBe(SBK.consultation.phone);
    const flow = await page.getByTestId('guide-flow').textContent();
    for (const f of SBK.flow) expect(flow).toContain(f.step);
    expect(await page.getByTestId('guide-place').textContent()).toContain(SBK.place);
    expect(await page.getByTestId('guide-result').textContent()).toContain(SBK.result.name);
    expect(await page.getByTestId('kiosk-full').isVisible()).toBe(true);
    // The page starts at the top, not wherever the search list was scrolled.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await checkScreen(page, '06-guide-sbk-top');
    await screenshot(page, '06-guide-sbk-full', true);

    // The section index jumps to the materials, landing below the sticky header.
    await page.getByRole('navigation', { name: '指南目录' }).getByRole('button', { name: '申请材料' }).tap();
    const header = (await page.locator('.app-header').boundingBox())!;
    await expect.poll(async () => (await page.locator('#sec-materials-title').boundingBox())!.y, { timeout: 5000 }).toBeLessThan(LANDSCAPE.height / 2);
    expect((await page.locator('#sec-materials-title').boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);
    await scrollSettled(page);
    await checkScreen(page, '06-guide-sbk-materials');
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('prints the guide on the A4 printer and the paper carries the service', async () => {
    const { page } = k;
    const printed = page.waitForResponse((r) => r.url().includes(`/api/catalog/services/${SBK.code}/print`));
    await page.getByTestId('print-guide').tap();
    const body = (await (await printed).json()) as { ok: boolean; jobId: number };
    expect(body.ok).toBe(true);
    await page.getByTestId('print-guide-status').filter({ hasText: '指南已打印' }).waitFor();
    await checkScreen(page, '06-guide-sbk-printed');

    // What came out of the (cups-pdf) printer: the reference line names the service, and the
    // pages carry ink (the Chinese text itself is not extractable after cups-pdf, see devices/README).
    const state = await kiosk.host.backend.ctx.devices.sim!.state();
    const dir = state.a4.outputDir!;
    const file = await waitFor(() => fs.readdirSync(dir).find((f) => f.endsWith(`-job_${body.jobId}.pdf`)), 15_000, 'cups-pdf output');
    const pdf = path.join(dir, file);
    expect(pdfText(pdf)).toContain(`GUIDE ${SBK.code} v${sampleCatalog.version}`);
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    expect(inkShare(rasterise(pdf))).toBeGreaterThan(0.01);
  });

  it('large-text mode scales the whole page and still fits', async () => {
    const { page } = k;
    const rootBefore = await rootFontSizePx(page);
    const titleBefore = await fontSizePx(page, '#guide-title');
    const bodyBefore = await fontSizePx(page, '[data-testid="material"] dd');
    await page.getByTestId('toggle-large-text').tap();
    expect(await page.getByTestId('toggle-large-text').getAttribute('aria-pressed')).toBe('true');
    expect(await rootFontSizePx(page)).toBeGreaterThanOrEqual(rootBefore * 1.3);
    expect(await fontSizePx(page, '#guide-title')).toBeGreaterThanOrEqual(titleBefore * 1.3);
    expect(await fontSizePx(page, '[data-testid="material"] dd')).toBeGreaterThanOrEqual(bodyBefore * 1.3);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkScreen(page, '07-guide-sbk-large-text');
  });

  it('switches to English: interface translated, guide content marked as Chinese', async () => {
    const { page } = k;
    await page.getByTestId('toggle-language').tap();
    await page.getByText('Guide content is published in Chinese', { exact: false }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('.guide-title-en').textContent()).toBe(SBK.nameEn);
    await page.getByRole('heading', { level: 2, name: 'Required documents' }).waitFor();
    expect(await page.getByTestId('fees').textContent()).toBe('No fee is charged for this service');
    expect(await page.getByTestId('nav-back').textContent()).toContain('Back');
    expect(await page.getByTestId('terminal-id').textContent()).toBe('Terminal E2E0001');
    await checkScreen(page, '08-guide-sbk-english-large');
    await screenshot(page, '08-guide-sbk-english-large-full', true);
  });

  it('goes home in English with large text kept', async () => {
    const { page } = k;
    await page.getByTestId('nav-home').tap();
    await page.getByRole('heading', { level: 1, name: 'Choose a service' }).waitFor();
    const dept = sampleCatalog.departments[0]!;
    expect(await page.getByTestId('tile').first().textContent()).toContain(dept.nameEn);
    expect(await rootFontSizePx(page)).toBe(27);
    await checkScreen(page, '09-home-english-large');
    await page.getByTestId('open-search').tap();
    await page.getByRole('heading', { level: 1, name: 'Search services' }).waitFor();
    await resultsSettled(page);
    // Large text on the landscape screen: every key still reachable without scrolling.
    expect(await lettersOutOfReach(page)).toEqual([]);
    await checkScreen(page, '09-search-english-large');
    await page.getByTestId('nav-back').tap();

    // Back to Chinese, normal text, for the next steps.
    await page.getByTestId('toggle-language').tap();
    await page.getByTestId('toggle-large-text').tap();
    await page.getByRole('heading', { level: 1, name: '选择要办理的事项' }).waitFor();
  });

  it('a service the kiosk cannot take says where to go, and lists its fees', async () => {
    const { page } = k;
    await page.getByTestId('open-search').tap();
    await page.getByTestId('quick-term').filter({ hasText: '身份证' }).tap();
    await resultsSettled(page);
    await page.locator(`[data-testid="service-row"][data-code="${NOT_AT_KIOSK.code}"]`).tap();
    await page.getByRole('heading', { level: 1, name: NOT_AT_KIOSK.name }).waitFor();
    const notice = await page.getByTestId('kiosk-not-full').textContent();
    expect(notice).toContain('本事项不能在自助机上全程办理');
    expect(notice).toContain(NOT_AT_KIOSK.kioskNote!);
    const fees = await page.getByTestId('fees').textContent();
    if (NOT_AT_KIOSK.fees.kind !== 'charged') throw new Error('fixture changed');
    for (const f of NOT_AT_KIOSK.fees.items) expect(fees).toContain(f.standard);
    expect(fees).toContain(NOT_AT_KIOSK.fees.payment);
    await checkScreen(page, '10-guide-not-at-kiosk');
    await screenshot(page, '10-guide-not-at-kiosk-full', true);
  });

  it('saw no console error, CSP refusal or uncaught exception', async () => {
    expect(k.problems).toEqual([]);
    await k.context.close();
  });
});

describe('portrait screen (1080×1920)', () => {
  it('attract, search and a large-text guide fit the portrait screen', async () => {
    const k = await openKioskPage(browser, kiosk.url, { viewport: PORTRAIT });
    const { page } = k;
    await page.getByTestId('attract-search').tap();
    await page.getByRole('heading', { level: 1, name: '搜索事项' }).waitFor();
    await typeOnScreen(page, 'sbk');
    await resultsSettled(page);
    await checkScreen(page, '11-portrait-search-sbk');
    expect(await lettersOutOfReach(page)).toEqual([]);
    await page.getByTestId('toggle-large-text').tap();
    expect(await lettersOutOfReach(page)).toEqual([]);
    await checkScreen(page, '12-portrait-search-large-text');
    await page.locator(`[data-testid="service-row"][data-code="${SBK.code}"]`).tap();
    await page.getByRole('heading', { level: 1, name: SBK.name }).waitFor();
    await checkScreen(page, '13-portrait-guide-large-text');
    expect(k.problems).toEqual([]);
    await k.context.close();
  });
});
