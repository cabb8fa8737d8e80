// Spoken guidance and screen-reader semantics on the application journey, in Chromium against
// the real backend, the device simulators and a private speech-dispatcher (espeak-ng into a null
// sound card). What was spoken is asserted through the service (its log: text, language, volume),
// not by ear, and compared with the words on screen at that moment. On each screen the
// accessibility tree (what Orca reads) must name every control, the step heading must hold the
// focus, and device prompts and the idle countdown must sit in live regions.
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import type { SimAction } from '../devices/sim/sim-actions';
import { startPrivateSpeechd, type PrivateSpeechd } from '../devices/test-support/private-speechd';
import { waitFor } from '../devices/test-support/wait';
import { axControls, axFocused, axLiveRegions } from './harness/ax-tree';
import { openKioskPage, screenshot, type KioskPage } from './harness/browser';
import { openGuideBySearch, sign, typeOsk } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { CHROMIUM, CHROMIUM_ARGS } from './harness/paths';

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
// the countdown runs in real time while the checks look at it (slow on a loaded machine)
const IDLE = { warnAfterSec: 600, countdownSec: 180 };

let speechd: PrivateSpeechd;
let kiosk: TestKiosk;
let browser: Browser;
let k: KioskPage;
const backend = () => kiosk.host.backend;

async function sim(action: SimAction): Promise<void> {
  const r = await backend().ctx.devices.sim!.act(action);
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

/** The prompts and errors on screen now, as a citizen reads them (the speech watcher's rule, restated). */
function shownPrompts(page: Page): Promise<string> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-spoken], [role="alert"]'))
      .filter((el) => !el.closest('[aria-hidden="true"], [hidden]') && el.getClientRects().length > 0)
      .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((t) => t.length > 0)
      .join(' '),
  );
}

/** Waits until the service has said exactly what the screen shows, in `language`; returns that text. */
async function heard(page: Page, language: 'zh' | 'en', what: string): Promise<string> {
  let shown = '';
  try {
    await waitFor(
      async () => {
        shown = await shownPrompts(page);
        return speechd.sounded().some((u) => u.text === shown && u.language === language);
      },
      20_000,
      what,
    );
  } catch (e) {
    await screenshot(page, `speech-failed-${what.replace(/\W+/g, '-')}`);
    const step = await page
      .locator('[data-testid="journey"]')
      .getAttribute('data-step', { timeout: 1000 })
      .catch(() => null);
    throw new Error(`${what} not said as shown (shown: "${shown}", step ${step}, service ${JSON.stringify(backend().ctx.speech.status())}, said last: ${JSON.stringify(speechd.spoken().slice(-3))})`, {
      cause: e,
    });
  }
  return shown;
}

/** Every control named; the step's heading focused; a screenshot for the record. */
async function screenReaderCheck(page: Page, name: string, heading: string | null) {
  await screenshot(page, `speech-${name}`);
  const unnamed = (await axControls(page)).filter((c) => c.name === '');
  expect(unnamed, `controls without a name on ${name}`).toEqual([]);
  if (heading !== null) {
    await expect.poll(() => axFocused(page), { timeout: 5000 }).toEqual({ role: 'heading', name: heading });
  }
}

beforeAll(async () => {
  speechd = await startPrivateSpeechd();
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      terminalId: 'E2ESP01',
      idle: IDLE,
      journey: { faceCheck: false },
      speech: { socketPath: speechd.socketPath, onByDefault: true, volume: 60 },
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'scanner', mode: 'simulator' },
      ],
    },
  });
  await backend().ctx.devices.settled();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
  await speechd?.stop();
});

