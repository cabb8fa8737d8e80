// Every screen a citizen walks through, in every display mode: normal, large text in its three
// steps, 高对比 (high contrast), 低位操作 (low reach) and English. One browser, one walk: each
// screen is visited once and checked in each mode there (the bar's switches, tapped as a
// citizen would), with axe, the 48 px ruler, sideways overflow, outline contrast, the smallest
// text, and in low reach where every control sits. Screenshots: test-results/display-modes/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { CN_2026 } from '../common/test-support/calendars';
import type { SimAction } from '../devices/sim/sim-actions';
import { enrolHelper, TEST_HELPERS } from '../main/backend/test-support/helper';
import { technicianSettings, TEST_PIN } from '../main/backend/test-support/technician';
import { seriousA11yViolations } from './harness/axe';
import { openKioskPage, type KioskPage } from './harness/browser';
import { controlsAboveReach, smallText, weakOutlines } from './harness/display-checks';
import { resultsSettled, sign, typeOnScreen } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { horizontalOverflow, smallTouchTargets } from './harness/measure';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from './harness/paths';

const SHOTS = path.join(ROOT, 'test-results', 'display-modes');
const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
// Each screen is checked seven times: the walk's tests get minutes, not the default two.
const WALK_MS = 600_000;
const MODES = ['normal', 'text-1', 'text-2', 'text-3', 'high-contrast', 'low-reach', 'english'] as const;
type Mode = (typeof MODES)[number];

let kiosk: TestKiosk;
let browser: Browser;
let k: KioskPage;
const backend = () => kiosk.host.backend;

