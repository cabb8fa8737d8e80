// Receipts as capabilities (issue 10, findings 1 and 2), tried as an attacker would at central:
// a guessed receipt number, a self-made QR with a wrong claim, a stranger's card, another
// terminal's receipt number, and a terminal walking receipt numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseLookupResponseSchema, caseStatusOnlySchema, submissionBatchResponseSchema } from '../common/central-api';
import { newReceiptClaim, receiptClaimDigest } from '../common/receipt-claim';
import { uuidv7 } from '../common/uuidv7';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';
import { sampleCatalog } from './catalog/sample-catalog';
import { CentralStore } from './store';
import { caseManifest } from './test-support/case-manifest';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { signedRequest, type SignedCallOptions } from './test-support/signed-client';

const T = { terminalId: 'KSK0001', secret: 'x'.repeat(40) };
const OTHER = { terminalId: 'KSK0002', secret: 'y'.repeat(40) };
const ADMIN = 'admin-token-for-capability-tests';
const SERVICE = sampleCatalog.services[0]!.code;
const RECEIPT = 'KSK0001-20261122-0001';
const APPLICANT = testIdNumber(7);
const STRANGER = testIdNumber(8);
const ADDRESS = { recipient: '李四', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '陌生路 9 号', postcode: '223800' };
let dir: string;
let store: CentralStore;
let clock: number;
let app: CheckedApp;
let claim: string;

function boot(lookupLimit?: { max: number; windowMs: number }) {
  app = testCentralApp({ store, adminToken: ADMIN, now: () => clock, lookupLimit, staffScryptCost: { N: 1024, r: 8, p: 1 } });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-capability-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  store.registerTerminal(T.terminalId, T.secret);
  store.registerTerminal(OTHER.terminalId, OTHER.secret);
  clock = Date.now();
  claim = newReceiptClaim();
  boot();
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(o: Omit<SignedCallOptions, 'terminalId' | 'secret'> & Partial<SignedCallOptions>) {
  return app.fetch(await signedRequest('http://central.test', { ...T, timestamp: clock, ...o }));
}
const admin = (p: string, json: unknown) =>
  app.fetch(new Request(`http://central.test${p}`, { method: 'POST', body: JSON.stringify(json), headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' } }));
const lookup = async (json: unknown, who = T) => call({ ...who, method: 'POST', path: '/v1/cases/lookup', json });

async function batch(items: unknown[], who = T) {
  const r = await call({ ...who, method: 'POST', path: '/v1/submissions/batch', json: { items } });
  return { status: r.status, body: submissionBatchResponseSchema.parse(await r.json()) };
}

/** A concluded case with a notice and a result, filed by T under RECEIPT with the claim's digest. */
async function concludedCase(): Promise<{ caseNo: string; resultId: string; noticeId: string }> {
  const m = { ...caseManifest({ receiptNo: RECEIPT, serviceCode: SERVICE, idNumber: APPLICANT, name: '王小明' }), claimDigest: await receiptClaimDigest(claim) };
  const { body } = await batch([m]);
  const first = body.results[0]!;
  if (first.outcome !== 'created') throw new Error(JSON.stringify(first));
  const caseNo = first.caseNo;
  const acc = (await (await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'accepted' })).json()) as { update: { documents: { id: string }[] } };
  const done = (await (await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] })).json()) as {
    update: { documents: { id: string }[] };
  };
  return { caseNo, resultId: done.update.documents[0]!.id, noticeId: acc.update.documents[0]?.id ?? done.update.documents[0]!.id };
}

