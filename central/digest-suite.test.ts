// Digests on the wire name their algorithm (issue 16): central verifies an attachment with the
// one its digest names (SM3 for `sm3:…`), refuses SHA-256 digests — of pages and of receipt
// claims — from a terminal registered for sm outside its transition window (no downgrade), takes
// them inside it, and still opens cases filed with SHA-256 claim digests before the switch.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseLookupResponseSchema } from '../common/central-api';
import { newReceiptClaim, receiptClaimDigest } from '../common/receipt-claim';
import { uuidv7 } from '../common/uuidv7';
import { centralSuite } from './crypto-suites';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';
import { sampleCatalog } from './catalog/sample-catalog';
import { centralHarness, OTHER_TERMINAL, TERMINAL, type CallOptions, type CentralHarness } from './test-support/central-harness';
import { testSm2KeyPair } from './test-support/signed-client';

let h: CentralHarness;
const sm2 = testSm2KeyPair();
const sm3Suite = centralSuite('sm');
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => {
  vi.useRealTimers();
  h.close();
});

const SERVICE = sampleCatalog.services[0]!.code;
const sha256Of = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const sm3Of = (b: Uint8Array) => `sm3:${crypto.createHash('sm3').update(b).digest('hex')}`;
/** KSK0001 signing with its SM2 key, as an sm terminal does. */
const asSm = (c: CallOptions): CallOptions => ({ ...c, sm2: sm2.keyPair });
const asIntl = (c: CallOptions): CallOptions => ({ ...c, ...OTHER_TERMINAL });

