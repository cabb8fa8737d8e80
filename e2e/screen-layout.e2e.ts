// What a citizen found wrong when the screens were tried (issue 15), each measured in Chromium
// on the built bundle: the header and bottom bar in large text, what starts under the bar, the
// header wrapping, attract lines that looked like buttons, English set in a Chinese font, the
// common terms and the missing space key, zod's eval probe under the CSP, the boot screen styled
// by the page alone, and the simulator panel lying over citizen controls (and never on a terminal).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { QUICK_TERMS, QUICK_TERMS_EN } from '../renderer/src/search/quick-terms';
import { LANDSCAPE, launchBrowser, openKioskPage, PORTRAIT, screenshot } from './harness/browser';
import { chromeBoxes, controlsUnder, startingUnderTheBar } from './harness/display-checks';
import { resultsSettled, typeOnScreen } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';

const SBK = sampleCatalog.services.find((s) => s.name === '社会保障卡申领')!;

let terminal: TestKiosk;
let browser: Browser;

beforeAll(async () => {
  // As a terminal is configured: devTools off (the default).
  terminal = await startKiosk({ config: { centralUrl: null, hallName: '宿迁市宿城区政务服务中心', township: '幸福街道便民服务中心' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await terminal?.close();
});

/** Large text on, then up to `step` with the bar's 字号 button. */
async function largeText(page: Page, step: 1 | 2 | 3): Promise<void> {
  await page.getByTestId('toggle-large-text').tap();
  for (let s = 1; s < step; s++) await page.getByTestId('text-larger').tap();
  await page.waitForFunction((cls) => document.documentElement.classList.contains(cls), `text-${step}`);
}

describe('large text: three steps, and the bars stay small', () => {
  it('in landscape the header and bottom bar take at most 18 % of the height at every step, and the attract screen fits above the bar', async () => {
    const k = await openKioskPage(browser, terminal.url, { viewport: LANDSCAPE });
    const { page } = k;
    await page.getByTestId('attract-start').waitFor();
    const roots: number[] = [];
    for (const step of [1, 2, 3] as const) {
      if (step === 1) await largeText(page, 1);
      else await page.getByTestId('text-larger').tap();
      await page.waitForFunction((cls) => document.documentElement.classList.contains(cls), `text-${step}`);
      expect(await page.getByTestId('text-larger').textContent()).toContain(`字号 ${step}/3`);
      roots.push(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)));
      const { header, bottom } = await chromeBoxes(page);
      expect((header.height + bottom.height) / LANDSCAPE.height, `bars at step ${step}`).toBeLessThanOrEqual(0.18);
      expect(await startingUnderTheBar(page, '.attract button, .attract-hint, .attract-features li'), `attract at step ${step}`).toEqual([]);
      await screenshot(page, `layout-attract-large-${step}`);
    }
    // three distinct sizes, each larger than the last; the 字号 button cycles back to the first
    expect(roots).toEqual([27, 32, 37]);
    await page.getByTestId('text-larger').tap();
    await page.waitForFunction(() => document.documentElement.classList.contains('text-1'));
    // 大字 again turns large text off, whatever the step
    await page.getByTestId('toggle-large-text').tap();
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(20);
    expect(await page.getByTestId('text-larger').count()).toBe(0);
    await k.context.close();
  });

  it('in landscape large text both rows of common search terms start above the bar', async () => {
    const k = await openKioskPage(browser, terminal.url, { viewport: LANDSCAPE });
    const { page } = k;
    await page.getByTestId('attract-search').tap();
    await page.getByTestId('osk').waitFor();
    await largeText(page, 1);
    expect(await startingUnderTheBar(page, '[data-testid="quick-term"], [data-key]')).toEqual([]);
    await screenshot(page, 'layout-search-large-1');
    await k.context.close();
  });

  it('in portrait large text (largest step, Chinese and English) the header stays on one line', async () => {
    const k = await openKioskPage(browser, terminal.url, { viewport: PORTRAIT });
    const { page } = k;
    await page.getByTestId('attract-start').waitFor();
    await largeText(page, 3);
    const oneLine = () =>
      page.evaluate(() => {
        const lines = (sel: string) => {
          const el = document.querySelector(sel)!;
          return Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
        };
        const top = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top;
        return { title: lines('.brand-title'), hall: lines('.brand-hall'), statusOnOneRow: Math.abs(top('.sync') - top('.terminal-id')) < 12 };
      });
    expect(await oneLine()).toEqual({ title: 1, hall: 1, statusOnOneRow: true });
    await page.getByTestId('toggle-language').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await oneLine()).toEqual({ title: 1, hall: 1, statusOnOneRow: true });
    await screenshot(page, 'layout-portrait-header-english-large-3');
    await k.context.close();
  });
});