describe('a receipt number is not a credential', () => {
  it('a guessed number, or a self-made QR with a wrong claim, shows status only; the genuine claim opens the case', async () => {
    const { caseNo } = await concludedCase();
    for (const json of [
      { by: 'receiptNo', receiptNo: RECEIPT },
      { by: 'receiptNo', receiptNo: RECEIPT, claim: newReceiptClaim() },
    ]) {
      const r = await lookup(json);
      expect(r.status).toBe(200);
      const text = await r.text();
      const body = caseLookupResponseSchema.parse(JSON.parse(text));
      expect(body.cases).toEqual([]);
      expect(body.statusOnly).toHaveLength(1);
      // exactly the documented status view: no case number, notices, documents or delivery
      expect(caseStatusOnlySchema.parse(body.statusOnly[0])).toMatchObject({ receiptNo: RECEIPT, status: 'concluded' });
      expect(body.statusOnly[0]!.timeline.map((t) => t.status)).toEqual(['received', 'accepted', 'concluded']);
      for (const secret of [caseNo, '准予许可决定书', '王小明', APPLICANT, 'documents', 'delivery']) expect(text).not.toContain(secret);
    }
    const genuine = caseLookupResponseSchema.parse(await (await lookup({ by: 'receiptNo', receiptNo: RECEIPT, claim })).json());
    expect(genuine.statusOnly).toEqual([]);
    expect(genuine.cases[0]).toMatchObject({ caseNo, status: 'concluded' });
    expect(genuine.cases[0]!.documents.map((d) => d.kind)).toContain('result');
  });

  it('a wrong claim or a stranger’s card gets 403 on the document, the print report and the postal request — and changes nothing', async () => {
    const { caseNo, resultId } = await concludedCase();
    const wrongProofs = [
      { by: 'claim', claim: newReceiptClaim() },
      { by: 'idNumber', idNumber: STRANGER },
    ];
    for (const proof of wrongProofs) {
      const doc = await call({ method: 'POST', path: `/v1/documents/${resultId}/fetch`, json: { proof } });
      expect(doc.status).toBe(403);
      expect(doc.headers.get('content-type')).not.toContain('pdf');
      expect(((await doc.json()) as { error: string }).error).toBe('proof-mismatch');
      const printed = await call({ method: 'POST', path: `/v1/documents/${resultId}/printed`, json: { printedAt: new Date(clock).toISOString(), proof } });
      expect(printed.status).toBe(403);
      const post = await call({ ...OTHER, method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address: ADDRESS, proof } });
      expect(post.status).toBe(403);
    }
    // no proof at all is refused as malformed
    expect((await call({ method: 'POST', path: `/v1/documents/${resultId}/fetch`, json: {} })).status).toBe(400);
    expect((await call({ method: 'GET', path: `/v1/documents/${resultId}` })).status).toBe(403);
    // the real citizen still has the one print and the postal choice
    const open = caseLookupResponseSchema.parse(await (await lookup({ by: 'idNumber', idNumber: APPLICANT })).json()).cases[0]!;
    expect(open.delivery).toBeNull();
    expect(open.documents.find((d) => d.id === resultId)!.printedAt).toBeNull();
    const post = await call({ ...OTHER, method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address: ADDRESS, proof: { by: 'claim', claim } } });
    expect(post.status).toBe(200);
    const pdf = await call({ ...OTHER, method: 'POST', path: `/v1/documents/${resultId}/fetch`, json: { proof: { by: 'idNumber', idNumber: APPLICANT.toLowerCase() } } });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});

