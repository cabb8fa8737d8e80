// The technician's visit, through Chromium against the real backend (simulated devices,
// embedded central): hidden gesture + PIN, a test print, paper-out seen from the simulator, a
// dead letter retried, config and records, usage charts; and the citizen's side: direct API
// calls get 403, wrong PINs lock the entry. Every maintenance screen is checked with axe.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { uuidv7 } from '../common/uuidv7';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import { waitFor } from '../devices/test-support/wait';
import { technicianSettings, TEST_PIN } from '../main/backend/test-support/technician';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';
import { launchBrowser, openKioskPage, type KioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { queueCase } from './harness/queued-case';
import { startKiosk, tempDir, type TestKiosk } from './harness/kiosk';

const SERVICE = sampleCatalog.services.find((s) => s.kioskFull)!;
const APPLICANT = { name: '司马相如', idNumber: testIdNumber(11), phone: '13800138000' };

let kiosk: TestKiosk;
let browser: Browser;
let usb: string;

beforeAll(async () => {
  usb = tempDir('usb');
  kiosk = await startKiosk({ config: { centralUrl: null, maintenance: technicianSettings({ maxFailures: 3, lockoutSec: 600, exportRoots: [usb] }) } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
  fs.rmSync(usb, { recursive: true, force: true });
});

const backend = () => kiosk.host.backend;

/** A citizen's case queued (as if submitted earlier) and counted. */
async function submit(): Promise<string> {
  const receiptNo = queueCase(backend(), {
    idempotencyKey: uuidv7(),
    serviceCode: SERVICE.code,
    applicant: APPLICANT,
    form: { reason: '测试' },
    materials: [{ materialId: SERVICE.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(4000).toString('base64') }] }],
    channel: 'kiosk',
    delivery: 'post',
  });
  // counted for the usage charts as the journey's submit counts it
  backend().ctx.maintenance.usage.recordSubmission({ receiptNo, serviceCode: SERVICE.code, channel: 'kiosk', delivery: 'post' });
  return receiptNo;
}

async function gesture(page: Page) {
  for (let i = 0; i < 5; i++) await page.locator('.brand-mark').tap();
}

async function enterPin(page: Page, pin: string) {
  for (const d of pin) await page.locator(`[data-pin-key="${d}"]`).tap();
  await page.getByTestId('pin-submit').tap();
}

async function pageShowsNoPersonalData(page: Page) {
  const text = await page.evaluate(() => document.body.innerText);
  for (const s of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.idNumber.slice(-6)]) expect(text).not.toContain(s);
}

