// Measurements for the display modes (large text ×3, 高对比, 低位操作, English) and the shared
// look: what axe does not cover (non-text contrast, the smallest text, where controls sit).
import type { Page } from 'playwright-core';

/** Every visible tap target, the same set the 48 px ruler measures. */
const CONTROLS = 'button, a[href], input, select, textarea, [role="tab"], [role="button"], [role="radio"]';

interface ContrastProblem {
  what: string;
  side: string;
  ratio: number;
}

/**
 * WCAG 1.4.11 for outlines: every enabled control and every card whose edge is drawn by its
 * border (its own fill does not already stand out from what is behind it) has that border at
 * ≥ 3 : 1 against the background around it.
 */
export async function weakOutlines(page: Page, cards = '.tile, .service-row, .search-results, .search-cta, .osk-key'): Promise<ContrastProblem[]> {
  return page.evaluate(
    ([controls, cardSel]) => {
      const parse = (c: string): [number, number, number, number] | null => {
        const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(c);
        return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const ratio = (a: number[], b: number[]) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => p - q);
        return (y! + 0.05) / (x! + 0.05);
      };
      const behind = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c[3] >= 0.99) return c;
        }
        return [255, 255, 255];
      };
      const out: { what: string; side: string; ratio: number }[] = [];
      const seen = new Set<Element>();
      for (const el of document.querySelectorAll<HTMLElement>(`${controls}, ${cardSel}`)) {
        if (seen.has(el)) continue;
        seen.add(el);
        const st = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || (el as HTMLButtonElement).disabled) continue;
        if (el.closest('[data-testid="simulator-panel"]')) continue;
        const around = behind(el.parentElement);
        const own = parse(st.backgroundColor);
        // A filled control (e.g. a primary button) is outlined by its fill.
        if (own && own[3] >= 0.99 && ratio(own, around) >= 3) continue;
        for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
          const width = parseFloat(st.getPropertyValue(`border-${side.toLowerCase()}-width`));
          const style = st.getPropertyValue(`border-${side.toLowerCase()}-style`);
          const color = parse(st.getPropertyValue(`border-${side.toLowerCase()}-color`));
          if (!width || style === 'none' || !color || color[3] < 0.5) continue;
          const cr = ratio(color, around);
          if (cr < 3) out.push({ what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`, side, ratio: Math.round(cr * 100) / 100 });
        }
      }
      return out;
    },
    [CONTROLS, cards] as const,
  );
}

interface SmallText {
  text: string;
  px: number;
}

/** Visible text set smaller than `min` CSS px (elderly readers: nothing below 16 px). */
export async function smallText(page: Page, min = 16): Promise<SmallText[]> {
  return page.evaluate((minPx) => {
    const out: { text: string; px: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('[data-testid="simulator-panel"], svg, [aria-hidden="true"]')) continue;
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || st.visibility === 'hidden') continue;
      const px = parseFloat(st.fontSize);
      if (px < minPx - 0.01) out.push({ text: text.slice(0, 30), px });
    }
    return out;
  }, min);
}

interface OutOfReach {
  label: string;
  top: number;
}

/**
 * 低位操作: controls whose visible part reaches above `share` of the screen height. A control
 * inside a scrolling box counts only with the part that box shows (what a hand can touch).
 */
export async function controlsAboveReach(page: Page, share = 0.45): Promise<OutOfReach[]> {
  return page.evaluate(
    ([controls, s]) => {
      const line = window.innerHeight * s;
      const out: { label: string; top: number }[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(controls)) {
        const st = getComputedStyle(el);
        let { top, bottom } = el.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || st.visibility === 'hidden') continue;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowY;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') {
            const b = p.getBoundingClientRect();
            top = Math.max(top, b.top);
            bottom = Math.min(bottom, b.bottom);
          }
        }
        top = Math.max(top, 0);
        bottom = Math.min(bottom, window.innerHeight);
        if (bottom <= top) continue; // scrolled out of sight: reachable by scrolling the lower band
        if (top < line - 0.5) out.push({ label: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 30), top: Math.round(top) });
      }
      return out;
    },
    [CONTROLS, share] as const,
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Controls of the kiosk (outside `panelSelector`) whose box meets the panel's box. */
export async function controlsUnder(page: Page, panelSelector: string): Promise<string[]> {
  return page.evaluate(
    ([controls, sel]) => {
      const panel = document.querySelector(sel);
      if (!panel) return [];
      const p = panel.getBoundingClientRect();
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(controls)) {
        if (panel.contains(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const meets = r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top;
        if (meets) out.push((el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 30));
      }
      return out;
    },
    [CONTROLS, panelSelector] as const,
  );
}

/** Boxes of the shared header and bottom bar (help line included). */
export async function chromeBoxes(page: Page): Promise<{ header: Box; bottom: Box }> {
  return page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return { header: box('.app-header'), bottom: box('.app-bottom') };
  });
}

/** Elements matching `selector` that start below the top of the bottom bar at the current
 *  scroll position: on screen, but under the bar. */
export async function startingUnderTheBar(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const bar = document.querySelector('.app-bottom')!.getBoundingClientRect().top;
    return [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.getBoundingClientRect().bottom > bar + 0.5).map((e) => (e.textContent ?? '').trim().slice(0, 30));
  }, selector);
}