describe('the attract screen', () => {
  it('draws what the kiosk offers as a plain list, not as boxes that look tappable, and names the buttons that start', async () => {
    const k = await openKioskPage(browser, terminal.url);
    const { page } = k;
    await page.getByTestId('attract-start').waitFor();
    const lines = await page.locator('.attract-features li').evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        return { border: s.borderTopWidth, background: s.backgroundColor, focusable: (el as HTMLElement).tabIndex >= 0, role: el.getAttribute('role') };
      }),
    );
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toEqual({ border: '0px', background: 'rgba(0, 0, 0, 0)', focusable: false, role: null });
    const hint = await page.locator('.attract-hint').textContent();
    expect(hint).toContain('点击开始');
    expect(hint).toContain('搜索事项');
    await k.context.close();
  });
});

describe('English', () => {
  it('sets English text in a Latin font (no full-width apostrophe from a Chinese font)', async () => {
    const k = await openKioskPage(browser, terminal.url);
    const { page } = k;
    await page.getByTestId('toggle-language').tap();
    await page.getByTestId('helper-entry').tap();
    const prompt = page.locator('.hp-card-prompt');
    await prompt.filter({ hasText: 'helper’s own ID card' }).waitFor();
    const cdp = await k.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.hp-card-prompt' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const used = fonts.map((f) => f.familyName);
    // the decorative card icon (aria-hidden) is a sibling span; the sentence itself is Latin
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((f) => /WenQuanYi|CJK|Hei|YaHei|PingFang/i.test(f))).toEqual([]);
    await k.context.close();
  });

  it('translates the common search terms and has a space key; a term still searches the Chinese catalog', async () => {
    const k = await openKioskPage(browser, terminal.url);
    const { page } = k;
    await page.getByTestId('toggle-language').tap();
    await page.getByTestId('attract-search').tap();
    await page.getByTestId('osk').waitFor();
    const labels = await page.getByTestId('quick-term').allTextContents();
    expect(labels).toEqual(QUICK_TERMS.map((t) => `${QUICK_TERMS_EN[t]}${t}`));
    await page.getByTestId('quick-term').filter({ hasText: 'Social security card' }).tap();
    await expect.poll(() => page.getByTestId('search-input').inputValue()).toBe('社保卡');
    await resultsSettled(page);
    expect(await page.locator(`[data-testid="service-row"][data-code="${SBK.code}"]`).count()).toBe(1);

    await page.locator('[data-key="clear"]').tap();
    await typeOnScreen(page, 's');
    await page.locator('[data-key="space"]').tap();
    await typeOnScreen(page, 'b');
    await expect.poll(() => page.getByTestId('search-input').inputValue()).toBe('s b');
    expect(await page.locator('[data-key="space"]').textContent()).toBe('Space');
    await screenshot(page, 'layout-search-english');
    await k.context.close();
  });
});