describe('technician maintenance mode', () => {
  let k: KioskPage;
  let deadReceipt: string;

  it('enters by five taps on the emblem and the PIN; the citizen session is wiped', async () => {
    // One case delivered; then central's fault injection refuses submission batches (admin API),
    // so the next submission is rejected and becomes a dead letter.
    await submit();
    await backend().ctx.queue.syncNow();
    const central = backend().central!;
    const faults = await fetch(`${central.url}/v1/admin/faults`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${central.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rejectRate: 1 }),
    });
    expect(faults.status).toBe(200);
    deadReceipt = await submit();
    await waitFor(async () => (await backend().ctx.queue.syncNow()).dead === 1, 15_000, 'dead letter');

    k = await openKioskPage(browser, kiosk.url);
    const { page } = k;
    await page.getByTestId('attract-start').tap();
    // Four taps do nothing.
    for (let i = 0; i < 4; i++) await page.locator('.brand-mark').tap();
    await page.waitForTimeout(3100);
    await page.locator('.brand-mark').tap();
    expect(await page.getByTestId('pin-dialog').count()).toBe(0);
    await page.waitForTimeout(3100);
    await gesture(page);
    await page.getByTestId('pin-dialog').waitFor();
    await checkScreen(page, 'maint-01-pin');
    await enterPin(page, TEST_PIN);
    await page.getByTestId('maintenance-screen').waitFor();
    expect(await page.locator('main#main').getAttribute('data-screen')).toBe('attract');
    await expect.poll(() => page.getByTestId('maint-device').count()).toBe(5);
    await checkScreen(page, 'maint-02-devices', { fullPage: true });
  });

  it('runs a test print on the receipt printer and sees paper-out from the simulator', async () => {
    const { page } = k;
    const before = (await backend().ctx.devices.sim!.state()).receipt.printed.length;
    await page.getByTestId('selftest-receipt-printer').tap();
    await page.getByTestId('selftest-result-receipt-printer').filter({ hasText: '测试凭条已打印' }).waitFor();
    const printed = (await backend().ctx.devices.sim!.state()).receipt.printed;
    expect(printed.length).toBe(before + 1);
    expect(printed.at(-1)!.lines.join('\n')).toContain('打印测试');

    await backend().ctx.devices.sim!.act({ device: 'receipt-printer', action: 'paper-out' });
    const card = page.locator('[data-testid="maint-device"][data-device="receipt-printer"]');
    await card.and(page.locator('[data-health="offline"]')).waitFor();
    expect(await card.getByTestId('device-paper').textContent()).toBe('缺纸 / out');
    expect(await card.getByTestId('device-last-error').textContent()).toMatch(/缺纸|paper/);
    await page.getByTestId('selftest-receipt-printer').tap();
    await page.getByTestId('selftest-result-receipt-printer').and(page.locator('.maint-problem')).waitFor();
    await checkScreen(page, 'maint-03-paper-out', { fullPage: true });
    await backend().ctx.devices.sim!.act({ device: 'receipt-printer', action: 'clear' });
  });

  it('tests the card reader with a card without showing whose card it is', async () => {
    const { page } = k;
    await page.getByTestId('selftest-id-card-reader').tap();
    await page.getByTestId('selftest-id-card-reader').filter({ hasText: '测试中' }).waitFor();
    await backend().ctx.devices.sim!.act({ device: 'id-card-reader', action: 'insert', card: 'resident' });
    await page.getByTestId('selftest-result-id-card-reader').filter({ hasText: '读卡正常' }).waitFor({ timeout: 15_000 });
    await backend().ctx.devices.sim!.act({ device: 'id-card-reader', action: 'remove' });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain(SAMPLE_CARDS.resident.name);
    expect(text).not.toContain(SAMPLE_CARDS.resident.idNumber.slice(-6));
  });

  it('retries the dead letter once central accepts again, and forces a sync', async () => {
    const { page } = k;
    await page.getByTestId('maint-tab-queue').tap();
    await page.locator(`[data-testid="dead-letter"][data-receipt="${deadReceipt}"]`).waitFor();
    expect(await page.getByTestId('queue-dead').textContent()).toBe('1');
    // the code in words, central's own message under it for the technician
    expect(await page.getByTestId('dead-letter-why').textContent()).toBe('中心按故障注入拒收了这份申请（测试） / central refused it by an injected fault (test)');
    await checkScreen(page, 'maint-04-queue-dead-letter', { fullPage: true });
    await pageShowsNoPersonalData(page);

    backend().central!.faults.reset();
    await page.getByTestId('retry-dead-letter').tap();
    await expect.poll(() => page.getByTestId('queue-dead').textContent(), { timeout: 15_000 }).toBe('0');
    await page.getByTestId('force-sync').tap();
    await page.getByTestId('queue-note').filter({ hasText: '同步完成' }).waitFor();
    // Progress arrived over SSE (queue.progress), not only in the answer.
    await page.getByTestId('sync-progress').filter({ hasText: '已传 2' }).waitFor();
    expect(await page.getByTestId('queue-sent').textContent()).toBe('2');
    expect(backend().central!.store.countCases()).toBe(2);
  });

  it('shows terminal facts, saves a valid config field and refuses an invalid one, exports redacted logs', async () => {
    const { page } = k;
    await page.getByTestId('maint-tab-terminal').tap();
    expect(await page.getByTestId('maint-terminal-id').textContent()).toBe('E2E0001');
    // no OS keystore on the test host: the 0600 key-file fallback is shown, not hidden
    expect(await page.getByTestId('maint-at-rest-key').textContent()).toMatch(/0600/);
    // 帮办代办: no staff registry on a terminal any more — only the count of offline tickets held here
    expect(await page.getByTestId('maint-helper-tickets').textContent()).toContain('本机持有 0 张');
    await page.locator('[data-field="hallName"]').fill('宿迁市宿豫区政务服务中心');
    await page.locator('[data-field="idle.warnAfterSec"]').fill('2');
    await page.getByTestId('config-save').tap();
    await expect.poll(() => page.getByTestId('config-outcome').count()).toBe(2);
    expect(await page.locator('[data-testid="config-outcome"][data-ok="true"]').count()).toBe(1);
    expect(await page.locator('[data-testid="config-outcome"][data-ok="false"]').count()).toBe(1);
    await page.locator('#export-target').fill(usb);
    await page.getByTestId('export-logs').tap();
    await page.getByTestId('export-note').filter({ hasText: '已导出' }).waitFor();
    const dir = fs.readdirSync(usb).find((d) => d.startsWith('kiosk-logs-E2E0001'))!;
    const exported = fs
      .readdirSync(path.join(usb, dir))
      .map((f) => fs.readFileSync(path.join(usb, dir, f), 'utf8'))
      .join('');
    expect(exported.length).toBeGreaterThan(0);
    expect(exported).not.toContain(APPLICANT.idNumber);
    expect(exported).not.toContain(APPLICANT.name);
    await checkScreen(page, 'maint-05-terminal', { fullPage: true });
    await pageShowsNoPersonalData(page);
  });

  it('shows usage charts and records a disinfection round in the audited records', async () => {
    const { page } = k;
    await page.getByTestId('maint-tab-usage').tap();
    await expect.poll(() => page.getByTestId('usage-total').textContent()).toBe('2');
    expect(await page.getByTestId('usage-novisit').textContent()).toBe('100%');
    // The citizen opened the catalog (home) before the technician came: that session was wiped
    // on entry to maintenance, so home counts as reached once and abandoned once.
    expect(await page.getByTestId('chart-steps').locator('svg').getAttribute('aria-label')).toContain('browse · home: 继续 / went on 0, 放弃 / abandoned 1');
    await checkScreen(page, 'maint-06-usage', { fullPage: true });

    await page.getByTestId('maint-tab-records').tap();
    await page.getByTestId('hygiene-disinfection').tap();
    await page.getByTestId('hygiene-entry').first().waitFor();
    const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['sign-in', 'self-test:receipt-printer', 'retry-dead-letter', 'force-sync', 'config-edit', 'log-export', 'hygiene']));
    await checkScreen(page, 'maint-07-records', { fullPage: true });
    await pageShowsNoPersonalData(page);

    await page.getByTestId('maint-exit').tap();
    await page.getByTestId('maintenance-screen').waitFor({ state: 'detached' });
    // Signed out: the same page can no longer call maintenance routes.
    expect(await page.evaluate(async () => (await fetch('/api/maintenance/devices')).status)).toBe(403);
    await k.context.close();
  });
});

