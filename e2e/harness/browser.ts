// Debian Chromium through playwright-core, set up like the kiosk's touch screen.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOT_DIR } from './paths';

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface KioskPage {
  page: Page;
  context: BrowserContext;
  /** console errors, uncaught exceptions and CSP refusals seen so far */
  problems: string[];
}

export async function openKioskPage(browser: Browser, url: string, opts: { viewport?: { width: number; height: number }; beforeGoto?: (page: Page) => Promise<void> } = {}): Promise<KioskPage> {
  const context = await browser.newContext({ viewport: opts.viewport ?? LANDSCAPE, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await opts.beforeGoto?.(page);
  await page.goto(url);
  return { page, context, problems };
}

/** Saves test-results/screenshots/<name>.png. A full-page shot un-sticks the header and the
 *  bottom bar first, or they would be painted once, mid-page, over the content. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  const sticky = '.app-header, .app-bottom';
  if (fullPage) await page.evaluate((sel) => document.querySelectorAll<HTMLElement>(sel).forEach((e) => (e.style.position = 'static')), sticky);
  try {
    await page.screenshot({ path: file, fullPage });
  } finally {
    if (fullPage) await page.evaluate((sel) => document.querySelectorAll<HTMLElement>(sel).forEach((e) => (e.style.position = '')), sticky);
  }
  return file;
}