async function registerSm(transitionUntil: string | null = null) {
  const r = await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/suite`, 'PUT', { suite: 'sm', sm2PublicKey: sm2.publicKeyHex, transitionUntil });
  expect(r.status).toBe(200);
}

async function body(r: Response) {
  return { status: r.status, ...((await r.json()) as { error?: string; message?: string; received?: number; complete?: boolean; results?: Record<string, unknown>[] }) };
}

/** Declares `bytes` under `digest` and sends them in chunks (the last one replaced by `last` when given). */
async function upload(signAs: (c: CallOptions) => CallOptions, bytes: Buffer, digest: string, o: { chunk?: number; encode?: boolean; last?: Buffer } = {}) {
  const chunk = o.chunk ?? 1000;
  const init = await body(await h.call(signAs({ method: 'POST', path: '/v1/attachments', json: { sha256: digest, size: bytes.length, mime: 'image/jpeg', name: 'p.jpg' } })));
  if (init.status !== 200) return init;
  const inPath = o.encode ? encodeURIComponent(digest) : digest;
  let last = init;
  for (let off = 0; off < bytes.length; off += chunk) {
    const isLast = off + chunk >= bytes.length;
    const data = isLast && o.last ? o.last : bytes.subarray(off, off + chunk);
    last = await body(await h.call(signAs({ method: 'PUT', path: `/v1/attachments/${inPath}/content?offset=${off}`, bytes: data })));
    if (last.status !== 200) return last;
  }
  return last;
}

let receiptSeq = 0;
function manifest(terminalId: string, pages: { sha256: string; size: number }[], claimDigest?: string) {
  receiptSeq++;
  return {
    idempotencyKey: uuidv7(),
    receiptNo: `${terminalId}-20261202-${String(receiptSeq).padStart(4, '0')}`,
    submittedAt: new Date().toISOString(),
    serviceCode: SERVICE,
    applicant: { name: '张三', idNumber: testIdNumber(7), phone: null },
    form: { purpose: '测试' },
    materials: [{ materialId: 'id-card', provision: 'scanned', pages: pages.map((p, i) => ({ ...p, mime: 'image/jpeg', name: `id-card-${i + 1}.jpg` })) }],
    commitment: null,
    signature: null,
    channel: 'kiosk',
    helperId: null,
    delivery: 'kiosk_print',
    ...(claimDigest ? { claimDigest } : {}),
  };
}

async function file(signAs: (c: CallOptions) => CallOptions, m: Record<string, unknown>) {
  const r = await body(await h.call(signAs({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } })));
  return r.results![0]!;
}

describe('attachments are verified with the algorithm their digest names', () => {
  it('an sm terminal’s SM3-named page completes (path written plainly or percent-encoded); the same bytes named by their SHA-256 value under sm3: do not', async () => {
    await registerSm();
    const bytes = crypto.randomBytes(2500);
    expect(await upload(asSm, bytes, sm3Of(bytes))).toMatchObject({ status: 200, complete: true, sha256: sm3Of(bytes) });
    const other = crypto.randomBytes(1800);
    expect(await upload(asSm, other, sm3Of(other), { encode: true })).toMatchObject({ status: 200, complete: true });
    expect(h.store.attachmentBytes(TERMINAL.terminalId, sm3Of(bytes))!.equals(bytes)).toBe(true);
    // A central that hashed everything with SHA-256 would take this one.
    const third = crypto.randomBytes(1500);
    expect(await upload(asSm, third, `sm3:${sha256Of(third)}`)).toMatchObject({ status: 422, error: 'hash-mismatch', received: 0 });
  });

  it.each([
    { suite: 'sm (SM3)', signAs: asSm, digestOf: sm3Of },
    { suite: 'international (SHA-256)', signAs: asIntl, digestOf: sha256Of },
  ])('refuses a corrupted chunk under $suite: every chunk is dropped and the upload starts again from 0', async ({ signAs, digestOf }) => {
    await registerSm();
    const bytes = crypto.randomBytes(3000);
    const bad = Buffer.from(bytes.subarray(2000));
    bad[10] = bad[10]! ^ 0x01;
    const digest = digestOf(bytes);
    expect(await upload(signAs, bytes, digest, { last: bad })).toMatchObject({ status: 422, error: 'hash-mismatch', received: 0, complete: false });
    const terminalId = signAs === asSm ? TERMINAL.terminalId : OTHER_TERMINAL.terminalId;
    expect(h.store.attachment(terminalId, digest)).toMatchObject({ received: 0, complete: false });
    expect(h.store.attachmentBytes(terminalId, digest)).toBeNull();
  });

  it('refuses a digest that names no known algorithm', async () => {
    const r = await body(await h.call({ method: 'POST', path: '/v1/attachments', json: { sha256: `md5:${'a'.repeat(64)}`, size: 10, mime: 'image/jpeg', name: 'a.jpg' } }));
    expect(r).toMatchObject({ status: 400, error: 'invalid-request' });
  });
});

describe('a page sent as one chunk is checked against the digest the signature check made of the same body', () => {
  it.each([
    { suite: 'sm (SM3)', signAs: asSm, digestOf: sm3Of, tag: 'sm' as const },
    { suite: 'international (SHA-256)', signAs: asIntl, digestOf: sha256Of, tag: 'international' as const },
  ])('under $suite: the page completes without central hashing it again; a flipped bit is refused and nothing is kept', async ({ signAs, digestOf, tag }) => {
    await registerSm();
    const terminalId = signAs === asSm ? TERMINAL.terminalId : OTHER_TERMINAL.terminalId;
    const hashes = vi.spyOn(centralSuite(tag), 'createDigest');
    const bytes = crypto.randomBytes(3000);
    expect(await upload(signAs, bytes, digestOf(bytes), { chunk: 3000 })).toMatchObject({ status: 200, complete: true });
    expect(h.store.attachmentBytes(terminalId, digestOf(bytes))!.equals(bytes)).toBe(true);
    expect(hashes).not.toHaveBeenCalled();
    const other = crypto.randomBytes(3000);
    const bad = Buffer.from(other);
    bad[10] = bad[10]! ^ 0x01;
    expect(await upload(signAs, other, digestOf(other), { chunk: 3000, last: bad })).toMatchObject({ status: 422, error: 'hash-mismatch', received: 0, complete: false });
    expect(h.store.attachmentBytes(terminalId, digestOf(other))).toBeNull();
  });

  it('a page named with another algorithm than the signature’s is hashed with the one it names (an sm terminal filing SHA-256 inside its window)', async () => {
    await registerSm(new Date(Date.now() + 86_400_000).toISOString());
    const bytes = crypto.randomBytes(2000);
    expect(await upload(asSm, bytes, sha256Of(bytes), { chunk: 2000 })).toMatchObject({ status: 200, complete: true });
    const other = crypto.randomBytes(2000);
    expect(await upload(asSm, other, sha256Of(other), { chunk: 2000, last: crypto.randomBytes(2000) })).toMatchObject({ status: 422, error: 'hash-mismatch' });
    // its SM3 value under the SHA-256 name (what the signature check made) is not taken either
    const third = crypto.randomBytes(2000);
    expect(await upload(asSm, third, sm3Of(third).slice('sm3:'.length), { chunk: 2000 })).toMatchObject({ status: 422, error: 'hash-mismatch' });
  });
});

describe('no downgrade: SHA-256 digests from a terminal registered for sm', () => {
  it('are refused outside the transition window (page declared, manifest filed, receipt claim), with digest-suite-mismatch', async () => {
    await registerSm();
    const bytes = crypto.randomBytes(1200);
    const declared = await upload(asSm, bytes, sha256Of(bytes));
    expect(declared).toMatchObject({ status: 409, error: 'digest-suite-mismatch' });
    expect(declared.message).toContain('SM3');
    // Declared with its one chunk (1.3.0): the same refusal, and nothing stored.
    const withChunk = await body(await h.call(asSm({ method: 'PUT', path: `/v1/attachments/${sha256Of(bytes)}/content?offset=0&size=${bytes.length}&mime=image%2Fjpeg&name=p.jpg`, bytes })));
    expect(withChunk).toMatchObject({ status: 409, error: 'digest-suite-mismatch' });
    expect(h.store.attachment(TERMINAL.terminalId, sha256Of(bytes))).toBeNull();
    // A manifest naming SHA-256 pages, and one whose pages are SM3 but whose claim digest is SHA-256.
    expect(await file(asSm, manifest(TERMINAL.terminalId, [{ sha256: sha256Of(bytes), size: bytes.length }]))).toMatchObject({ outcome: 'rejected', code: 'digest-suite-mismatch' });
    await upload(asSm, bytes, sm3Of(bytes));
    const claim = newReceiptClaim();
    const withShaClaim = manifest(TERMINAL.terminalId, [{ sha256: sm3Of(bytes), size: bytes.length }], await receiptClaimDigest(claim));
    expect(await file(asSm, withShaClaim)).toMatchObject({ outcome: 'rejected', code: 'digest-suite-mismatch' });
    expect(h.store.countCases()).toBe(0);
    // All in SM3: filed.
    const sm = manifest(TERMINAL.terminalId, [{ sha256: sm3Of(bytes), size: bytes.length }], await receiptClaimDigest(claim, sm3Suite));
    expect(await file(asSm, sm)).toMatchObject({ outcome: 'created' });
    // An international terminal keeps filing SHA-256 as before.
    const other = crypto.randomBytes(900);
    expect(await upload(asIntl, other, sha256Of(other))).toMatchObject({ status: 200, complete: true });
    expect(await file(asIntl, manifest(OTHER_TERMINAL.terminalId, [{ sha256: sha256Of(other), size: other.length }], await receiptClaimDigest(claim)))).toMatchObject({ outcome: 'created' });
  });

  it('are taken inside the window; a case filed then is answered as a duplicate when sent again in SM3 after it closed, and its receipt still opens it', async () => {
    const until = Date.now() + 60_000;
    await registerSm(new Date(until).toISOString());
    const bytes = crypto.randomBytes(1500);
    const claim = newReceiptClaim();
    expect(await upload(asSm, bytes, sha256Of(bytes))).toMatchObject({ status: 200, complete: true });
    const m = manifest(TERMINAL.terminalId, [{ sha256: sha256Of(bytes), size: bytes.length }], await receiptClaimDigest(claim));
    const filed = await file(asSm, m);
    expect(filed).toMatchObject({ outcome: 'created' });

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(until + 1000);
    // The answer was lost and the terminal has finished its switch: the same submission in SM3.
    await upload(asSm, bytes, sm3Of(bytes));
    const resent = { ...m, materials: [{ ...m.materials[0]!, pages: [{ ...m.materials[0]!.pages[0]!, sha256: sm3Of(bytes) }] }], claimDigest: await receiptClaimDigest(claim, sm3Suite) };
    expect(await file(asSm, resent)).toMatchObject({ outcome: 'duplicate', caseNo: filed.caseNo });
    // Other content under the same key is still other content.
    const changed = { ...resent, form: { purpose: '别的' } };
    expect(await file(asSm, changed)).toMatchObject({ outcome: 'rejected', code: 'key-reused' });
    // A new SHA-256 filing is refused now.
    const late = crypto.randomBytes(700);
    expect(await upload(asSm, late, sha256Of(late))).toMatchObject({ status: 409, error: 'digest-suite-mismatch' });
    // The receipt printed inside the window (SHA-256 claim digest) still opens its case.
    const found = caseLookupResponseSchema.parse(await (await h.call(asSm({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: m.receiptNo, claim } }))).json());
    expect(found.cases.map((c) => c.caseNo)).toEqual([filed.caseNo]);
  });

  it('opens a case filed with an SM3 claim digest by its claim, and not by another claim', async () => {
    await registerSm();
    const claim = newReceiptClaim();
    const m = manifest(TERMINAL.terminalId, [], await receiptClaimDigest(claim, sm3Suite));
    m.materials = [];
    const filed = await file(asSm, m);
    expect(filed).toMatchObject({ outcome: 'created' });
    expect(h.store.caseRow(String(filed.caseNo))!.claim_digest).toMatch(/^sm3:[0-9a-f]{64}$/);
    const lookup = async (c: string) =>
      caseLookupResponseSchema.parse(await (await h.call(asSm({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: m.receiptNo, claim: c } }))).json());
    expect((await lookup(claim)).cases.map((c) => c.caseNo)).toEqual([filed.caseNo]);
    const wrong = await lookup(newReceiptClaim());
    expect(wrong.cases).toEqual([]);
    expect(wrong.statusOnly).toHaveLength(1);
  });
});