describe('a citizen cannot reach maintenance', () => {
  it('gets 403 from maintenance, queue and test-print routes called directly from the page', async () => {
    const k = await openKioskPage(browser, kiosk.url);
    await k.page.getByTestId('attract-start').tap();
    const statuses = await k.page.evaluate(async () => {
      const calls: [string, string][] = [
        ['GET', '/api/maintenance/devices'],
        ['GET', '/api/maintenance/queue'],
        ['POST', '/api/maintenance/queue/sync'],
        ['GET', '/api/maintenance/config'],
        ['POST', '/api/maintenance/devices/receipt-printer/self-test'],
        ['GET', '/api/queue/dead-letters'],
        ['POST', '/api/queue/dead-letters/1/retry'],
      ];
      return Promise.all(calls.map(async ([method, p]) => (await fetch(p, { method })).status));
    });
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 403]);
    await k.context.close();
  });

  it('locks the PIN pad after three wrong PINs; the right PIN is then refused too', async () => {
    const k = await openKioskPage(browser, kiosk.url);
    const { page } = k;
    await gesture(page);
    await page.getByTestId('pin-dialog').waitFor();
    await enterPin(page, '111111');
    await page.getByTestId('pin-problem').filter({ hasText: '还可尝试 2 次' }).waitFor();
    await enterPin(page, '222222');
    await page.getByTestId('pin-problem').filter({ hasText: '还可尝试 1 次' }).waitFor();
    await enterPin(page, '333333');
    await page.getByTestId('pin-problem').filter({ hasText: '已锁定' }).waitFor();
    expect(await page.locator('[data-pin-key="1"]').isDisabled()).toBe(true);
    await checkScreen(page, 'maint-08-locked');
    const res = await page.evaluate(
      async (pin) => (await fetch('/api/maintenance/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pin }) })).status,
      TEST_PIN,
    );
    expect(res).toBe(423);
    await page.getByTestId('pin-cancel').tap();
    expect(await page.getByTestId('maintenance-screen').count()).toBe(0);
    await k.context.close();
  });
});