describe('the renderer under its CSP', () => {
  it('builds its schemas without eval: no CSP violation while screens that parse with zod are used', async () => {
    const k = await openKioskPage(browser, terminal.url, {
      beforeGoto: async (page) => {
        await page.addInitScript(() => {
          const seen: string[] = [];
          (window as unknown as { cspViolations: string[] }).cspViolations = seen;
          document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
      },
    });
    const { page } = k;
    await page.getByTestId('attract-start').tap();
    await page.getByTestId('open-progress').tap();
    await page.getByTestId('progress-query').waitFor();
    await page.getByTestId('nav-home').tap();
    await page.getByTestId('open-search').tap();
    await typeOnScreen(page, 'sbk');
    await resultsSettled(page);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(k.problems).toEqual([]);
    await k.context.close();
  });
});

describe('the boot screen', () => {
  it('is drawn styled by the page alone: with no script and every stylesheet refused, its own inline style applies, admitted by the CSP', async () => {
    // What a citizen sees before any request for the bundle returns: the first paint waits for none.
    const context = await browser.newContext({ viewport: LANDSCAPE, javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    await page.route(/\.css(\?|$)/, (r) => r.abort());
    await page.goto(terminal.url);
    const look = await page.getByTestId('boot').evaluate((el) => {
      const s = getComputedStyle(el);
      return { display: s.display, textAlign: s.textAlign, minHeight: s.minHeight === `${window.innerHeight}px`, page: getComputedStyle(document.body).backgroundColor };
    });
    expect(look).toEqual({ display: 'grid', textAlign: 'center', minHeight: true, page: 'rgb(242, 245, 249)' });
    // a CSP refusal of the inline style would be logged here
    expect(problems.filter((p) => /Content Security Policy/.test(p))).toEqual([]);
    await context.close();
  });
});

describe('the simulator panel', () => {
  it('is not on a terminal: devTools off, no panel and its chunk never fetched', async () => {
    const fetched: string[] = [];
    const k = await openKioskPage(browser, terminal.url, { beforeGoto: async (page) => void page.on('request', (r) => fetched.push(r.url())) });
    const { page } = k;
    await page.getByTestId('attract-start').waitFor();
    await page.getByTestId('attract-start').tap();
    await page.getByTestId('tile-grid').waitFor();
    expect(await page.getByTestId('simulator-panel').count()).toBe(0);
    expect(fetched.filter((u) => /SimulatorPanel/.test(u))).toEqual([]);
    await k.context.close();
  });

  describe('under npm start (devTools on, simulated devices)', () => {
    let dev: TestKiosk;
    beforeAll(async () => {
      dev = await startKiosk({
        config: {
          centralUrl: null,
          devTools: true,
          devices: [{ kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 }],
        },
      });
    });
    afterAll(async () => {
      await dev?.close();
    });

    for (const viewport of [LANDSCAPE, PORTRAIT, { width: 1350, height: 900 }]) {
      it(`starts collapsed and, open or not, covers no citizen control at ${viewport.width}×${viewport.height}`, async () => {
        const k = await openKioskPage(browser, dev.url, { viewport });
        const { page } = k;
        const panel = '[data-testid="simulator-panel"]';
        await page.locator(panel).waitFor();
        expect(await page.getByTestId('simulator-toggle').getAttribute('aria-expanded')).toBe('false');
        expect(await controlsUnder(page, panel), 'attract, panel collapsed').toEqual([]);
        await page.getByTestId('attract-search').tap();
        await typeOnScreen(page, 'sbk');
        await resultsSettled(page);
        expect(await controlsUnder(page, panel), 'search results, panel collapsed').toEqual([]);
        await page.getByTestId('toggle-large-text').tap();
        expect(await controlsUnder(page, panel), 'search results in large text, panel collapsed').toEqual([]);
        await page.getByTestId('simulator-toggle').tap();
        expect(await page.getByTestId('simulator-toggle').getAttribute('aria-expanded')).toBe('true');
        expect(await controlsUnder(page, panel), 'search results in large text, panel open').toEqual([]);
        await page.getByTestId('toggle-large-text').tap();
        expect(await controlsUnder(page, panel), 'search results, panel open').toEqual([]);
        await screenshot(page, `layout-sim-panel-open-${viewport.width}x${viewport.height}`);
        // A tap on a result opens the result; nothing lands on the simulated reader.
        await page.locator(`[data-testid="service-row"][data-code="${SBK.code}"]`).tap();
        await page.getByTestId('guide').waitFor();
        expect((await dev.host.backend.ctx.devices.sim!.state()).idCard.inserted).toBeNull();
        expect(k.problems).toEqual([]);
        await k.context.close();
      });
    }
  });
});