async function sim(action: SimAction): Promise<void> {
  const r = await backend().ctx.devices.sim!.act(action);
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

/** Switches `mode` on from the normal display with the bar's buttons; returns how to undo it. */
async function enter(page: Page, mode: Mode): Promise<() => Promise<void>> {
  const tap = (id: string) => page.getByTestId(id).tap();
  switch (mode) {
    case 'normal':
      return async () => {};
    case 'text-1':
    case 'text-2':
    case 'text-3': {
      await tap('toggle-large-text');
      for (let step = 1; step < Number(mode.slice(5)); step++) await tap('text-larger');
      await page.waitForFunction((cls) => document.documentElement.classList.contains(cls), mode);
      return () => tap('toggle-large-text');
    }
    case 'high-contrast':
      await tap('toggle-high-contrast');
      return () => tap('toggle-high-contrast');
    case 'low-reach':
      await tap('toggle-low-reach');
      return () => tap('toggle-low-reach');
    case 'english':
      await tap('toggle-language');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      return async () => {
        await tap('toggle-language');
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      };
  }
}

async function checkMode(page: Page, screen: string, mode: Mode): Promise<void> {
  const where = `${screen} in ${mode}`;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${screen}-${mode}.png`) });
  expect(await seriousA11yViolations(page), `axe on ${where}`).toEqual([]);
  expect(await smallTouchTargets(page), `touch targets on ${where}`).toEqual([]);
  expect(await horizontalOverflow(page), `sideways overflow on ${where}`).toBeLessThanOrEqual(0);
  expect(await weakOutlines(page), `outline contrast on ${where}`).toEqual([]);
  expect(await smallText(page), `text under 16 px on ${where}`).toEqual([]);
  if (mode === 'low-reach') expect(await controlsAboveReach(page, 0.45), `controls above 45 % of the height on ${where}`).toEqual([]);
}

/** A modal dialog blocks the bar (as it should): each mode is set first, then the dialog opened,
 *  checked and closed again; in low reach it must open at the foot of the screen. */
async function everyModeOfDialog(page: Page, screen: string, dialog: string, open: () => Promise<void>, close: () => Promise<void>): Promise<void> {
  for (const mode of MODES) {
    const undo = await enter(page, mode);
    try {
      await open();
      await checkMode(page, screen, mode);
      if (mode === 'low-reach') {
        // opened at the foot of the screen, where a seated person's hand already is
        const box = (await page.getByTestId(dialog).boundingBox())!;
        const height = await page.evaluate(() => window.innerHeight);
        expect(box.y + box.height, `${dialog} opens in the lower part in low reach`).toBeGreaterThanOrEqual(height * 0.85);
      }
    } finally {
      if (await page.getByTestId(dialog).isVisible()) await close();
      await undo();
    }
  }
}

/** The screen as it is now, in every mode, back to the normal display afterwards. */
async function everyMode(page: Page, screen: string): Promise<void> {
  for (const mode of MODES) {
    const undo = await enter(page, mode);
    try {
      await checkMode(page, screen, mode);
    } finally {
      await undo();
    }
  }
  await page.waitForFunction(() => !/text-|high-contrast|low-reach/.test(document.documentElement.className));
}

beforeAll(async () => {
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      terminalId: 'E2EM001',
      hallName: '宿迁市宿城区政务服务中心',
      idle: { warnAfterSec: 600, countdownSec: 10 },
      maintenance: technicianSettings(),
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'scanner', mode: 'simulator' },
        { kind: 'code-scanner', mode: 'simulator' },
      ],
    },
  });
  await backend().ctx.devices.settled();
  backend().ctx.store.outbox.putCalendar(2026, CN_2026.version, JSON.stringify(CN_2026), new Date().toISOString());
  await enrolHelper(backend(), TEST_HELPERS.a);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  k = await openKioskPage(browser, kiosk.url);
  await k.context.grantPermissions(['camera'], { origin: kiosk.origin });
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('every screen in every display mode (landscape 1920×1080)', () => {
  it(
    'browsing: attract, home, a list, search, a full guide',
    async () => {
      const { page } = k;
      await page.getByTestId('attract-start').waitFor();
      await everyMode(page, '01-attract');
      await page.getByTestId('attract-start').tap();
      await page.getByTestId('tile-grid').waitFor();
      await everyMode(page, '02-home');
      await everyModeOfDialog(
        page,
        '02-call-for-help',
        'call-for-help-dialog',
        async () => {
          await page.getByTestId('call-for-help').tap();
          await page.locator('[data-testid="call-for-help-outcome"]:not([data-outcome="asking"])').waitFor();
        },
        () => page.getByTestId('call-for-help-close').tap(),
      );
      await page.locator('[data-testid="tile"]').first().tap();
      await page.getByTestId('service-row').first().waitFor();
      await everyMode(page, '03-list');
      await page.getByTestId('nav-home').tap();
      await page.getByTestId('open-search').tap();
      await typeOnScreen(page, 'gjj');
      await resultsSettled(page);
      await everyMode(page, '04-search');
      await page.locator(`[data-testid="service-row"][data-code="${RENT.code}"]`).tap();
      await page.getByTestId('guide').waitFor();
      await everyMode(page, '05-guide');
    },
    WALK_MS,
  );

  it(
    'the application journey: identify, face check, form, materials, commitment, review, receipt, rating',
    async () => {
      const { page } = k;
      await page.getByTestId('start-apply').tap();
      await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
      await page.waitForTimeout(300);
      await everyMode(page, '10-identify-waiting');
      await sim({ device: 'id-card-reader', action: 'insert', card: 'resident' });
      await page.locator('[data-testid="face-check"][data-phase="live"]').waitFor();
      await everyMode(page, '11-face-check');
      await page.getByTestId('face-capture').tap();
      await page.getByTestId('journey-form').waitFor({ timeout: 20_000 });
      await sim({ device: 'id-card-reader', action: 'remove' });

      // 是 / 否 are buttons a citizen sees as buttons: outlined, full size, the chosen one filled.
      const no = page.locator('[data-field="married"] [data-value="no"]');
      const look = () =>
        no.evaluate((el) => {
          const s = getComputedStyle(el);
          return { border: s.borderTopWidth, style: s.borderTopStyle, color: s.borderTopColor, bg: s.backgroundColor, height: el.getBoundingClientRect().height };
        });
      const before = await look();
      expect(before).toMatchObject({ border: '2px', style: 'solid', color: 'rgb(91, 127, 176)', bg: 'rgb(255, 255, 255)' });
      expect(before.height).toBeGreaterThanOrEqual(54); // 2.7rem
      await no.tap();
      expect(await no.getAttribute('aria-checked')).toBe('true');
      expect((await look()).bg).toBe('rgb(11, 74, 139)');
      await everyMode(page, '12-form');

      for (const [id, text] of [
        ['input-phone', '13912345678'],
        ['input-fundAccount', '32000123456'],
        ['input-monthlyRent', '1800'],
        ['input-bankAccount', '6222020000000000000'],
      ] as const) {
        await page.getByTestId(id).tap();
        for (const ch of text) await page.locator(`[data-testid="form-osk"] [data-key="${ch}"]`).tap();
      }
      await everyMode(page, '13-form-keyboard');
      await page.locator('[data-testid="form-osk"] [data-key="done"]').tap();
      await page.getByTestId('journey-next').tap();
      await page.getByTestId('journey-materials').waitFor();
      const lease = page.locator('[data-testid="checklist-item"][data-material="lease-contract"]');
      await lease.getByTestId('scan-flatbed').tap();
      await expect.poll(() => lease.getByTestId('page-thumb').count(), { timeout: 30_000 }).toBe(1);
      await everyMode(page, '14-materials');
      await everyModeOfDialog(
        page,
        '14-exit-question',
        'exit-dialog',
        async () => {
          await page.getByTestId('journey-exit').tap();
          await page.getByTestId('exit-dialog').waitFor();
        },
        () => page.getByTestId('exit-no').tap(),
      );
      await page.getByTestId('journey-next').tap();
      await page.getByTestId('journey-commitment').waitFor();
      await everyMode(page, '15-commitment');
      await sign(page, 'commitment-signature');
      await page.getByTestId('journey-next').tap();
      await page.getByTestId('journey-review').waitFor();
      await everyMode(page, '16-review');
      await sign(page, 'applicant-signature');
      await page.getByTestId('journey-next').tap();
      await page.getByTestId('journey-receipt').waitFor({ timeout: 20_000 });
      // printed, or held when the printer is slow to answer: both are screens a citizen sees
      await page.locator('[data-testid="receipt-printed"], [data-testid="receipt-held"]').first().waitFor();
      await everyMode(page, '17-receipt');
      await page.getByTestId('journey-next').tap();
      await page.getByTestId('journey-rate').waitFor();

      // The five levels are the 9 × 5 rem cards they were drawn as (180 × 100 px at 20 px).
      const rating = (await page.locator('[data-testid="rating"][data-value="5"]').boundingBox())!;
      expect(rating.width).toBeGreaterThanOrEqual(180);
      expect(rating.height).toBeGreaterThanOrEqual(100);
      await page.locator('[data-testid="rating"][data-value="2"]').tap();
      await page.getByTestId('rating-reasons').waitFor();
      await everyMode(page, '18-rating');
      await page.getByTestId('rating-reason').first().tap();
      await page.getByTestId('rating-submit').tap();
      await page.getByTestId('journey-rated').waitFor();
      await page.getByTestId('journey-finish').tap();
      await page.getByTestId('attract-start').waitFor();
    },
    WALK_MS,
  );

  it(
    'follow-up and helper sign-in: the progress query and the helper PIN pad',
    async () => {
      const { page } = k;
      await page.getByTestId('attract-start').tap();
      await page.getByTestId('open-progress').tap();
      await page.getByTestId('progress-query').waitFor();
      await everyMode(page, '20-progress-query');
      await page.getByTestId('nav-home').tap();
      await page.getByTestId('nav-back').tap();

      await page.getByTestId('helper-entry').tap();
      await page.getByTestId('helper-sign-in').waitFor();
      await page.waitForTimeout(300);
      await sim({ device: 'id-card-reader', action: 'insert', card: 'township-helper' });
      const key = page.locator('[data-helper-key="5"]');
      await key.waitFor();
      await sim({ device: 'id-card-reader', action: 'remove' });
      // The pad's own key size (4 rem, 1.6 rem digits), not the generic button's.
      const box = (await key.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(80);
      expect(await key.evaluate((el) => getComputedStyle(el).fontSize)).toBe('32px');
      await everyMode(page, '21-helper-pin');
      await page.getByTestId('nav-home').tap();
    },
    WALK_MS,
  );

  it(
    'maintenance: the PIN pad keeps its big keys, and the panel has high contrast too',
    async () => {
      const { page } = k;
      await page.goto(kiosk.url);
      await page.getByTestId('attract-start').waitFor();
      // five taps within 3 s; on a loaded machine a tap can take long, so keep tapping until it opens
      const openPad = async () => {
        const dialog = page.getByTestId('pin-dialog');
        for (let i = 0; i < 20 && !(await dialog.isVisible()); i++) await page.locator('.brand-mark').tap();
        await dialog.waitFor();
      };
      await openPad();
      const key = page.locator('[data-pin-key="5"]');
      expect((await key.boundingBox())!.height).toBeGreaterThanOrEqual(84); // 4.2rem
      expect(await key.evaluate((el) => getComputedStyle(el).fontSize)).toBe('30px');
      await page.getByTestId('pin-cancel').tap();
      await everyModeOfDialog(page, '30-maintenance-pin', 'pin-dialog', openPad, () => page.getByTestId('pin-cancel').tap());
      await openPad();
      for (const d of TEST_PIN) await page.locator(`[data-pin-key="${d}"]`).tap();
      await page.getByTestId('pin-submit').tap();
      await page.getByTestId('maintenance-screen').waitFor();
      await checkMode(page, '31-maintenance', 'normal');
      await page.getByTestId('maint-high-contrast').tap();
      expect(await page.getByTestId('maint-high-contrast').getAttribute('aria-pressed')).toBe('true');
      const colours = await page.getByTestId('maint-exit').evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.color, s.backgroundColor, getComputedStyle(document.querySelector('.maint-screen')!).backgroundColor];
      });
      expect(colours).toEqual(['rgb(255, 235, 59)', 'rgb(0, 0, 0)', 'rgb(0, 0, 0)']);
      await checkMode(page, '31-maintenance', 'high-contrast');
      // Leaving maintenance hands the next citizen the normal display.
      await page.getByTestId('maint-exit').tap();
      await page.getByTestId('attract-start').waitFor();
      expect(await page.evaluate(() => document.documentElement.classList.contains('high-contrast'))).toBe(false);
    },
    WALK_MS,
  );

  it('saw no console error, CSP refusal or uncaught exception', () => {
    expect(k.problems).toEqual([]);
  });
});
