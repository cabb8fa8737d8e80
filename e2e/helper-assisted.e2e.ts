// 帮办代办 through Chromium against the real backend (simulated card reader and receipt printer,
// embedded central): a township helper places their own card (simulator) and enters the PIN on
// the on-screen pad, submits for a resident who authorises by signature, the printed receipt
// (decoded from the printer simulator) names the helper; the helper's case list holds only
// their own cases with the 补正 items to bring back; sign-out; five wrong PINs lock a helper.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { HelperSignIn } from '../central/staff/helper-sign-in';
import { CN_2026 } from '../common/test-support/calendars';
import { submissionFromWire, submissionWireSchema, type SubmissionWire } from '../common/submission';
import { uuidv7 } from '../common/uuidv7';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import type { SimAction } from '../devices/sim/sim-actions';
import { waitFor } from '../devices/test-support/wait';
import { enrolHelper, HELPER_PIN, TEST_HELPERS } from '../main/backend/test-support/helper';
import { launchBrowser, openKioskPage, type KioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { queueCase } from './harness/queued-case';
import { startKiosk, type TestKiosk } from './harness/kiosk';
import { receiptQrOf } from './harness/receipt-qr';

const SERVICE = sampleCatalog.services.find((s) => s.kioskFull)!;
const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!; // a journey service with a form
const jpeg = (salt: number) =>
  Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    1754 >> 8,
    1754 & 0xff,
    1240 >> 8,
    1240 & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xfe,
    0,
    3,
    salt,
    0xff,
    0xd9,
  ]);
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const resident = SAMPLE_CARDS['resident-long-term'];

let kiosk: TestKiosk;
let browser: Browser;
let k: KioskPage;
const backend = () => kiosk.host.backend;
const sim = async (a: SimAction) => {
  const r = await backend().ctx.devices.sim!.act(a);
  expect(r.ok, JSON.stringify(r)).toBe(true);
};

function wire(over: Partial<SubmissionWire> = {}): SubmissionWire {
  return {
    idempotencyKey: uuidv7(),
    serviceCode: SERVICE.code,
    applicant: { name: resident.name, idNumber: resident.idNumber, phone: '13912345678' },
    form: {},
    materials: [{ materialId: SERVICE.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(1500).toString('base64') }] }],
    channel: 'helper',
    helperId: TEST_HELPERS.a.staffId,
    authorisation: { signature: { mime: 'image/png', data: PNG }, signedAt: new Date().toISOString() },
    delivery: 'post',
    ...over,
  };
}

const seed = (body: SubmissionWire) => queueCase(backend(), body);

/**
 * A helper-channel case queued in-process, with the proof central issues at that helper's sign-in
 * on this terminal (central refuses a helper case without it).
 */
function seedAs(h: (typeof TEST_HELPERS)[keyof typeof TEST_HELPERS], body: SubmissionWire): string {
  const signedIn = new HelperSignIn(backend().central!.store).signIn(backend().ctx.config.terminalId, (SAMPLE_CARDS[h.card] as { idNumber: string }).idNumber, HELPER_PIN);
  if (!signedIn.ok) throw new Error(`helper sign-in at central: ${signedIn.error.kind}`);
  const r = backend().ctx.queue.enqueue({ ...submissionFromWire(submissionWireSchema.parse(body)), helperProof: signedIn.value.session.token });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.receiptNo;
}

/** A POST from inside the page: it carries the page's cookies (the helper session among them). */
async function postFromPage(page: Page, path: string, body: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ([p, b]) => {
      const r = await fetch(p as string, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      return { status: r.status, body: await r.json() };
    },
    [path, body] as const,
  );
}

async function placeCard(card: SimAction & { device: 'id-card-reader' }) {
  await sim({ device: 'id-card-reader', action: 'remove' });
  await sim(card);
}

async function enterPin(page: Page, pin: string) {
  for (const d of pin) await page.locator(`[data-helper-key="${d}"]`).tap();
  await page.getByTestId('helper-pin-submit').tap();
}

let otherHelpersReceipt: string;
let journeyReceipt: string;
let kioskReceipt: string;

