// The journey API against a real backend (store, queue, embedded central, simulated receipt
// printer): identity held by the backend, form checked against the service schema, pages by
// inbox reference, 容缺 commitment, 一次性告知单 with nothing queued, one rating per case, wipe.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../../central/catalog/sample-catalog';
import { CN_2026 } from '../../../common/test-support/calendars';
import { uuidv7 } from '../../../common/uuidv7';
import { cardReadEvent } from '../../../devices/fakes/fake-events';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';
import { waitFor } from '../../../devices/test-support/wait';
import { enrolHelper, signInHelper, TEST_HELPERS } from '../test-support/helper';
import { tempKiosk, type TempKiosk } from '../test-support/temp-kiosk';
import { parseReceiptCode } from '../../../common/receipt-claim';

/** A GK2 receipt QR of this receipt number, with a claim. */
const isClaimQr = (text: string, receiptNo: string) => {
  const c = parseReceiptCode(text);
  return c?.receiptNo === receiptNo && c.claim !== null && text.startsWith('GK2|');
};

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!; // lease-contract, rent-receipt: both 容缺
const UNEMPLOYMENT = sampleCatalog.services.find((s) => s.code === '321300-JF-00203-001')!; // termination-certificate: not 容缺
const card = SAMPLE_CARDS.resident;

const open: TempKiosk[] = [];
afterEach(async () => {
  while (open.length) {
    const k = open.pop()!;
    await k.close();
    fs.rmSync(k.dataDir, { recursive: true, force: true });
  }
});

/** The application API; 人证核验 (on by default) is off here unless asked for: it has its own test below. */
async function kiosk(opts: { faceCheck?: boolean } = {}): Promise<TempKiosk> {
  const k = await tempKiosk({
    config: { terminalId: 'JRN0001', journey: { faceCheck: opts.faceCheck ?? false }, devices: [{ kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 }] },
    overrides: { devTools: true },
  });
  open.push(k);
  k.ctx.store.outbox.putCalendar(2026, CN_2026.version, JSON.stringify(CN_2026), new Date().toISOString());
  await waitFor(() => k.ctx.devices.list().find((d) => d.device === 'receipt-printer')?.health === 'ok', 10_000, 'receipt printer ready');
  return k;
}