describe('the authorised agent of a 帮办代办 case', () => {
  it('opens the case with the helper’s own card; another helper’s card does not', async () => {
    const HELPER_ID = testIdNumber(31);
    const OTHER_HELPER_ID = testIdNumber(32);
    const enrol = (staffId: string, idNumber: string) =>
      app.fetch(
        new Request(`http://central.test/v1/admin/staff/${staffId}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: '周海燕', township: '耿车镇', idNumber, pin: '135790' }),
        }),
      );
    expect((await enrol('HB-001', HELPER_ID)).status).toBe(200);
    expect((await enrol('HB-002', OTHER_HELPER_ID)).status).toBe(200);
    // The helper signed in at this terminal (verified by central): the case carries that proof.
    const signIn = await call({ method: 'POST', path: '/v1/helpers/sign-in', json: { idNumber: HELPER_ID, pin: '135790' } });
    expect(signIn.status).toBe(200);
    const helperProof = ((await signIn.json()) as { session: { token: string } }).session.token;
    const signature = { mime: 'image/png', data: Buffer.from('signature').toString('base64') };
    const m = {
      ...caseManifest({ receiptNo: RECEIPT, serviceCode: SERVICE, idNumber: APPLICANT }),
      channel: 'helper',
      helperId: 'HB-001',
      helperProof,
      authorisation: { signature, signedAt: new Date(clock).toISOString() },
    };
    const { body } = await batch([m]);
    expect(body.results[0]).toMatchObject({ outcome: 'created' });
    const caseNo = (body.results[0] as { caseNo: string }).caseNo;
    const done = (await (await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'accepted' })).json()) as { update: { documents: { id: string }[] } };
    const notice = done.update.documents[0]!.id;
    const fetchWith = async (idNumber: string) => (await call({ method: 'POST', path: `/v1/documents/${notice}/fetch`, json: { proof: { by: 'idNumber', idNumber } } })).status;
    expect(await fetchWith(HELPER_ID)).toBe(200);
    expect(await fetchWith(APPLICANT)).toBe(200);
    expect(await fetchWith(OTHER_HELPER_ID)).toBe(403);
  });
});

describe('receipt numbers are bound to their terminal', () => {
  it('refuses a submission under another terminal’s receipt number, and a second case on a number already held; both are recorded', async () => {
    const genuine = { ...caseManifest({ receiptNo: RECEIPT, serviceCode: SERVICE, idNumber: APPLICANT }), claimDigest: await receiptClaimDigest(claim) };
    expect((await batch([genuine])).body.results[0]).toMatchObject({ outcome: 'created' });
    // KSK0002, signing with its own secret, files under KSK0001's number (the forged case of finding 2)
    const forged = caseManifest({ receiptNo: RECEIPT, serviceCode: SERVICE, idNumber: STRANGER });
    const r1 = await batch([forged], OTHER);
    expect(r1.status).toBe(422);
    expect(r1.body.results[0]).toMatchObject({ outcome: 'rejected', code: 'receipt-terminal-mismatch' });
    const notYetUsed = caseManifest({ receiptNo: 'KSK0001-20261122-0099', serviceCode: SERVICE, idNumber: STRANGER });
    expect((await batch([notYetUsed], OTHER)).body.results[0]).toMatchObject({ outcome: 'rejected', code: 'receipt-terminal-mismatch' });
    // the same terminal cannot put a second case on a number it already used
    const again = caseManifest({ receiptNo: RECEIPT, serviceCode: SERVICE, idNumber: STRANGER });
    expect((await batch([again])).body.results[0]).toMatchObject({ outcome: 'rejected', code: 'receipt-taken' });
    // the genuine case is still the one the receipt finds
    const found = caseLookupResponseSchema.parse(await (await lookup({ by: 'receiptNo', receiptNo: RECEIPT, claim })).json());
    expect(found.cases.map((c) => c.idempotencyKey)).toEqual([genuine.idempotencyKey]);
    expect(store.countCases()).toBe(1);
    expect(store.receiptRefusals().map((x) => `${x.terminalId}:${x.code}`)).toEqual(['KSK0001:receipt-taken', 'KSK0002:receipt-terminal-mismatch', 'KSK0002:receipt-terminal-mismatch']);
  });
});

describe('lookups are rate-limited per terminal and audited', () => {
  it('answers 429 with Retry-After past the window, per terminal, and audits every lookup without the number or identity', async () => {
    boot({ max: 3, windowMs: 60_000 });
    await concludedCase();
    expect((await lookup({ by: 'receiptNo', receiptNo: RECEIPT })).status).toBe(200);
    expect((await lookup({ by: 'receiptNo', receiptNo: 'KSK0001-20261122-0002' })).status).toBe(200);
    expect((await lookup({ by: 'idNumber', idNumber: APPLICANT })).status).toBe(200);
    clock += 10_000;
    const limited = await lookup({ by: 'receiptNo', receiptNo: RECEIPT, claim });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(50);
    expect(((await limited.json()) as { message: string }).message).toContain('请');
    // another terminal has its own window
    expect((await lookup({ by: 'receiptNo', receiptNo: RECEIPT }, OTHER)).status).toBe(200);
    clock += 51_000;
    expect((await lookup({ by: 'receiptNo', receiptNo: RECEIPT, claim })).status).toBe(200);

    const audit = store.lookupAudit().reverse();
    expect(audit.map((a) => `${a.terminalId} ${a.by} found=${a.found} proof=${a.proofOk} limited=${a.limited}`)).toEqual([
      'KSK0001 receiptNo found=true proof=false limited=false',
      'KSK0001 receiptNo found=false proof=false limited=false',
      'KSK0001 idNumber found=true proof=true limited=false',
      'KSK0001 claim found=false proof=false limited=true',
      'KSK0002 receiptNo found=true proof=false limited=false',
      'KSK0001 claim found=true proof=true limited=false',
    ]);
    const rows = JSON.stringify(store.db.prepare('SELECT * FROM lookup_audit').all());
    for (const secret of [RECEIPT, APPLICANT, claim]) expect(rows).not.toContain(secret);
  });

  it('flags a terminal with unusual lookup volume in the fleet view', async () => {
    await concludedCase();
    const fleet = async () =>
      (await (await app.fetch(new Request('http://central.test/fleet/json', { headers: { Authorization: `Bearer ${ADMIN}` } }))).json()) as { terminals: { terminalId: string; flags: string[] }[] };
    for (let i = 0; i < 5; i++) await lookup({ by: 'receiptNo', receiptNo: RECEIPT, claim });
    expect((await fleet()).terminals.find((t) => t.terminalId === 'KSK0002')?.flags ?? []).not.toContain('unusual-lookups');
    // KSK0002 walks receipt numbers and tries claims
    for (let i = 2; i < 22; i++) await lookup({ by: 'receiptNo', receiptNo: `KSK0001-20261122-${String(i).padStart(4, '0')}`, claim: newReceiptClaim() }, OTHER);
    const terminals = (await fleet()).terminals;
    expect(terminals.find((t) => t.terminalId === 'KSK0002')!.flags).toContain('unusual-lookups');
    expect(terminals.find((t) => t.terminalId === 'KSK0001')!.flags).not.toContain('unusual-lookups');
    // an hour later it has calmed down
    clock += 61 * 60_000;
    expect((await fleet()).terminals.find((t) => t.terminalId === 'KSK0002')!.flags).not.toContain('unusual-lookups');
  });
});
