// Central's follow-up endpoints: lookup by identity number (in the signed body) or receipt
// number, the notices it renders with 受理 / 补正 / 不予受理, one self-print, postal delivery with
// a tracking number set by the admin route.
import { caseManifest } from './test-support/case-manifest';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseLookupResponseSchema, caseSummarySchema } from '../common/central-api';
import { receiptClaimDigest } from '../common/receipt-claim';
import { uuidv7 } from '../common/uuidv7';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { sampleCatalog } from './catalog/sample-catalog';
import { CentralStore } from './store';
import { signedRequest, type SignedCallOptions } from './test-support/signed-client';

const T = { terminalId: 'KSK0001', secret: 'x'.repeat(40) };
const OTHER = { terminalId: 'KSK0002', secret: 'y'.repeat(40) };
const ADMIN = 'admin-token-for-tests';
const SERVICE = sampleCatalog.services[0]!.code;
let dir: string;
let store: CentralStore;
let app: CheckedApp;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-followup-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  store.registerTerminal(T.terminalId, T.secret);
  store.registerTerminal(OTHER.terminalId, OTHER.secret);
  app = testCentralApp({ store, adminToken: ADMIN });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(o: Omit<SignedCallOptions, 'terminalId' | 'secret'> & Partial<SignedCallOptions>) {
  return app.fetch(await signedRequest('http://central.test', { ...T, ...o }));
}
const admin = (p: string, json: unknown) =>
  app.fetch(new Request(`http://central.test${p}`, { method: 'POST', body: JSON.stringify(json), headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' } }));

/** The claim printed in the test receipts' QR (each test's cases share it; proofs are per case anyway). */
const CLAIM = 'Zm9sbG93LXVwLWNsYWltMQ';
const BY_CLAIM = { by: 'claim', claim: CLAIM } as const;

async function submit(idNumber: string, receiptNo: string, who = T, claim = CLAIM): Promise<string> {
  const m = { ...caseManifest({ receiptNo, serviceCode: SERVICE, idNumber }), claimDigest: await receiptClaimDigest(claim) };
  const r = await call({ ...who, method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } });
  const body = (await r.json()) as { results: { caseNo: string }[] };
  expect(r.status, JSON.stringify(body)).toBe(200);
  return body.results[0]!.caseNo;
}

const pdfText = (pdf: Buffer) => {
  const f = path.join(dir, `${crypto.randomUUID()}.pdf`);
  fs.writeFileSync(f, pdf);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
};

describe('central follow-up', () => {
  it('finds the applicant’s cases from every terminal, by identity number (x or X) and by receipt number', async () => {
    const id = testIdNumber(7);
    const mine = await submit(id, 'KSK0001-20261122-0001');
    await submit(testIdNumber(8), 'KSK0001-20261122-0002');
    const elsewhere = await submit(id, 'KSK0002-20261122-0001', OTHER);
    const byId = caseLookupResponseSchema.parse(await (await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'idNumber', idNumber: id.toLowerCase() } })).json());
    expect(byId.cases.map((c) => c.caseNo).sort()).toEqual([mine, elsewhere].sort());
    expect(byId.cases.every((c) => c.status === 'received')).toBe(true);
    const byReceipt = caseLookupResponseSchema.parse(
      await (await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: 'KSK0001-20261122-0001', claim: CLAIM } })).json(),
    );
    expect(byReceipt.cases.map((c) => c.caseNo)).toEqual([mine]);
    // a receipt from another terminal, its QR shown here
    const other = caseLookupResponseSchema.parse(await (await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: 'KSK0002-20261122-0001', claim: CLAIM } })).json());
    expect(other.cases.map((c) => c.caseNo)).toEqual([elsewhere]);
    const none = caseLookupResponseSchema.parse(await (await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: 'KSK0009-20261122-0001' } })).json());
    expect(none.cases).toEqual([]);
    expect(none.statusOnly).toEqual([]);
    const bad = await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'idNumber', idNumber: '../etc' } });
    expect(bad.status).toBe(400);
  });

  it('renders the 补正材料通知书 with every item and the deadline, and the 不予受理通知书 with the remedy', async () => {
    const caseNo = await submit(testIdNumber(7), 'KSK0001-20261122-0001');
    const r = await admin(`/v1/admin/cases/${caseNo}/status`, {
      status: 'correction',
      items: [{ materialId: 'household-register', description: '户口簿首页不清晰' }, { materialId: 'photo', description: '照片背景应为白色' }, { description: '申请表缺少签名' }],
      deadline: '2026-12-15',
    });
    expect(r.status).toBe(200);
    const ev = (await r.json()) as { update: { documents: { id: string; name: string; selfPrint: boolean }[] } };
    expect(ev.update.documents).toHaveLength(1);
    expect(ev.update.documents[0]!.name).toBe('补正材料通知书.pdf');
    const pdf = Buffer.from(await (await call({ method: 'POST', path: `/v1/documents/${ev.update.documents[0]!.id}/fetch`, json: { proof: BY_CLAIM } })).arrayBuffer());
    const text = pdfText(pdf);
    expect(text).toContain(caseNo);
    expect(text).toContain('Deadline: 2026-12-15');
    expect(text).toContain('Items: 3');
    expect(text).toContain('[household-register]');
    expect(text).toContain('[photo]');

    const na = await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'not-accepted', reasons: ['不属于本机关职权范围'] });
    const naEv = (await na.json()) as { update: { documents: { id: string }[] } };
    const naText = pdfText(
      Buffer.from(await (await call({ method: 'POST', path: `/v1/documents/${naEv.update.documents[0]!.id}/fetch`, json: { proof: { by: 'idNumber', idNumber: testIdNumber(7) } } })).arrayBuffer()),
    );
    expect(naText).toContain('Remedy: administrative reconsideration (60 days) or administrative litigation (6 months).');
    expect(naText).toContain('不属于本机关职权范围');
    const summary = caseLookupResponseSchema.parse(await (await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: 'KSK0001-20261122-0001', claim: CLAIM } })).json())
      .cases[0]!;
    expect(summary.documents.map((d) => d.kind)).toEqual(['notice', 'notice']);
    expect(summary.status).toBe('not-accepted');
  });

  it('records the first self-print of a result and refuses postal delivery afterwards', async () => {
    const caseNo = await submit(testIdNumber(7), 'KSK0001-20261122-0001');
    await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'accepted' });
    const early = await call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address: ADDRESS, proof: BY_CLAIM } });
    expect(early.status).toBe(409);
    const done = (await (await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] })).json()) as {
      update: { documents: { id: string }[] };
    };
    const docId = done.update.documents[0]!.id;
    const firstAt = new Date().toISOString();
    const laterAt = new Date(Date.now() + 60_000).toISOString();
    const first = await (await call({ method: 'POST', path: `/v1/documents/${docId}/printed`, json: { printedAt: firstAt, proof: BY_CLAIM } })).json();
    expect(first).toMatchObject({ first: true, printedAt: firstAt });
    // printed at the kiosk: the result reached the citizen (送达, self-service print)
    const after = caseLookupResponseSchema.parse(await (await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: 'KSK0001-20261122-0001', claim: CLAIM } })).json())
      .cases[0]!;
    expect(after.status).toBe('delivered');
    expect(after.events.at(-1)!.update).toMatchObject({ status: 'delivered', method: 'kiosk_print' });
    const again = await (await call({ method: 'POST', path: `/v1/documents/${docId}/printed`, json: { printedAt: laterAt, proof: BY_CLAIM } })).json();
    expect(again).toMatchObject({ first: false, printedAt: firstAt });
    // printed once in all: another terminal is told it was printed already
    const other = await (await call({ ...OTHER, method: 'POST', path: `/v1/documents/${docId}/printed`, json: { printedAt: laterAt, proof: BY_CLAIM } })).json();
    expect(other).toMatchObject({ first: false, printedAt: firstAt });
    const post = await call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address: ADDRESS, proof: BY_CLAIM } });
    expect(post.status).toBe(409);
    expect(((await post.json()) as { error: string }).error).toBe('already-printed');
  });

  it('takes one postal request per case and shows the tracking number the office sets', async () => {
    const caseNo = await submit(testIdNumber(7), 'KSK0001-20261122-0001');
    await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'accepted' });
    await admin(`/v1/admin/cases/${caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '证照.pdf' }] });
    const key = uuidv7();
    const r = await call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: key, address: ADDRESS, proof: BY_CLAIM } });
    expect(r.status).toBe(200);
    expect(caseSummarySchema.parse(await r.json()).delivery).toMatchObject({ method: 'post', trackingNo: null });
    expect((await call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: key, address: ADDRESS, proof: BY_CLAIM } })).status).toBe(200);
    expect((await call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address: ADDRESS, proof: BY_CLAIM } })).status).toBe(409);
    const badAddress = await call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address: { ...ADDRESS, postcode: '22380' }, proof: BY_CLAIM } });
    expect(badAddress.status).toBe(400);
    expect((await admin(`/v1/admin/cases/${caseNo}/tracking`, { carrier: 'EMS', trackingNo: 'EA123456789CN' })).status).toBe(200);
    const s = caseLookupResponseSchema.parse(await (await call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'receiptNo', receiptNo: 'KSK0001-20261122-0001', claim: CLAIM } })).json())
      .cases[0]!;
    expect(s.delivery).toMatchObject({ carrier: 'EMS', trackingNo: 'EA123456789CN' });
  });
});

const ADDRESS = { recipient: '张三', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '幸福路 1 号', postcode: '223800' };
