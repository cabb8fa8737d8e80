// Things a citizen notices that are easiest to check by measuring the rendered page.
import type { Page } from 'playwright-core';

export interface SmallTarget {
  label: string;
  width: number;
  height: number;
}

/** Every visible button, link, tab and input smaller than 48 × 48 CSS px. */
export async function smallTouchTargets(page: Page, min = 48): Promise<SmallTarget[]> {
  return page.evaluate((minPx) => {
    const out: { label: string; width: number; height: number }[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="tab"], [role="button"]')) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      if (r.width < minPx || r.height < minPx)
        out.push({ label: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40), width: Math.round(r.width), height: Math.round(r.height) });
    }
    return out;
  }, min);
}

/** Pixels the page is wider than the screen (a sideways scroll nobody will find). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function rootFontSizePx(page: Page): Promise<number> {
  return page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
}

export async function fontSizePx(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** Resolves once smooth scrolling has come to rest (scrollY unchanged over a few frames). */
export async function scrollSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const y = window.scrollY;
        setTimeout(() => resolve(window.scrollY === y), 250);
      }),
    undefined,
    { timeout: 10_000 },
  );
}

/** On-screen keyboard letters a citizen cannot reach without scrolling: below the bottom bar
 *  or off screen at the initial scroll position. */
export async function lettersOutOfReach(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('.app-bottom')!.getBoundingClientRect().top;
    return [...document.querySelectorAll<HTMLElement>('[data-key]')].filter((k) => k.getBoundingClientRect().bottom > bar).map((k) => k.dataset.key!);
  });
}