const jpeg = (w: number, h: number, salt: number) =>
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
    h >> 8,
    h & 0xff,
    w >> 8,
    w & 0xff,
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
function scanPages(k: TempKiosk, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const r = k.ctx.devices.pages.add('scanner', jpeg(1240, 1754, i));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.id;
  });
}
const json = (k: TempKiosk, p: string, body: unknown, method = 'POST') => k.get(p, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SIGNATURE = { mime: 'image/png' as const, data: Buffer.from('signature-png').toString('base64') };
const goodForm = {
  applicantName: '冒名顶替',
  applicantIdNumber: '110101199003070000',
  birthDate: card.birthDate,
  address: '宿迁市宿城区新地址1号',
  phone: '13912345678',
  fundAccount: '32000123456',
  monthlyRent: 1800,
  bankAccount: '6222020000000000000',
  married: 'no',
};

describe('application journey API', () => {
  it('holds the card in the backend, shows it masked, prefills the form with sources', async () => {
    const k = await kiosk();
    expect((await k.get(`/api/journey/services/${RENT.code}/form`)).status).toBe(409);
    k.ctx.bus.emit(cardReadEvent('resident'));
    const id = (await (await k.get('/api/journey/identity')).json()) as { identity: { name: string; number: string; problem: unknown } };
    expect(id.identity).toMatchObject({ name: '王**', number: `${card.idNumber.slice(0, 4)}**********${card.idNumber.slice(-4)}`, problem: null });
    expect(JSON.stringify(id)).not.toContain(card.idNumber);

    const form = (await (await k.get(`/api/journey/services/${RENT.code}/form`)).json()) as { prefill: Record<string, { value: string; source: { from: string }; locked: boolean }> };
    expect(form.prefill.applicantName).toEqual({ value: card.name, source: { from: 'id-card' }, locked: true });
    expect(form.prefill.applicantIdNumber!.value).toBe(id.identity.number);
    expect(form.prefill.address).toMatchObject({ value: card.address, locked: false });

    const hukou = (await (await k.get(`/api/journey/services/${sampleCatalog.services.find((s) => s.form?.fields.some((f) => f.id === 'hukouAddress'))!.code}/form`)).json()) as typeof form;
    expect(hukou.prefill.hukouAddress!.source).toEqual({ from: 'shared', department: '市公安局（人口基础信息库）' });

    // the 2017 foreign permanent resident card (15-character number) is sent to the counter
    k.ctx.bus.emit(cardReadEvent('foreign-permanent-2017'));
    const foreign = (await (await k.get('/api/journey/identity')).json()) as typeof id;
    // a code: the identify step words it from renderer/src/i18n/refusals.ts (refusals.test.ts)
    expect(foreign.identity.problem).toBe('card-not-accepted-here');
  });

  it('rejects a form field by field, then queues with the card as applicant, pages by reference, one material owed, and prints the receipt', async () => {
    const k = await kiosk();
    k.ctx.bus.emit(cardReadEvent('resident'));
    const pages = scanPages(k, 3);
    const base = { idempotencyKey: uuidv7(), serviceCode: RENT.code, materials: [{ materialId: 'lease-contract', pageIds: pages }], signature: SIGNATURE, channel: 'kiosk' };

    const decision = (await (await json(k, `/api/journey/services/${RENT.code}/materials`, { materials: base.materials })).json()) as {
      kind: string;
      owed: { materialId: string }[];
      deadline: string;
    };
    expect(decision).toMatchObject({ kind: 'commitment', owed: [{ materialId: 'rent-receipt' }] });
    expect(decision.deadline).toMatch(/^2026-\d\d-\d\d$/);

    const bad = await json(k, '/api/journey/submit', {
      ...base,
      form: { ...goodForm, phone: '1391234', monthlyRent: 'abc' },
      commitment: { signature: SIGNATURE, signedAt: new Date().toISOString() },
    });
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { problems: { field: string; code: string; length?: number }[] }).problems;
    expect(problems.map((p) => p.field)).toEqual(['phone', 'monthlyRent']);
    // the figures the form's words need (手机号码应为 11 位数字，现在是 N 位: renderer/src/journey/field-problem-text.ts)
    expect(problems[0]).toEqual({ field: 'phone', code: 'phone-length', length: 7 });

    expect((await json(k, '/api/journey/submit', { ...base, form: goodForm })).status).toBe(409); // commitment not signed

    const res = await json(k, '/api/journey/submit', { ...base, form: goodForm, commitment: { signature: SIGNATURE, signedAt: new Date().toISOString() } });
    expect(res.status).toBe(201);
    const r = (await res.json()) as { receiptNo: string; completion: { kind: string; date: string }; receipt: { printed: boolean }; owed: { name: string }[] };
    expect(r.receiptNo).toMatch(/^JRN0001-\d{8}-\d{4}$/);
    expect(r.completion.kind).toBe('by-date');
    expect(r.owed.map((o) => o.name)).toEqual(['租金支付凭证']);
    expect(r.receipt.printed).toBe(true);
    // the pages moved into the outbox
    expect(k.ctx.devices.pages.list()).toEqual([]);

    const printed = await waitFor(async () => (await k.ctx.devices.sim!.state()).receipt.printed.find((p) => p.qrPayloads.some((q) => isClaimQr(q, r.receiptNo))), 10_000, 'receipt printed');
    const text = printed.lines.join('\n');
    expect(text).toContain('收件回执');
    expect(text).toContain('房屋租赁合同');
    expect(text).toContain('（3 页）');
    expect(text).toContain('容缺后补材料');
    expect(text).toContain(r.completion.date);
    expect(text).not.toContain(card.idNumber);

    // central gets the card's identity, not what the form said
    await k.ctx.queue.syncNow();
    const status = k.ctx.queue.caseStatus(r.receiptNo)!;
    expect(status.delivery).toBe('sent');
    const row = k.central!.store.db.prepare('SELECT manifest FROM cases WHERE case_no = ?').get(status.caseNo) as { manifest: string };
    expect(row.manifest).toContain(card.idNumber);
    expect(row.manifest).not.toContain('冒名顶替');
  });

  it('prints a 一次性告知单 listing every missing material and queues nothing when a non-容缺 material is missing', async () => {
    const k = await kiosk();
    k.ctx.bus.emit(cardReadEvent('resident'));
    const decision = (await (await json(k, `/api/journey/services/${UNEMPLOYMENT.code}/materials`, { materials: [] })).json()) as { kind: string; missing: { name: string }[] };
    expect(decision).toMatchObject({ kind: 'notice', missing: [{ name: '终止或者解除劳动合同的证明' }] });
    const submit = await json(k, '/api/journey/submit', { idempotencyKey: uuidv7(), serviceCode: UNEMPLOYMENT.code, form: {}, materials: [], signature: SIGNATURE });
    expect(submit.status).toBe(409);
    const notice = await json(k, `/api/journey/services/${UNEMPLOYMENT.code}/missing-notice`, { materials: [] });
    expect(await notice.json()).toMatchObject({ printed: true, missing: ['终止或者解除劳动合同的证明'] });
    const printed = await waitFor(async () => (await k.ctx.devices.sim!.state()).receipt.printed.find((p) => p.lines.some((l) => l.includes('一次性告知单'))), 10_000, 'notice printed');
    expect(printed.lines.join('')).toContain('终止或者解除劳动合同的证明');
    expect(k.ctx.queue.engine.status().pending).toBe(0);
  });

  it('takes one rating per case of this session, asks a reason for a poor one, and wipes everything at session end', async () => {
    const k = await kiosk();
    k.ctx.bus.emit(cardReadEvent('resident'));
    const res = await json(k, '/api/journey/submit', {
      idempotencyKey: uuidv7(),
      serviceCode: RENT.code,
      form: goodForm,
      materials: [
        { materialId: 'lease-contract', pageIds: scanPages(k, 1) },
        { materialId: 'rent-receipt', pageIds: scanPages(k, 1) },
      ],
      signature: SIGNATURE,
    });
    expect(res.status).toBe(201);
    const { receiptNo } = (await res.json()) as { receiptNo: string };
    expect((await json(k, '/api/journey/rating', { receiptNo, rating: 2, reason: null })).status).toBe(400);
    const rated = await json(k, '/api/journey/rating', { receiptNo, rating: 2, reason: '等候时间太长' });
    expect(rated.status).toBe(201);
    expect(await rated.json()).toEqual({ ok: true, followUp: true });
    expect((await json(k, '/api/journey/rating', { receiptNo, rating: 5, reason: null })).status).toBe(409);

    scanPages(k, 2);
    expect((await json(k, '/api/system/session/end', { reason: 'idle' })).status).toBe(200);
    expect(((await (await k.get('/api/journey/identity')).json()) as { identity: unknown }).identity).toBeNull();
    expect(k.ctx.devices.pages.list()).toEqual([]);
    expect((await json(k, '/api/journey/rating', { receiptNo, rating: 4, reason: null })).status).toBe(404);
  });

  it('leaving an application unsubmitted drops its card and its scanned pages in one request', async () => {
    const k = await kiosk();
    k.ctx.bus.emit(cardReadEvent('resident'));
    scanPages(k, 2);
    expect((await k.get('/api/journey/leave', { method: 'POST' })).status).toBe(200);
    expect(((await (await k.get('/api/journey/identity')).json()) as { identity: unknown }).identity).toBeNull();
    expect(k.ctx.devices.pages.list()).toEqual([]);
    expect(k.logLines.some((l) => l.includes('"journey.left"'))).toBe(true);
  });

  it('paper out: the application is queued, the receipt is held for reprint and the number still returned', async () => {
    const k = await kiosk();
    k.ctx.bus.emit(cardReadEvent('resident'));
    expect((await k.ctx.devices.sim!.act({ device: 'receipt-printer', action: 'paper-out' })).ok).toBe(true);
    await waitFor(() => k.ctx.devices.list().find((d) => d.device === 'receipt-printer')?.health === 'offline', 10_000, 'printer out of paper');
    const res = await json(k, '/api/journey/submit', {
      idempotencyKey: uuidv7(),
      serviceCode: RENT.code,
      form: goodForm,
      materials: [
        { materialId: 'lease-contract', pageIds: scanPages(k, 1) },
        { materialId: 'rent-receipt', pageIds: scanPages(k, 1) },
      ],
      signature: SIGNATURE,
    });
    expect(res.status).toBe(201);
    const r = (await res.json()) as { receiptNo: string; receipt: { printed: boolean; heldJobId: string; reason: string } };
    expect(r.receipt).toMatchObject({ printed: false, reason: 'paper-out' });
    expect(k.ctx.queue.caseStatus(r.receiptNo)).not.toBeNull();
    const held = k.ctx.devices.receipt.heldJobs().find((j) => j.id === r.receipt.heldJobId)!;
    expect(held.doc.lines.some((l) => l.type === 'qr' && isClaimQr(l.data, r.receiptNo))).toBe(true);
    expect(k.logLines.some((l) => l.includes('journey.receipt-held') && l.includes(r.receiptNo))).toBe(true);
  });

  it('helper channel: only the signed-in helper, with the resident’s 委托授权, and the receipt names the helper', async () => {
    const k = await kiosk();
    await enrolHelper(k, TEST_HELPERS.a);
    const cookie = await signInHelper(k, TEST_HELPERS.a.card);
    k.ctx.bus.emit(cardReadEvent('resident'));
    const body = (over: Record<string, unknown> = {}) => ({
      idempotencyKey: uuidv7(),
      serviceCode: RENT.code,
      form: goodForm,
      materials: [
        { materialId: 'lease-contract', pageIds: scanPages(k, 1) },
        { materialId: 'rent-receipt', pageIds: scanPages(k, 1) },
      ],
      signature: SIGNATURE,
      channel: 'helper',
      helperId: TEST_HELPERS.a.staffId,
      authorisation: { signature: SIGNATURE, signedAt: new Date().toISOString() },
      ...over,
    });
    const post = (b: unknown, withCookie: boolean) =>
      k.get('/api/journey/submit', { method: 'POST', headers: { 'Content-Type': 'application/json', ...(withCookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(b) });
    expect((await post(body(), false)).status).toBe(403);
    expect((await post(body({ helperId: TEST_HELPERS.b.staffId }), true)).status).toBe(403);
    expect((await post(body({ authorisation: null }), true)).status).toBe(400);
    const res = await post(body(), true);
    expect(res.status).toBe(201);
    const { receiptNo } = (await res.json()) as { receiptNo: string };
    const printed = await waitFor(async () => (await k.ctx.devices.sim!.state()).receipt.printed.find((p) => p.qrPayloads.some((q) => isClaimQr(q, receiptNo))), 10_000, 'receipt printed');
    expect(printed.lines.map((l) => l.trim()).join('')).toContain(`帮办人员：${TEST_HELPERS.a.name}（工号 ${TEST_HELPERS.a.staffId}）`);
    await k.ctx.queue.syncNow();
    const caseNo = k.ctx.queue.caseStatus(receiptNo)!.caseNo!;
    const manifest = (k.central!.store.db.prepare('SELECT manifest FROM cases WHERE case_no = ?').get(caseNo) as { manifest: string }).manifest;
    expect(manifest).toContain(TEST_HELPERS.a.staffId);
  });

  it('works with central down: the application is queued and receipted, and delivered once central is back', async () => {
    const k = await kiosk();
    k.central!.faults.update({ downForSec: 60 });
    k.ctx.bus.emit(cardReadEvent('resident'));
    const res = await json(k, '/api/journey/submit', {
      idempotencyKey: uuidv7(),
      serviceCode: RENT.code,
      form: goodForm,
      materials: [
        { materialId: 'lease-contract', pageIds: scanPages(k, 2) },
        { materialId: 'rent-receipt', pageIds: scanPages(k, 1) },
      ],
      signature: SIGNATURE,
    });
    expect(res.status).toBe(201);
    const r = (await res.json()) as { receiptNo: string; receipt: { printed: boolean } };
    expect(r.receipt.printed).toBe(true);
    await k.ctx.queue.syncNow();
    expect(k.ctx.queue.caseStatus(r.receiptNo)!.delivery).toBe('pending');
    k.central!.faults.update({ downForSec: 0 });
    await waitFor(
      async () => {
        await k.ctx.queue.syncNow();
        return k.ctx.queue.caseStatus(r.receiptNo)!.delivery === 'sent';
      },
      15_000,
      'delivered after central is back',
    );
  });

  it('人证核验 is enforced by the backend: no submission until the verifier matches the holder of the card now held', async () => {
    const k = await kiosk({ faceCheck: true });
    const withPhoto = (name: 'resident' | 'hmt-residence-permit') => ({ ...cardReadEvent(name), photo: { mime: 'image/png', dataUrl: `data:image/png;base64,${PNG_1PX}` }, photoProblem: null });
    const live = { image: { mime: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 400 }, (_, i) => i & 0xff)]).toString('base64') } };
    const sim = (mode: string) => json(k, '/api/dev/sim/actions', { device: 'face-verifier', action: mode });
    const submit = () =>
      json(k, '/api/journey/submit', {
        idempotencyKey: uuidv7(),
        serviceCode: RENT.code,
        materials: [
          { materialId: 'lease-contract', pageIds: scanPages(k, 1) },
          { materialId: 'rent-receipt', pageIds: scanPages(k, 1) },
        ],
        signature: SIGNATURE,
        channel: 'kiosk',
        form: goodForm,
      });

    k.ctx.bus.emit(withPhoto('resident'));
    const refused = await submit();
    expect(refused.status).toBe(409);
    // a code, not a sentence: the renderer's string table words it (renderer/src/i18n/refusals.test.ts)
    expect(await refused.json()).toEqual({ error: 'face-check-needed', area: 'journey' });
    // a face that does not match the card changes nothing
    await sim('no-match');
    expect(((await (await json(k, '/api/face/verify', live)).json()) as { decision: string }).decision).toBe('no-match');
    expect((await submit()).status).toBe(409);
    // the holder passes: the same card submits
    await sim('match');
    expect(((await (await json(k, '/api/face/verify', live)).json()) as { decision: string }).decision).toBe('match');
    expect((await submit()).status).toBe(201);
    // another card placed afterwards starts unverified
    k.ctx.bus.emit(withPhoto('hmt-residence-permit'));
    expect(((await (await submit()).json()) as { error: string }).error).toBe('face-check-needed');
    // "use another card" puts the card away for the face check too
    expect((await k.get('/api/journey/identity', { method: 'DELETE' })).status).toBe(200);
    expect((await json(k, '/api/face/verify', live)).status).toBe(409);
    expect(k.logLines.some((l) => l.includes('journey.face-check-missing'))).toBe(true);
  });

  it('人证核验 can be turned off for terminals without a camera; the renderer learns it from the public config', async () => {
    const on = await kiosk({ faceCheck: true });
    expect(((await (await on.get('/api/system/info')).json()) as { config: { faceCheck: boolean } }).config.faceCheck).toBe(true);
    const off = await tempKiosk({ config: { terminalId: 'JRN0002', journey: { faceCheck: false }, devices: [] } });
    open.push(off);
    expect(((await (await off.get('/api/system/info')).json()) as { config: { faceCheck: boolean } }).config.faceCheck).toBe(false);
  });
});