beforeAll(async () => {
  kiosk = await startKiosk({
    config: {
      centralUrl: null,
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'code-scanner', mode: 'simulator' },
      ],
    },
  });
  await backend().ctx.devices.settled();
  backend().ctx.store.outbox.putCalendar(2026, CN_2026.version, JSON.stringify(CN_2026), new Date().toISOString());
  await enrolHelper(backend(), TEST_HELPERS.a);
  await enrolHelper(backend(), TEST_HELPERS.b);

  // Before our helper arrives: helper B submitted one case here (signed in at central, so the
  // case carries central's proof and central takes it), a resident one on their own.
  otherHelpersReceipt = seedAs(TEST_HELPERS.b, wire({ helperId: TEST_HELPERS.b.staffId }));
  kioskReceipt = seed(wire({ channel: 'kiosk', helperId: null, authorisation: null }));
  expect(otherHelpersReceipt).toBeTruthy();
  expect(kioskReceipt).toBeTruthy();

  browser = await launchBrowser();
  k = await openKioskPage(browser, kiosk.url);
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('帮办代办 (Chromium, simulators, embedded central)', () => {
  it('a helper signs in with their own card on the reader and the PIN on the on-screen pad', async () => {
    const { page } = k;
    await page.getByTestId('helper-entry').tap();
    await page.getByTestId('helper-sign-in').waitFor();
    await page.waitForTimeout(300); // the screen's card wait is open
    await checkScreen(page, 'helper-01-place-card');

    // A resident's card is not a helper's.
    await placeCard({ device: 'id-card-reader', action: 'insert', card: 'resident' });
    await page.getByTestId('helper-card-problem').filter({ hasText: '不是已登记的帮办人员' }).waitFor();

    await placeCard({ device: 'id-card-reader', action: 'insert', card: 'township-helper' });
    await page.getByRole('heading', { name: '周海燕，请输入登录密码' }).waitFor();
    await sim({ device: 'id-card-reader', action: 'remove' });
    for (const d of HELPER_PIN.slice(0, 3)) await page.locator(`[data-helper-key="${d}"]`).tap();
    expect(await page.getByTestId('helper-pin-dots').textContent()).toBe('●●●');
    await checkScreen(page, 'helper-02-pin');
    await page.locator('[data-helper-key="del"]').tap();
    await page.locator('[data-helper-key="del"]').tap();
    await page.locator('[data-helper-key="del"]').tap();
    await enterPin(page, HELPER_PIN);

    const bar = page.getByTestId('helper-bar');
    await bar.filter({ hasText: '周海燕（工号 HB-001）' }).waitFor();
    await page.getByTestId('tile-grid').waitFor();
    await checkScreen(page, 'helper-03-signed-in-home');
    expect(await page.context().cookies()).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'kiosk_helper', httpOnly: true })]));
  });

  it('applies for a resident whose card is read after sign-in; the resident’s authorisation goes with it and the printed receipt names the helper', async () => {
    const { page } = k;
    // The resident's own card, placed after the helper signed in, is the applicant.
    await placeCard({ device: 'id-card-reader', action: 'insert', card: 'resident-long-term' });
    await waitFor(
      async () => ((await page.evaluate(async () => (await fetch('/api/journey/identity')).json())) as { identity: { name: string } | null }).identity?.name === '李**',
      10_000,
      'resident card held',
    );
    // 人证核验 of the resident (the simulated verifier matches): the backend submits only after it
    const face = await postFromPage(page, '/api/face/verify', { image: { mime: 'image/jpeg', data: Buffer.from([...jpeg(9), ...crypto.randomBytes(400)]).toString('base64') } });
    expect(face.body, JSON.stringify(face.body)).toMatchObject({ decision: 'match' });
    const pages = [1, 2].map((i) => {
      const r = backend().ctx.devices.pages.add('scanner', jpeg(i));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.id;
    });
    const signedAt = new Date().toISOString();
    const res = await postFromPage(page, '/api/journey/submit', {
      idempotencyKey: uuidv7(),
      serviceCode: RENT.code,
      form: { address: '宿迁市宿豫区顺河街道洪泽湖路6号', phone: '13912345678', fundAccount: '32000123456', monthlyRent: 900, bankAccount: '6222020000000000000', married: 'no' },
      materials: [
        { materialId: 'lease-contract', pageIds: [pages[0]] },
        { materialId: 'rent-receipt', pageIds: [pages[1]] },
      ],
      signature: { mime: 'image/png', data: PNG },
      channel: 'helper',
      helperId: TEST_HELPERS.a.staffId,
      authorisation: { signature: { mime: 'image/png', data: PNG }, signedAt },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    journeyReceipt = res.body.receiptNo;
    const printed = await waitFor(
      async () =>
        (await backend().ctx.devices.sim!.state()).receipt.printed.find((p) => p.lines.some((l) => l.includes(journeyReceipt)) || p.qrPayloads.includes(receiptQrOf(backend(), journeyReceipt))),
      10_000,
      'receipt printed',
    );
    const text = printed.lines.join('\n');
    expect(text).toContain('收件回执');
    expect(text).toMatch(/帮办人员[\s\S]*周海燕[\s\S]*HB-001/);
    expect(printed.qrPayloads).toContain(receiptQrOf(backend(), journeyReceipt));
    await sim({ device: 'id-card-reader', action: 'remove' });
    // Central gets the helper and the resident's authorisation with the case.
    await backend().ctx.queue.syncNow();
    const row = await waitFor(() => backend().central!.store.caseByReceipt('E2E0001', journeyReceipt), 10_000, 'case at central');
    expect(JSON.parse(row.manifest)).toMatchObject({ channel: 'helper', helperId: 'HB-001', applicant: { name: '李秀英' }, authorisation: { signedAt } });
  });

  it('a second application; the helper’s list shows only their own cases with the 补正 items', async () => {
    const { page } = k;
    const mine = seedAs(TEST_HELPERS.a, wire());
    await backend().ctx.queue.syncNow();
    const caseNo = await waitFor(() => backend().ctx.queue.caseStatus(mine)?.caseNo, 10_000, 'case number');
    const c = backend().central!;
    const adv = await fetch(`${c.url}/v1/admin/cases/${caseNo}/status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        status: 'correction',
        items: [
          { materialId: null, description: '户口簿首页复印件不清晰' },
          { materialId: null, description: '缺少近期一寸免冠照片' },
        ],
        deadline: '2026-12-31',
      }),
    });
    expect(adv.status).toBe(200);
    await backend().ctx.queue.syncNow();
    await waitFor(() => backend().ctx.queue.caseStatus(mine)?.status === 'correction', 10_000, 'correction pulled');

    await page.getByTestId('helper-my-cases').tap();
    await page.getByTestId('helper-cases').waitFor();
    const rows = page.getByTestId('helper-case');
    await rows.first().waitFor();
    const receipts = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-receipt')));
    expect(receipts).toEqual([mine, journeyReceipt]);
    expect(receipts).not.toContain(otherHelpersReceipt);
    expect(receipts).not.toContain(kioskReceipt);
    const row = page.locator(`[data-testid="helper-case"][data-receipt="${mine}"]`);
    expect(await row.getByTestId('helper-case-status').textContent()).toBe('需补正');
    const bring = await row.getByTestId('helper-bring-back').textContent();
    expect(bring).toContain('户口簿首页复印件不清晰');
    expect(bring).toContain('缺少近期一寸免冠照片');
    expect(bring).toContain('2026-12-31');
    expect(await row.textContent()).toContain('李**');
    expect(await row.textContent()).not.toContain(resident.idNumber);
    await checkScreen(page, 'helper-05-my-cases', { fullPage: true });
  });

  it('the helper signs out: the bar is gone and the session no longer opens their cases', async () => {
    const { page } = k;
    await page.getByTestId('helper-sign-out').tap();
    await page.getByTestId('helper-bar').waitFor({ state: 'detached' });
    await page.getByTestId('helper-entry').waitFor();
    // The resident served last leaves with the helper: the backend no longer holds their card.
    await waitFor(async () => ((await page.evaluate(async () => (await fetch('/api/journey/identity')).json())) as { identity: unknown }).identity === null, 5000, 'resident wiped');
    const cases = await page.evaluate(async () => (await fetch('/api/helper/cases')).status);
    expect(cases).toBe(403);
  });

  it('five wrong PINs lock the helper: the screen says until when and the pad is disabled', async () => {
    const { page } = k;
    await page.getByTestId('helper-entry').tap();
    await page.getByTestId('helper-sign-in').waitFor();
    await page.waitForTimeout(300);
    await placeCard({ device: 'id-card-reader', action: 'insert', card: 'township-helper-2' });
    await page.getByRole('heading', { name: '孙立军，请输入登录密码' }).waitFor();
    for (let i = 1; i <= 4; i++) {
      await enterPin(page, '000000');
      await page
        .getByTestId('helper-pin-problem')
        .filter({ hasText: `还可尝试 ${5 - i} 次` })
        .waitFor();
    }
    await enterPin(page, '000000');
    const problem = page.getByTestId('helper-pin-problem');
    await problem.filter({ hasText: '已锁定至' }).waitFor();
    const until = new Date(Date.now() + 15 * 60_000 + 8 * 3600_000).toISOString().slice(11, 16);
    const text = (await problem.textContent()) ?? '';
    // the lock ends 15 minutes from now (China time), give or take the minute boundary
    const shown = /(\d{2}:\d{2})/.exec(text)![1]!;
    const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
    expect(Math.abs(minutes(shown) - minutes(until)) % (24 * 60)).toBeLessThanOrEqual(1);
    expect(await page.locator('[data-helper-key="1"]').isDisabled()).toBe(true);
    await checkScreen(page, 'helper-06-locked');
    // The right PIN is refused too while locked: central keeps the lock for this helper, not the screen.
    expect(backend().central!.store.staffLockout(TEST_HELPERS.b.staffId)!.lockedUntil).toBeGreaterThan(Date.now() + 14 * 60_000);
    await sim({ device: 'id-card-reader', action: 'remove' });
    // Only the refusals this test provoked (unknown card, wrong PINs, lock, signed-out submit) — no page errors.
    expect(k.problems.filter((p) => !/Failed to load resource: the server responded with a status of (401|403|404|423)/.test(p))).toEqual([]);
  });
});
