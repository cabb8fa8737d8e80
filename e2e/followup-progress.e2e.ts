// Follow-up at the kiosk in Chromium against the real backend, simulators and the embedded
// central: cases submitted through the backend API and synced; central advances them through
// its admin API; the citizen looks progress up by receipt QR, by ID card and by typing the
// receipt number, prints the 受理通知书 and the 补正材料通知书 (read back from cups-pdf), prints a
// result once (the second attempt refused), chooses postal delivery and sees the tracking
// number, and sees the last known state, said honestly, when central is down. A self-made QR with
// a guessed receipt number shows the status only; the genuine receipt's QR (with its claim) opens
// the documents.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReceiptClaim, receiptQrPayload } from '../common/receipt-claim';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import type { SimAction } from '../devices/sim/sim-actions';
import { inkShare, pdfText, rasterise } from '../devices/test-support/poppler';
import { waitFor } from '../devices/test-support/wait';
import { launchBrowser, openKioskPage, PORTRAIT, type KioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { queueSampleCase } from './harness/queued-case';
import { receiptQrOf } from './harness/receipt-qr';
import { startKiosk, type TestKiosk } from './harness/kiosk';

const card = SAMPLE_CARDS.resident;
let kiosk: TestKiosk;
let browser: Browser;
let k: KioskPage;

const backend = () => kiosk.host.backend;
async function admin(p: string, body: unknown, method = 'POST') {
  const c = backend().central!;
  const res = await fetch(`${c.url}/v1/admin${p}`, { method, headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
  return res;
}
async function advance(caseNo: string, body: unknown) {
  const r = await admin(`/cases/${caseNo}/status`, body);
  expect(r?.status, await r?.text()).toBe(200);
}

/** A case queued (as an earlier journey left it) and synced to central. */
async function submitted(): Promise<{ receiptNo: string; caseNo: string }> {
  const receiptNo = queueSampleCase(backend(), { name: card.name, idNumber: card.idNumber });
  await backend().ctx.queue.syncNow();
  const caseNo = backend().ctx.queue.caseStatus(receiptNo)!.caseNo!;
  expect(caseNo).toMatch(/^AJ/);
  return { receiptNo, caseNo };
}

/** What the paper receipt of a case queued here holds in its QR: the number and its claim. */
const qrOf = (receiptNo: string) => receiptQrOf(backend(), receiptNo);

/** Drives the simulators as the developer panel would (the panel itself stays closed: devTools off). */
async function sim(_page: Page, action: SimAction): Promise<number> {
  const r = await backend().ctx.devices.sim!.act(action);
  return r.ok ? 200 : 409;
}

/** The screen subscribes to the event stream right after it paints: let that happen. */
async function listening(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
}

async function openQuery(page: Page) {
  await page.getByTestId('nav-home').tap();
  await page.getByTestId('open-progress').tap();
  await page.getByTestId('progress-query').waitFor();
  await listening(page);
}

async function scanReceipt(page: Page, receiptNo: string, text = qrOf(receiptNo)) {
  await openQuery(page);
  expect(await sim(page, { device: 'code-scanner', action: 'scan', text })).toBe(200);
  await page.locator(`[data-testid="case"][data-receipt="${receiptNo}"]`).waitFor();
}

/** Taps a print button and returns the text of what came out of the cups-pdf printer. */
async function printAndRead(page: Page, button: ReturnType<Page['locator']>): Promise<{ text: string; ink: number }> {
  const printed = page.waitForResponse((r) => r.url().includes('/api/progress/print'));
  await button.tap();
  const res = await printed;
  const body = (await res.json()) as { jobId: number };
  expect(res.status(), JSON.stringify(body)).toBe(200);
  const dir = (await backend().ctx.devices.sim!.state()).a4.outputDir!;
  const file = await waitFor(() => fs.readdirSync(dir).find((f) => f.endsWith(`-job_${body.jobId}.pdf`)), 20_000, 'cups-pdf output');
  const pdf = path.join(dir, file);
  await waitFor(() => fs.statSync(pdf).size > 1000 && pdfText(pdf).length > 0, 10_000, 'pdf written');
  return { text: pdfText(pdf), ink: inkShare(rasterise(pdf)) };
}

let a: { receiptNo: string; caseNo: string };

beforeAll(async () => {
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'a4-printer', mode: 'simulator', queue: 'kiosk-a4-followup' },
        { kind: 'code-scanner', mode: 'simulator' },
      ],
    },
  });
  await backend().ctx.devices.settled();
  browser = await launchBrowser();
  k = await openKioskPage(browser, kiosk.url);
  await k.page.getByTestId('attract-start').tap();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('follow-up at the kiosk (Chromium, simulators, embedded central)', () => {
  it('受理: the receipt QR shows the case as accepted and the 受理通知书 prints on A4', async () => {
    const { page } = k;
    a = await submitted();
    await advance(a.caseNo, { status: 'accepted' });
    await openQuery(page);
    await checkScreen(page, 'followup-01-query');
    expect(await sim(page, { device: 'code-scanner', action: 'scan', text: qrOf(a.receiptNo) })).toBe(200);
    const c = page.locator(`[data-testid="case"][data-receipt="${a.receiptNo}"]`);
    await c.waitFor();
    expect(await c.getAttribute('data-status')).toBe('accepted');
    expect(await c.getByTestId('case-status').textContent()).toBe('已受理');
    expect(await c.locator('[data-stage="received"]').getAttribute('data-state')).toBe('done');
    expect(await c.locator('[data-stage="decision"]').getAttribute('data-state')).toBe('current');
    await page.getByTestId('live-note').waitFor();
    await checkScreen(page, 'followup-02-accepted');
    const notice = c.locator('[data-testid="document"][data-name="受理通知书.pdf"]').getByTestId('print-notice');
    const out = await printAndRead(page, notice);
    expect(out.text).toContain('Notice of Acceptance');
    expect(out.text).toContain(a.caseNo);
    expect(out.text).toContain(a.receiptNo);
    expect(out.ink).toBeGreaterThan(0.001);
    await c.getByTestId('print-message').filter({ hasText: '已打印' }).waitFor();
    await checkScreen(page, 'followup-03-notice-printed');

    // Central moves the case on while the citizen is looking: the screen follows (SSE case.status).
    await advance(a.caseNo, { status: 'reviewing' });
    await backend().ctx.queue.syncNow();
    await c.getByTestId('case-status').filter({ hasText: '审查中' }).waitFor();
    expect(await c.locator('[data-stage="reviewing"]').getAttribute('data-state')).toBe('current');
  });

  it('不予受理: the reasons and the right to reconsideration or litigation, on screen and on the notice', async () => {
    const { page } = k;
    const n = await submitted();
    await advance(n.caseNo, { status: 'not-accepted', reasons: ['申请事项不属于本机关职权范围', '申请人不具备申请资格'] });
    await scanReceipt(page, n.receiptNo);
    const c = page.locator(`[data-testid="case"][data-receipt="${n.receiptNo}"]`);
    expect(await c.getByTestId('case-status').textContent()).toBe('不予受理');
    const detail = c.getByTestId('not-accepted-detail');
    expect(await detail.locator('li').allTextContents()).toEqual(['申请事项不属于本机关职权范围', '申请人不具备申请资格']);
    expect(await detail.textContent()).toContain('行政复议');
    expect(await detail.textContent()).toContain('行政诉讼');
    await checkScreen(page, 'followup-03b-not-accepted');
    const out = await printAndRead(page, c.getByTestId('print-notice'));
    expect(out.text).toContain('Notice of Non-acceptance');
    expect(out.text).toContain('Remedy: administrative reconsideration (60 days) or administrative litigation (6 months).');
  });

  it('the ID card finds the same case (the number never reaches the page)', async () => {
    const { page } = k;
    await openQuery(page);
    expect(await sim(page, { device: 'id-card-reader', action: 'insert', card: 'resident' })).toBe(200);
    await page.locator(`[data-testid="case"][data-receipt="${a.receiptNo}"]`).waitFor();
    expect(await page.locator(`[data-testid="case"][data-receipt="${a.receiptNo}"]`).getAttribute('data-status')).toBe('reviewing');
    // the same person's other cases are listed too
    expect(await page.getByTestId('case').count()).toBe(2);
    expect(await page.content()).not.toContain(card.idNumber);
    await checkScreen(page, 'followup-04-by-card');
    await sim(page, { device: 'id-card-reader', action: 'remove' });
    // This citizen leaves (as the idle timeout or 完成 would end it): their card no longer opens anything.
    expect(await page.evaluate(async () => (await fetch('/api/system/session/end', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"reason":"finish"}' })).status)).toBe(
      200,
    );
  });

  it('补正: typed on the on-screen keys, every correction item is listed and the notice prints them all', async () => {
    const { page } = k;
    const b = await submitted();
    const items = [
      { materialId: 'id-card', description: '身份证复印件不清晰，请重新提供' },
      { materialId: 'photo', description: '照片背景应为白色' },
      { materialId: null, description: '申请表第二页缺少签名' },
    ];
    await advance(b.caseNo, { status: 'correction', items, deadline: '2026-12-20' });
    await openQuery(page);
    for (const ch of b.receiptNo) await page.getByTestId('fu-keypad').locator(`[data-key="${ch}"]`).tap();
    expect(await page.getByTestId('receipt-input').inputValue()).toBe(b.receiptNo);
    await page.getByTestId('receipt-submit').tap();
    const c = page.locator(`[data-testid="case"][data-receipt="${b.receiptNo}"]`);
    await c.waitFor();
    expect(await c.getByTestId('case-status').textContent()).toBe('需补正');
    // A typed number shows the status only: numbers follow a sequence anyone could guess.
    await c.getByTestId('status-only').waitFor();
    expect(await c.getByTestId('correction-detail').count()).toBe(0);
    expect(await c.getByTestId('print-notice').count()).toBe(0);
    await checkScreen(page, 'followup-05-correction');
    // The paper receipt's QR proves it is theirs: now the items show and the notice prints.
    expect(await sim(page, { device: 'code-scanner', action: 'scan', text: qrOf(b.receiptNo) })).toBe(200);
    await c.getByTestId('print-notice').waitFor();
    expect(await c.getByTestId('status-only').count()).toBe(0);
    const detail = c.getByTestId('correction-detail');
    expect(await detail.locator('li').allTextContents()).toEqual(items.map((i) => i.description));
    expect(await detail.textContent()).toContain('补正期限：2026-12-20');
    const out = await printAndRead(page, c.getByTestId('print-notice'));
    expect(out.text).toContain('Notice of Corrections Required');
    expect(out.text).toContain('Items: 3');
    expect(out.text).toContain('[id-card]');
    expect(out.text).toContain('[photo]');
    expect(out.text).toContain('Deadline: 2026-12-20');
    expect(out.ink).toBeGreaterThan(0.001);
  });

  it('a typed receipt number that is not one is refused with a plain message', async () => {
    const { page } = k;
    await openQuery(page);
    for (const ch of 'ABC-1') await page.getByTestId('fu-keypad').locator(`[data-key="${ch}"]`).tap();
    await page.getByTestId('receipt-submit').tap();
    await page.getByTestId('progress-problem').filter({ hasText: '回执编号格式不正确' }).waitFor();
    await checkScreen(page, 'followup-06-bad-receipt');
  });

  it('办结: the result prints once; the second attempt is refused and says so; central is told', async () => {
    const { page } = k;
    await advance(a.caseNo, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf', selfPrint: true }] });
    await backend().ctx.queue.syncNow();
    await scanReceipt(page, a.receiptNo);
    const c = page.locator(`[data-testid="case"][data-receipt="${a.receiptNo}"]`);
    expect(await c.getByTestId('case-status').textContent()).toBe('已办结');
    await checkScreen(page, 'followup-07-concluded');
    const out = await printAndRead(page, c.getByTestId('print-result'));
    expect(out.text).toContain(a.caseNo);
    expect(out.ink).toBeGreaterThan(0.001);
    await c.getByTestId('print-message').filter({ hasText: '已打印' }).waitFor();
    await c.getByTestId('document-why').filter({ hasText: '只能自助打印一次' }).waitFor();
    const second = page.waitForResponse((r) => r.url().includes('/api/progress/print'));
    await c.getByTestId('print-result').tap();
    expect((await second).status()).toBe(409);
    await c.getByTestId('print-message').filter({ hasText: '只能自助打印一次' }).waitFor();
    expect(await c.getByTestId('choose-postal').count()).toBe(0);
    await checkScreen(page, 'followup-08-result-refused');
    await waitFor(() => backend().ctx.store.followup.unreportedPrints().length === 0, 10_000, 'print reported to central');
    expect(kiosk.logLines().filter((l) => l.event === 'followup.result-printed')).toHaveLength(1);
  });

  it('postal delivery: the address is checked, sent to central, and the tracking number shows once set', async () => {
    const { page } = k;
    const d = await submitted();
    await advance(d.caseNo, { status: 'accepted' });
    await advance(d.caseNo, { status: 'concluded', decision: 'approved', documents: [{ name: '证照.pdf' }] });
    await scanReceipt(page, d.receiptNo);
    const c = page.locator(`[data-testid="case"][data-receipt="${d.receiptNo}"]`);
    await c.getByTestId('choose-postal').tap();
    await page.getByTestId('postal').waitFor();
    await page.getByTestId('postal-submit').tap();
    await page.getByTestId('postal-recipient-error').waitFor();
    await checkScreen(page, 'followup-09-postal-errors');
    // Chinese text through the system input method (the test types it); digits on the keys.
    await page.getByTestId('postal-recipient').fill('王小明');
    await page.getByTestId('postal-phone').tap();
    for (const ch of '13812345678') await page.getByTestId('fu-keypad').locator(`[data-key="${ch}"]`).tap();
    await page.getByTestId('postal-region').fill('江苏省宿迁市宿城区');
    await page.getByTestId('postal-detail').fill('幸福路 1 ');
    await page.getByTestId('postal-detail').tap();
    await page.getByTestId('fu-keypad').locator('[data-key="号"]').tap();
    await page.getByTestId('postal-postcode').tap();
    for (const ch of '22380') await page.getByTestId('fu-keypad').locator(`[data-key="${ch}"]`).tap();
    await page.getByTestId('postal-submit').tap();
    await page.getByTestId('postal-postcode-error').filter({ hasText: '6 位数字' }).waitFor();
    await page.getByTestId('fu-keypad').locator('[data-key="0"]').tap();
    expect(await page.getByTestId('postal-detail').inputValue()).toBe('幸福路 1 号');
    await checkScreen(page, 'followup-10-postal-filled');
    await page.getByTestId('postal-submit').tap();
    const back = page.locator(`[data-testid="case"][data-receipt="${d.receiptNo}"]`);
    await back.getByTestId('tracking').filter({ hasText: '等待寄出' }).waitFor();
    expect(await back.getByTestId('print-result').count()).toBe(1);
    expect(await back.getByTestId('document-why').textContent()).toContain('邮寄');

    const t = await admin(`/cases/${d.caseNo}/tracking`, { carrier: 'EMS', trackingNo: 'EA123456789CN' });
    expect(t?.status).toBe(200);
    await scanReceipt(page, d.receiptNo);
    await page.locator(`[data-testid="case"][data-receipt="${d.receiptNo}"]`).getByTestId('tracking').filter({ hasText: 'EMS 运单号：EA123456789CN' }).waitFor();
    await checkScreen(page, 'followup-11-tracking');
    expect(JSON.stringify(kiosk.logLines())).not.toContain('幸福路');
  });

  it('a self-made QR with a guessed receipt number shows the status only, says why in Chinese then English; the genuine receipt’s QR shows the documents and prints', async () => {
    const { page } = k;
    const g = await submitted();
    await advance(g.caseNo, { status: 'accepted' });
    await advance(g.caseNo, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] });
    await backend().ctx.queue.syncNow();
    const printsBefore = kiosk.logLines().filter((l) => l.event === 'followup.result-printed').length;
    // someone guesses the next number and makes a QR of it, with a made-up claim
    await scanReceipt(page, g.receiptNo, receiptQrPayload(g.receiptNo, newReceiptClaim()));
    const c = page.locator(`[data-testid="case"][data-receipt="${g.receiptNo}"]`);
    expect(await c.getAttribute('data-status')).toBe('concluded');
    const note = c.getByTestId('status-only');
    await note.waitFor();
    const said = (await note.textContent()) ?? '';
    expect(said).toContain('二维码');
    expect(said).toContain('身份证');
    expect(said).toContain('QR code');
    expect(said.indexOf('二维码')).toBeLessThan(said.indexOf('QR code'));
    expect(await c.getByTestId('document').count()).toBe(0);
    expect(await c.getByTestId('print-result').count()).toBe(0);
    expect(await c.getByTestId('choose-postal').count()).toBe(0);
    const html = await page.content();
    expect(html).not.toContain(g.caseNo);
    expect(html).not.toContain('准予许可决定书');
    await checkScreen(page, 'followup-10b-status-only');
    // the page's own request, as a forger would send it: refused, nothing printed
    const forced = await page.evaluate(
      async (receiptNo) =>
        (
          await fetch('/api/progress/delivery', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ receiptNo, address: { recipient: '李四', phone: '13812345678', region: '江苏省宿迁市', detail: '陌生路 9 号', postcode: '223800' } }),
          })
        ).status,
      g.receiptNo,
    );
    expect(forced).toBe(403);
    expect(backend().central!.store.delivery(g.caseNo)).toBeNull();

    // the citizen's own paper receipt
    expect(await sim(page, { device: 'code-scanner', action: 'scan', text: qrOf(g.receiptNo) })).toBe(200);
    await c.getByTestId('print-result').waitFor();
    expect(await c.getByTestId('status-only').count()).toBe(0);
    await c.getByTestId('choose-postal').waitFor();
    const out = await printAndRead(page, c.getByTestId('print-result'));
    expect(out.text).toContain(g.caseNo);
    await c.getByTestId('print-message').filter({ hasText: '已打印' }).waitFor();
    expect(kiosk.logLines().filter((l) => l.event === 'followup.result-printed')).toHaveLength(printsBefore + 1);
  });

  it('large text and English on the progress screen still fit and stay accessible', async () => {
    const { page } = k;
    await scanReceipt(page, a.receiptNo);
    await page.getByTestId('toggle-large-text').tap();
    await checkScreen(page, 'followup-11b-large-text');
    await page.getByTestId('toggle-language').tap();
    await page.getByRole('heading', { level: 1, name: 'Progress' }).waitFor();
    const c = page.locator(`[data-testid="case"][data-receipt="${a.receiptNo}"]`);
    expect(await c.getByTestId('case-status').textContent()).toBe('Delivered');
    await checkScreen(page, 'followup-11c-english-large');
    await page.getByTestId('toggle-language').tap();
    await page.getByTestId('toggle-large-text').tap();
  });

  it('portrait screen: the query and the cases fit and stay accessible', async () => {
    const p = await openKioskPage(browser, kiosk.url, { viewport: PORTRAIT });
    await p.page.getByTestId('attract-start').tap();
    await p.page.getByTestId('open-progress').tap();
    await p.page.getByTestId('progress-query').waitFor();
    await checkScreen(p.page, 'followup-11d-portrait-query');
    await listening(p.page);
    expect(await sim(p.page, { device: 'code-scanner', action: 'scan', text: qrOf(a.receiptNo) })).toBe(200);
    await p.page.locator(`[data-testid="case"][data-receipt="${a.receiptNo}"]`).waitFor();
    await checkScreen(p.page, 'followup-11e-portrait-cases');
    expect(p.problems).toEqual([]);
    await p.context.close();
  });

  it('offline: the last known state from this kiosk, with the time it dates from', async () => {
    const { page } = k;
    await backend().ctx.queue.syncNow();
    const pulledAt = backend().ctx.queue.feedPulledAt()!;
    await admin('/faults', { downForSec: 60 }, 'PUT');
    await scanReceipt(page, a.receiptNo);
    const shanghai = new Date(Date.parse(pulledAt) + 8 * 3600_000).toISOString();
    await page
      .getByTestId('offline-banner')
      .filter({ hasText: `离线，显示的是 ${shanghai.slice(0, 10)} ${shanghai.slice(11, 16)} 时的状态` })
      .waitFor();
    const c = page.locator(`[data-testid="case"][data-receipt="${a.receiptNo}"]`);
    // the last state this kiosk heard: 送达 by the print here
    expect(await c.getByTestId('case-status').textContent()).toBe('已送达');
    expect(await c.locator('[data-stage="delivered"]').getAttribute('data-state')).toBe('current');
    expect(await c.getByTestId('choose-postal').count()).toBe(0);
    await checkScreen(page, 'followup-12-offline');
    await admin('/faults', { downForSec: 0 }, 'PUT');
    expect(k.problems.filter((p) => !p.includes('status of 409') && !p.includes('status of 503') && !p.includes('status of 403'))).toEqual([]);
  });
});