describe('spoken guidance and screen reader on the application journey', () => {
  it('says the identify prompt and the waiting-for-card device prompt as shown, in Mandarin, with the heading focused and the prompt in a live region', async () => {
    k = await openKioskPage(browser, kiosk.url, { beforeGoto: (p) => p.clock.install() });
    const { page } = k;
    await page.getByTestId('speech-controls').waitFor();
    await screenReaderCheck(page, '01-attract', null);
    await openGuideBySearch(page, 'gjj', RENT.code);
    await screenReaderCheck(page, '02-guide', null);
    await page.getByTestId('start-apply').tap();
    await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();

    const said = await heard(page, 'zh', 'the identify step');
    expect(said).toContain('请将身份证放在读卡区');
    expect(said).toContain(await page.getByTestId('identify-status').textContent());
    await screenReaderCheck(page, '03-identify', '请将身份证放在读卡区');
    const live = await axLiveRegions(page);
    expect(
      live.some((r) => r.role === 'status' && r.live === 'polite'),
      JSON.stringify(live),
    ).toBe(true);
  });

  it('says the form prompt and its problems, repeats on 再听一遍, and speaks louder after 音量增大', async () => {
    const { page } = k;
    await sim({ device: 'id-card-reader', action: 'insert', card: 'resident' });
    await page.getByTestId('identity-continue').tap();
    await page.getByTestId('journey-form').waitFor();
    await sim({ device: 'id-card-reader', action: 'remove' });
    const formPrompt = await heard(page, 'zh', 'the form step');
    expect(formPrompt).toContain(await page.locator('#form-title').textContent());
    await screenReaderCheck(page, '04-form', (await page.locator('#form-title').textContent())!);

    // An error is said as it appears on screen.
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('form-problems').waitFor();
    const problems = (await page.getByTestId('form-problems').textContent())!;
    await waitFor(
      () => speechd.spoken().some((t) => t.includes(problems)),
      20_000,
      `the form problems said (service ${JSON.stringify(backend().ctx.speech.status())}, said last: ${JSON.stringify(speechd.spoken().slice(-3))})`,
    );

    // Say again: the same words once more; louder: the same words at the next volume step.
    const before = speechd.sounded().length;
    await page.getByTestId('speech-repeat').tap();
    await waitFor(() => speechd.sounded().length > before, 10_000, 'the repeat');
    const repeated = speechd.sounded().at(-1)!;
    expect(repeated.text).toBe(await shownPrompts(page));
    expect(repeated.volume).toBe(20); // 60 of 100 → SSIP 20
    await page.getByTestId('speech-louder').tap();
    await waitFor(() => speechd.sounded().at(-1)!.volume === 60, 10_000, 'louder (80 of 100 → SSIP 60)');
    expect(await page.getByTestId('speech-level').textContent()).toBe('音量 4/5');
  });

  it('says the materials, commitment, review and receipt prompts; in English once English is chosen', async () => {
    const { page } = k;
    await typeOsk(page, 'input-phone', '13912345678');
    await typeOsk(page, 'input-fundAccount', '32000123456');
    await typeOsk(page, 'input-monthlyRent', '1800');
    await typeOsk(page, 'input-bankAccount', '6222020000000000000');
    await page.locator('[data-testid="form-osk"] [data-key="done"]').tap();
    await page.locator('[data-field="married"] [data-value="no"]').tap();
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-materials').waitFor();
    expect(await heard(page, 'zh', 'the materials step')).toContain('请逐项扫描材料');
    await screenReaderCheck(page, '05-materials', (await page.locator('#materials-title').textContent())!);

    // English: the same step's prompt, in English words and an English voice.
    await page.getByTestId('toggle-language').tap();
    await page
      .locator('#materials-title')
      .filter({ hasText: /[A-Za-z]/ })
      .waitFor();
    expect(await heard(page, 'en', 'the materials step in English')).toContain('Scan each material');
    await screenReaderCheck(page, '05-materials-en', null);
    await page.getByTestId('toggle-language').tap();
    await page.locator('#materials-title').filter({ hasText: /材料/ }).waitFor();

    const lease = page.locator('[data-testid="checklist-item"][data-material="lease-contract"]');
    await lease.getByTestId('scan-flatbed').tap();
    await expect.poll(() => lease.getByTestId('page-thumb').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-commitment').waitFor();
    expect(await heard(page, 'zh', 'the commitment step')).toContain(await page.getByTestId('commitment-deadline').textContent());
    await screenReaderCheck(page, '06-commitment', (await page.locator('#commitment-title').textContent())!);

    await sign(page, 'commitment-signature');
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-review').waitFor();
    await heard(page, 'zh', 'the review step');
    await screenReaderCheck(page, '07-review', (await page.locator('#review-title').textContent())!);

    await sign(page, 'applicant-signature');
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-receipt').waitFor({ timeout: 30_000 });
    expect(await heard(page, 'zh', 'the receipt step')).toContain(await page.locator('#receipt-title').textContent());
    await screenReaderCheck(page, '08-receipt', (await page.locator('#receipt-title').textContent())!);
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-rate').waitFor();
    await heard(page, 'zh', 'the rating step');
    await screenReaderCheck(page, '09-rate', (await page.locator('#rate-title').textContent())!);
  }, 300_000);

  it('announces the idle countdown in a live region and says it; with speech off nothing is said; the next citizen starts with speech on', async () => {
    const { page } = k;
    const dialog = page.getByTestId('idle-dialog');
    await page.clock.fastForward((IDLE.warnAfterSec + 1) * 1000);
    await dialog.waitFor();
    const announcer = (await page.getByTestId('idle-announcer').textContent())!;
    expect(announcer).toMatch(/^还有 \d+ 秒返回首页$/);
    await waitFor(() => speechd.spoken().some((t) => t.includes(announcer)), 10_000, 'the countdown said');
    const live = await axLiveRegions(page);
    expect(
      live.some((r) => r.role === 'timer' && r.live === 'assertive'),
      JSON.stringify(live),
    ).toBe(true);
    await screenReaderCheck(page, '10-idle', null);
    await dialog.getByRole('button').tap();
    await expect.poll(() => dialog.count()).toBe(0);

    // Off: the same warning comes again and nothing is said.
    await page.getByTestId('speech-toggle').tap();
    expect(await page.getByTestId('speech-toggle').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => page.getByTestId('speech-repeat').count()).toBe(0);
    const count = speechd.sounded().length;
    await page.clock.fastForward((IDLE.warnAfterSec + 1) * 1000);
    await dialog.waitFor();
    await page.waitForTimeout(1000);
    expect(speechd.sounded().length).toBe(count);
    await dialog.getByRole('button').tap();
    await expect.poll(() => dialog.count()).toBe(0);

    await page.getByTestId('journey-finish').tap();
    await page.getByTestId('attract-search').waitFor();
    expect(await page.getByTestId('speech-toggle').getAttribute('aria-pressed')).toBe('true');
  });

  it('hides the speech controls when the speech service goes away, and the kiosk goes on', async () => {
    const { page } = k;
    // What the screen asked to say between the service going and the screen learning it is refused
    // (503, area speech): that, and only that, may show as a failed load.
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await speechd.stop();
    await waitFor(() => backend().ctx.speech.status().state === 'unavailable', 10_000, 'the backend noticing');
    // the screen looks again every 30 s
    await page.clock.fastForward(31_000);
    await page.getByTestId('speech-controls').waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('attract-search').tap();
    await page.getByTestId('search-input').waitFor();
    for (const r of refused) expect(r).toMatch(/^503 \/api\/speech\//);
    const speechRefused = (p: string) => refused.length > 0 && p === 'console: Failed to load resource: the server responded with a status of 503 (Service Unavailable)';
    expect(k.problems.filter((p) => !speechRefused(p))).toEqual([]);
  });
});
