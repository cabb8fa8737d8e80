// Steps several e2e files take the same way a citizen would.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function typeOnScreen(page: Page, letters: string): Promise<void> {
  for (const k of letters) await page.locator(`[data-key="${k}"]`).tap();
}

/** Waits until the results shown are those for what the search box now says. */
export async function resultsSettled(page: Page): Promise<void> {
  const q = (await page.getByTestId('search-input').inputValue()).trim();
  await page.locator(`[data-testid="results-status"][data-query="${q}"]`).waitFor();
}

/** From the attract screen: search by typing on the on-screen keyboard, open one guide. */
export async function openGuideBySearch(page: Page, letters: string, code: string): Promise<void> {
  await page.getByTestId('attract-search').tap();
  await typeOnScreen(page, letters);
  await resultsSettled(page);
  await page.locator(`[data-testid="service-row"][data-code="${code}"]`).tap();
  await page.getByTestId('guide').waitFor();
}

/** "2026-11-22 13:11" as the kiosk (in Asia/Shanghai) shows an ISO time. */
export function shanghaiMinute(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}

/** Types on the form's on-screen keyboard into one field, as a citizen taps the keys. */
export async function typeOsk(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).tap();
  await page.getByTestId('form-osk').waitFor();
  for (const ch of text) await page.locator(`[data-testid="form-osk"] [data-key="${ch.toLowerCase()}"]`).tap();
}

/** Draws a zigzag on a signature pad and waits until the pad counts it as signed. */
export async function sign(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  const box = (await page.getByTestId(testId).boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 40 + i * 30, box.y + box.height / 2 + (i % 2 ? 30 : -30));
  await page.mouse.up();
  await expect.poll(() => page.getByTestId(testId).getAttribute('data-signed')).toBe('true');
}
