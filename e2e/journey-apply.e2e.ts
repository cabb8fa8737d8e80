// The application journey in Chromium against the real backend, the device simulators and the
// embedded central: card on the simulated reader → 人证核验 (fake camera, simulated verifier) →
// form prefilled from the card → three pages scanned → one material under a signed commitment →
// signed and submitted → 收件回执 decoded from the receipt-printer simulator (receipt number,
// promised date, QR payload) → poor rating with a reason → finish wipes screen and backend →
// sync: central holds the case and the rating flagged for follow-up, and the progress query
// shows it accepted once central advances it. Then the missing-materials path (一次性告知单,
// nothing queued) and the idle wipe mid-journey. Every step is screenshotted and axe-checked.
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import type { SimAction } from '../devices/sim/sim-actions';
import { CN_2026 } from '../common/test-support/calendars';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import { waitFor } from '../devices/test-support/wait';
import { openKioskPage, type KioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { openGuideBySearch, sign, typeOsk } from './harness/flows';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { CHROMIUM, CHROMIUM_ARGS } from './harness/paths';
import { receiptQrOf } from './harness/receipt-qr';

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const UNEMPLOYMENT = sampleCatalog.services.find((s) => s.code === '321300-JF-00203-001')!;
const card = SAMPLE_CARDS.resident;
// long enough that the walk never idles out; the idle test drives time with a fake clock
const IDLE = { warnAfterSec: 300, countdownSec: 10 };

let kiosk: TestKiosk;
let browser: Browser;
const backend = () => kiosk.host.backend;

async function sim(action: SimAction): Promise<void> {
  const r = await backend().ctx.devices.sim!.act(action);
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

async function admin(p: string, init: RequestInit = {}) {
  const c = backend().central!;
  return fetch(`${c.url}/v1/admin${p}`, { ...init, headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' } });
}

/** From the attract screen to the identify step of a service, then card + face check. */
async function startAndIdentify(page: Page, letters: string, code: string, shot: string | null) {
  await openGuideBySearch(page, letters, code);
  await page.getByTestId('start-apply').tap();
  await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
  // the step forgets any earlier card when it opens; give that request a moment before the new card
  await page.waitForTimeout(300);
  if (shot) await checkScreen(page, `${shot}-01-identify-waiting`);
  await sim({ device: 'id-card-reader', action: 'insert', card: 'resident' });
  await page.locator('[data-testid="journey-identify"][data-phase="read"]').waitFor();
  expect(await page.getByTestId('identity-number').textContent()).toBe(`${card.idNumber.slice(0, 4)}**********${card.idNumber.slice(-4)}`);
  expect(await page.getByTestId('identity-name').textContent()).toBe('王**');
  expect(await page.content()).not.toContain(card.idNumber);
  await page.locator('[data-testid="face-check"][data-phase="live"]').waitFor();
  if (shot) await checkScreen(page, `${shot}-02-identify-card-read`);
  await page.getByTestId('face-capture').tap();
  await page.getByTestId('journey-form').waitFor({ timeout: 20_000 });
  await sim({ device: 'id-card-reader', action: 'remove' });
}

async function fillRentForm(page: Page) {
  await typeOsk(page, 'input-phone', '13912345678');
  await typeOsk(page, 'input-fundAccount', '32000123456');
  await typeOsk(page, 'input-monthlyRent', '1800');
  await typeOsk(page, 'input-bankAccount', '6222020000000000000');
  await page.locator('[data-testid="form-osk"] [data-key="done"]').tap();
  await page.locator('[data-field="married"] [data-value="no"]').tap();
}

beforeAll(async () => {
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      terminalId: 'E2EJ001',
      hallName: '宿迁市宿城区政务服务中心',
      idle: IDLE,
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'scanner', mode: 'simulator' },
        { kind: 'code-scanner', mode: 'simulator' },
      ],
    },
  });
  await backend().ctx.devices.settled();
  // Central publishes this year's holiday calendar; the kiosk pulls it like any sync.
  expect((await admin('/calendar/2026', { method: 'PUT', body: JSON.stringify(CN_2026) })).status).toBe(200);
  await backend().ctx.queue.syncNow();
  expect(backend().ctx.store.outbox.calendar(2026)?.version).toBe(CN_2026.version);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('application journey (Chromium, simulators, embedded central)', () => {
  let k: KioskPage;
  let receiptNo = '';

  it('identifies with the card and a face check, then shows the form prefilled with sources', async () => {
    k = await openKioskPage(browser, kiosk.url);
    await k.context.grantPermissions(['camera'], { origin: kiosk.origin });
    const { page } = k;
    await startAndIdentify(page, 'gjj', RENT.code, 'journey');

    const name = page.locator('[data-testid="form-field"][data-field="applicantName"]');
    expect(await name.getByTestId('form-locked').textContent()).toContain(card.name);
    expect(await name.getByTestId('prefill-source').textContent()).toBe('来自身份证');
    expect(await page.locator('[data-field="applicantIdNumber"] [data-testid="form-locked"]').textContent()).toContain('**********');
    expect(await page.getByTestId('input-address').inputValue()).toBe(card.address);
    await checkScreen(page, 'journey-03-form-prefilled', { fullPage: true });
  });

  it('says what is wrong field by field, and takes answers from the on-screen keyboard', async () => {
    const { page } = k;
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('form-problems').waitFor();
    const errors = await page.getByTestId('form-error').allTextContents();
    expect(errors).toContain('请填写“联系电话（手机）”');
    expect(errors).toContain('请选择“是否已婚（配偶信息由民政共享获取）”');
    await checkScreen(page, 'journey-04-form-problems', { fullPage: true });

    await typeOsk(page, 'input-phone', '1391234');
    await page.locator('[data-testid="form-osk"] [data-key="done"]').tap();
    await page.getByTestId('journey-next').tap();
    await expect.poll(() => page.locator('[data-field="phone"] [data-testid="form-error"]').textContent()).toBe('手机号码应为 11 位数字，现在是 7 位，请核对');
    await typeOsk(page, 'input-phone', '5678');
    await typeOsk(page, 'input-fundAccount', '32000123456');
    await typeOsk(page, 'input-monthlyRent', '1800');
    await typeOsk(page, 'input-bankAccount', '6222020000000000000');
    await page.locator('[data-testid="form-osk"] [data-key="done"]').tap();
    await page.locator('[data-field="married"] [data-value="no"]').tap();
    expect(await page.getByTestId('input-phone').inputValue()).toBe('13912345678');
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-materials').waitFor();
  });

  it('scans three pages (with delete), leaves the 容缺 material owed, and signs the commitment with its deadline', async () => {
    const { page } = k;
    const shared = page.locator('[data-testid="checklist-item"][data-material="id-card"]');
    expect(await shared.getByTestId('material-shared').textContent()).toContain('共享获取');
    const lease = page.locator('[data-testid="checklist-item"][data-material="lease-contract"]');
    for (let i = 1; i <= 4; i++) {
      await lease.getByTestId('scan-flatbed').tap();
      await expect.poll(() => lease.getByTestId('page-thumb').count(), { timeout: 30_000 }).toBe(i);
    }
    // a page too many: delete it
    await lease.getByTestId('page-delete').last().tap();
    await expect.poll(() => lease.getByTestId('page-thumb').count()).toBe(3);
    await expect.poll(() => backend().ctx.devices.pages.list().length).toBe(3);
    // previews load from the backend's inbox
    await expect
      .poll(() =>
        lease
          .locator('img')
          .first()
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    await checkScreen(page, 'journey-05-materials-scanned', { fullPage: true });

    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-commitment').waitFor();
    expect(await page.getByTestId('owed-list').textContent()).toContain('租金支付凭证');
    const deadline = /在 (\d{4}-\d{2}-\d{2}) 前补交/.exec((await page.getByTestId('commitment-deadline').textContent())!)![1]!;
    expect(deadline > new Date().toISOString().slice(0, 10)).toBe(true);
    await checkScreen(page, 'journey-06-commitment');
    expect(await page.getByTestId('journey-next').isDisabled()).toBe(true);
    await sign(page, 'commitment-signature');
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-review').waitFor();
  });

  it('submits after the signature and prints the 收件回执 (number, promised date, QR)', async () => {
    const { page } = k;
    expect(await page.getByTestId('review-materials').textContent()).toContain('已扫描 3 页');
    await checkScreen(page, 'journey-07-review', { fullPage: true });
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-problem').filter({ hasText: '请先签名' }).waitFor();
    await sign(page, 'applicant-signature');
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-receipt').waitFor({ timeout: 20_000 });
    receiptNo = (await page.getByTestId('receipt-no').textContent())!;
    expect(receiptNo).toMatch(/^E2EJ001-\d{8}-\d{4}$/);
    await page.getByTestId('receipt-printed').waitFor();
    const completion = (await page.getByTestId('completion').textContent())!;
    const promised = /(\d{4}-\d{2}-\d{2}) 前（1 个工作日）/.exec(completion)![1]!;
    await checkScreen(page, 'journey-08-receipt');

    const printed = await waitFor(
      async () => (await backend().ctx.devices.sim!.state()).receipt.printed.find((r) => r.qrPayloads.includes(receiptQrOf(backend(), receiptNo))),
      15_000,
      'receipt on the printer',
    );
    expect(printed.qrPayloads).toEqual([receiptQrOf(backend(), receiptNo)]);
    // lines are wrapped by columns: compare the text with the wrapping taken out
    const text = printed.lines.map((l) => l.trim()).join('');
    expect(text).toContain('收件回执');
    expect(text).toContain(receiptNo);
    expect(text).toContain(RENT.name);
    expect(text).toContain(`承诺办结：${promised} 前（1 个工作日）`);
    expect(text).toContain('房屋租赁合同或租赁登记备案证明（3 页）');
    expect(text).toContain('租金支付凭证，请于');
    expect(text).toContain(`咨询电话：${RENT.consultation.phone}`);
    expect(text).toContain('王**');
    expect(text).not.toContain(card.idNumber);
    // durable before "submitted": the case is in the outbox
    expect(backend().ctx.queue.caseStatus(receiptNo)?.delivery).toBeDefined();
  });

  it('rates once: a poor rating needs a reason, then finish wipes the screen and the backend session', async () => {
    const { page } = k;
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-rate').waitFor();
    await page.locator('[data-testid="rating"][data-value="2"]').tap();
    await page.getByTestId('rating-reasons').waitFor();
    await page.getByTestId('rating-submit').tap();
    await page.getByTestId('rating-problem').filter({ hasText: '请至少选择一个原因' }).waitFor();
    await page.getByTestId('rating-reason').first().tap();
    await checkScreen(page, 'journey-09-rating');
    await page.getByTestId('rating-submit').tap();
    await page.getByTestId('journey-rated').waitFor();
    await checkScreen(page, 'journey-10-rated');

    await page.getByTestId('journey-finish').tap();
    await page.getByTestId('attract-start').waitFor();
    expect(await page.content()).not.toContain(receiptNo);
    await expect.poll(async () => ((await (await backend().fetch(new Request('http://kiosk.test/api/journey/identity'))).json()) as { identity: unknown }).identity).toBeNull();
    expect(backend().ctx.devices.pages.list()).toEqual([]);
    await checkScreen(page, 'journey-11-wiped');
  });

  it('syncs: central holds the case and the rating flagged for follow-up; the progress query shows it accepted', async () => {
    const { page } = k;
    await backend().ctx.queue.syncNow();
    const status = backend().ctx.queue.caseStatus(receiptNo)!;
    expect(status.delivery).toBe('sent');
    const caseRes = (await (await admin(`/cases/${status.caseNo}`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(caseRes)).toContain(RENT.code);
    // the evaluation goes once the case has a number
    await backend().ctx.queue.syncNow();
    const flagged = (await (await admin('/evaluations?followUp=1')).json()) as { evaluations: { receiptNo: string; rating: number; comment: string; followUp: boolean }[] };
    expect(flagged.evaluations).toEqual([expect.objectContaining({ receiptNo, rating: 2, comment: '等候时间太长', followUp: true })]);

    expect((await admin(`/cases/${status.caseNo}/status`, { method: 'POST', body: JSON.stringify({ status: 'accepted' }) })).status).toBe(200);
    await backend().ctx.queue.syncNow();
    await page.getByTestId('attract-start').tap();
    await page.getByTestId('open-progress').tap();
    await page.getByTestId('progress-query').waitFor();
    await page.waitForTimeout(300);
    await sim({ device: 'code-scanner', action: 'scan', text: receiptNo });
    const c = page.locator(`[data-testid="case"][data-receipt="${receiptNo}"]`);
    await c.waitFor();
    expect(await c.getAttribute('data-status')).toBe('accepted');
    await checkScreen(page, 'journey-12-progress-accepted');
    await page.getByTestId('nav-home').tap();
    await page.getByTestId('nav-back').tap();
    await page.getByTestId('attract-search').waitFor();
  });

  it('missing materials: prints the 一次性告知单 listing them all and submits nothing', async () => {
    const { page } = k;
    const before = backend().ctx.queue.engine.status();
    const since = new Date().toISOString();
    await startAndIdentify(page, 'sybx', UNEMPLOYMENT.code, null);
    // Chinese text on the on-screen keyboard: pinyin letters, then tap the character
    await page.getByTestId('input-lastEmployer').tap();
    await page.locator('[data-testid="form-osk"][data-mode="pinyin"]').waitFor();
    for (const [py, ch] of [
      ['su', '宿'],
      ['qian', '迁'],
      ['gong', '公'],
      ['si', '司'],
    ] as const) {
      for (const l of py) await page.locator(`[data-testid="form-osk"] [data-key="${l}"]`).tap();
      await expect.poll(() => page.getByTestId('ime-typed').textContent()).toBe(py);
      await page.locator(`[data-testid="ime-candidate"][data-char="${ch}"]`).tap();
    }
    expect(await page.getByTestId('input-lastEmployer').inputValue()).toBe('宿迁公司');
    await checkScreen(page, 'journey-12b-pinyin-keyboard', { fullPage: true });
    await typeOsk(page, 'input-phone', '13912345678');
    await typeOsk(page, 'input-terminationDate', '2026-10-31');
    await page.locator('[data-testid="form-osk"] [data-key="done"]').tap();
    await page.locator('[data-field="reason"] [data-value="contract-ended"]').tap();
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-materials').waitFor();
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-notice').waitFor();
    expect(await page.getByTestId('missing-list').locator('li').allTextContents()).toEqual(['终止或者解除劳动合同的证明']);
    await checkScreen(page, 'journey-13-missing');
    await page.getByTestId('print-notice').tap();
    await page.getByTestId('notice-printed').waitFor();
    await checkScreen(page, 'journey-14-notice-printed');
    const notice = await waitFor(
      async () => (await backend().ctx.devices.sim!.state()).receipt.printed.find((r) => r.at >= since && r.lines.some((l) => l.includes('一次性告知单'))),
      15_000,
      'notice on the printer',
    );
    const noticeText = notice.lines.map((l) => l.trim()).join('');
    expect(noticeText).toContain('终止或者解除劳动合同的证明');
    expect(noticeText).toContain('本次未提交申请');
    expect(backend().ctx.queue.engine.status().pending).toBe(before.pending);
    expect(backend().ctx.queue.engine.status().sent).toBe(before.sent);
    await page.getByTestId('journey-finish').tap();
    await page.getByTestId('attract-start').waitFor();
  });

  it('paper out: the citizen is told, the receipt is kept for reprint and the receipt number is on screen', async () => {
    const { page } = k;
    await sim({ device: 'receipt-printer', action: 'paper-out' });
    await waitFor(
      () =>
        backend()
          .ctx.devices.list()
          .find((d) => d.device === 'receipt-printer')?.health === 'offline',
      10_000,
      'printer out of paper',
    );
    await startAndIdentify(page, 'gjj', RENT.code, null);
    await fillRentForm(page);
    await page.getByTestId('journey-next').tap();
    const leaseItem = page.locator('[data-testid="checklist-item"][data-material="lease-contract"]');
    await leaseItem.getByTestId('scan-flatbed').tap();
    await expect.poll(() => leaseItem.getByTestId('page-thumb').count(), { timeout: 30_000 }).toBe(1);
    // the rent receipt is photographed with the document camera (Chromium's fake camera)
    const rent = page.locator('[data-testid="checklist-item"][data-material="rent-receipt"]');
    await rent.getByTestId('scan-camera').tap();
    await page.getByTestId('camera-panel').waitFor();
    await expect.poll(() => page.getByTestId('camera-take').isEnabled(), { timeout: 15_000 }).toBe(true);
    await checkScreen(page, 'journey-14b-document-camera');
    await page.getByTestId('camera-take').tap();
    await expect.poll(() => rent.getByTestId('page-thumb').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('camera-close').tap();
    expect(
      backend()
        .ctx.devices.pages.list()
        .map((p) => p.source)
        .sort(),
    ).toEqual(['camera', 'scanner']);
    // retake replaces the page in place
    const lease = page.locator('[data-testid="checklist-item"][data-material="lease-contract"]');
    const first = await lease.locator('img').getAttribute('src');
    await lease.getByTestId('page-retake').tap();
    await expect.poll(() => lease.locator('img').getAttribute('src'), { timeout: 30_000 }).not.toBe(first);
    expect(await lease.getByTestId('page-thumb').count()).toBe(1);
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-review').waitFor();
    await sign(page, 'applicant-signature');
    await page.getByTestId('journey-next').tap();
    await page.getByTestId('journey-receipt').waitFor({ timeout: 20_000 });
    const held = page.getByTestId('receipt-held');
    expect(await held.textContent()).toContain('缺纸');
    const no = (await page.getByTestId('receipt-no').textContent())!;
    expect(
      backend()
        .ctx.devices.receipt.heldJobs()
        .some((j) => j.doc.lines.some((l) => l.type === 'qr' && l.data === receiptQrOf(backend(), no))),
    ).toBe(true);
    await checkScreen(page, 'journey-15-paper-out');
    await sim({ device: 'receipt-printer', action: 'clear' });
    await page.getByTestId('journey-finish').tap();
    await page.getByTestId('attract-start').waitFor();
  });

  it('without a card, or with a card the kiosk cannot take, the citizen is told where to go', async () => {
    const { page } = k;
    await openGuideBySearch(page, 'gjj', RENT.code);
    await page.getByTestId('start-apply').tap();
    await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
    await page.getByTestId('no-card').tap();
    const help = page.getByTestId('no-card-help');
    expect(await help.textContent()).toContain('人工窗口');
    expect(await help.textContent()).toContain('帮办代办');
    await checkScreen(page, 'journey-20-no-card');
    await page.getByTestId('journey-exit').tap();
    await page.getByTestId('exit-yes').tap();
    await page.getByTestId('attract-start').waitFor();

    await openGuideBySearch(page, 'gjj', RENT.code);
    await page.getByTestId('start-apply').tap();
    await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
    await page.waitForTimeout(300);
    await sim({ device: 'id-card-reader', action: 'insert', card: 'foreign-permanent-2017' });
    await page.getByTestId('identity-problem').waitFor();
    expect(await page.getByTestId('identity-problem').textContent()).toContain('请到窗口办理');
    expect(await page.getByTestId('face-check').count()).toBe(0);
    expect(await page.content()).not.toContain(SAMPLE_CARDS['foreign-permanent-2017'].cardNumber);
    await checkScreen(page, 'journey-21-card-not-accepted');
    await sim({ device: 'id-card-reader', action: 'remove' });
    await page.getByTestId('journey-exit').tap();
    await page.getByTestId('exit-yes').tap();
    await page.getByTestId('attract-start').waitFor();
  });

  it('leaving by the bottom bar drops the scanned pages and the card at once', async () => {
    const { page } = k;
    await startAndIdentify(page, 'gjj', RENT.code, null);
    await fillRentForm(page);
    await page.getByTestId('journey-next').tap();
    const lease = page.locator('[data-testid="checklist-item"][data-material="lease-contract"]');
    await lease.getByTestId('scan-flatbed').tap();
    await expect.poll(() => lease.getByTestId('page-thumb').count(), { timeout: 30_000 }).toBe(1);
    expect(backend().ctx.devices.pages.list()).toHaveLength(1);
    await page.getByTestId('nav-home').tap();
    await expect.poll(() => backend().ctx.devices.pages.list().length).toBe(0);
    expect(((await (await backend().fetch(new Request('http://kiosk.test/api/journey/identity'))).json()) as { identity: unknown }).identity).toBeNull();
    // the next test starts as a new citizen would (empty search box)
    await page.reload();
    await page.getByTestId('attract-search').waitFor();
  });

  it('large text: the form stays usable', async () => {
    const { page } = k;
    await page.getByTestId('toggle-large-text').tap();
    await startAndIdentify(page, 'gjj', RENT.code, null);
    await checkScreen(page, 'journey-16-form-large-text', { fullPage: true });
    // and in English (labels, sources and problems; the keyboard and locked card values stay usable)
    await page.getByTestId('toggle-language').tap();
    await expect.poll(() => page.locator('label[for="f-phone"]').textContent()).toBe('Mobile number');
    expect(await page.locator('[data-field="applicantName"] [data-testid="prefill-source"]').textContent()).toBe('From your ID card');
    await page.getByTestId('journey-next').tap();
    await expect.poll(() => page.locator('[data-field="phone"] [data-testid="form-error"]').textContent()).toBe('Please fill in "Mobile number"');
    await checkScreen(page, 'journey-16b-form-english', { fullPage: true });
    await page.getByTestId('journey-exit').tap();
    await page.getByTestId('exit-dialog').waitFor();
    await checkScreen(page, 'journey-17-exit-confirm');
    await page.getByTestId('exit-yes').tap();
    await page.getByTestId('attract-start').waitFor();
    await expect.poll(async () => ((await (await backend().fetch(new Request('http://kiosk.test/api/journey/identity'))).json()) as { identity: unknown }).identity).toBeNull();
  });
});

describe('idle timeout mid-journey', () => {
  it('wipes the screen and the backend session (identity, scanned pages)', async () => {
    const k = await openKioskPage(browser, kiosk.url, { beforeGoto: (p) => p.clock.install() });
    await k.context.grantPermissions(['camera'], { origin: kiosk.origin });
    const { page } = k;
    await startAndIdentify(page, 'gjj', RENT.code, null);
    await fillRentForm(page);
    await page.getByTestId('journey-next').tap();
    const lease = page.locator('[data-testid="checklist-item"][data-material="lease-contract"]');
    await lease.getByTestId('scan-flatbed').tap();
    await expect.poll(() => lease.getByTestId('page-thumb').count(), { timeout: 30_000 }).toBe(1);
    expect(backend().ctx.devices.pages.list()).toHaveLength(1);

    await page.clock.fastForward((IDLE.warnAfterSec + 1) * 1000);
    await page.getByTestId('idle-dialog').waitFor();
    await checkScreen(page, 'journey-18-idle-warning');
    const ended = page.waitForRequest((r) => r.url().endsWith('/api/system/session/end') && r.method() === 'POST');
    await page.clock.fastForward(IDLE.countdownSec * 1000);
    await ended;
    await page.getByTestId('attract-start').waitFor();
    expect(await page.locator('[data-testid="journey"]').count()).toBe(0);
    await expect.poll(() => backend().ctx.devices.pages.list().length).toBe(0);
    expect(((await (await backend().fetch(new Request('http://kiosk.test/api/journey/identity'))).json()) as { identity: unknown }).identity).toBeNull();
    await checkScreen(page, 'journey-19-idle-wiped');
    await k.context.close();
  });
});

describe('a terminal without 人证核验 (journey.faceCheck: false)', () => {
  it('goes from the card straight to the form', async () => {
    const plain = await startKiosk({
      config: { centralUrl: null, terminalId: 'E2EJ002', journey: { faceCheck: false }, devices: [{ kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 }] },
    });
    try {
      await plain.host.backend.ctx.devices.settled();
      const k = await openKioskPage(browser, plain.url);
      const { page } = k;
      await openGuideBySearch(page, 'gjj', RENT.code);
      await page.getByTestId('start-apply').tap();
      await page.locator('[data-testid="journey-identify"][data-phase="waiting"]').waitFor();
      await page.waitForTimeout(300);
      expect((await plain.host.backend.ctx.devices.sim!.act({ device: 'id-card-reader', action: 'insert', card: 'hmt-residence-permit' })).ok).toBe(true);
      await page.locator('[data-testid="journey-identify"][data-phase="read"]').waitFor();
      expect(await page.getByTestId('face-check').count()).toBe(0);
      expect(await page.getByTestId('identity').textContent()).toContain('港澳台居民居住证');
      await checkScreen(page, 'journey-22-no-face-check');
      await page.getByTestId('identity-continue').tap();
      await page.getByTestId('journey-form').waitFor();
      expect(await page.locator('[data-field="applicantName"] [data-testid="form-locked"]').textContent()).toContain(SAMPLE_CARDS['hmt-residence-permit'].name);
      await k.context.close();
    } finally {
      await plain.close();
    }
  });
});
