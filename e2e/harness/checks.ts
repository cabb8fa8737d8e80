// One call per screen: screenshot it, then fail on what a citizen (or an auditor) would notice.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousA11yViolations } from './axe';
import { screenshot } from './browser';
import { horizontalOverflow, smallTouchTargets } from './measure';

export async function checkScreen(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await screenshot(page, name, opts.fullPage);
  expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
  expect(await smallTouchTargets(page), `touch targets on ${name}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal overflow on ${name}`).toBeLessThanOrEqual(0);
}
