import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../common/uuidv7';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { sampleCatalog } from './catalog/sample-catalog';
import { CentralStore } from './store';
import { signedRequest, type SignedCallOptions } from './test-support/signed-client';

const T = { terminalId: 'KSK0001', secret: 'x'.repeat(40) };
const ADMIN = 'admin-token-for-tests';
let dir: string;
let store: CentralStore;
let app: CheckedApp;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  store.registerTerminal(T.terminalId, T.secret);
  app = testCentralApp({ store, adminToken: ADMIN });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(o: Omit<SignedCallOptions, 'terminalId' | 'secret'> & Partial<SignedCallOptions>) {
  return app.fetch(await signedRequest('http://central.test', { ...T, ...o }));
}
const admin = (p: string, init: RequestInit = {}) =>
  app.fetch(new Request(`http://central.test${p}`, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', ...init.headers } }));

const SERVICE = sampleCatalog.services[0]!.code;

function manifest(pages: { sha256: string; size: number }[], over: Record<string, unknown> = {}) {
  return {
    idempotencyKey: uuidv7(),
    receiptNo: 'KSK0001-20261122-0001',
    submittedAt: new Date().toISOString(),
    serviceCode: SERVICE,
    applicant: { name: '张三', idNumber: testIdNumber(5), phone: null },
    form: { purpose: '测试' },
    materials: [{ materialId: 'id-card', provision: 'scanned', pages: pages.map((p, i) => ({ ...p, mime: 'image/jpeg', name: `id-card-${i + 1}.jpg` })) }],
    commitment: null,
    signature: null,
    channel: 'kiosk',
    helperId: null,
    delivery: 'kiosk_print',
    ...over,
  };
}

async function upload(bytes: Buffer, chunk = 1000) {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const init = await call({ method: 'POST', path: '/v1/attachments', json: { sha256, size: bytes.length, mime: 'image/jpeg', name: 'p.jpg' } });
  expect(init.status).toBe(200);
  for (let off = 0; off < bytes.length; off += chunk) {
    const r = await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=${off}`, bytes: bytes.subarray(off, off + chunk) });
    expect(r.status).toBe(200);
  }
  return { sha256, size: bytes.length };
}

describe('central intake', () => {
  it('creates one case per idempotency key: the same key again returns the same case number', async () => {
    const page = await upload(crypto.randomBytes(2500));
    const m = manifest([page]);
    const first = await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } })).json();
    expect(first.results[0]).toMatchObject({ outcome: 'created', caseNo: expect.stringMatching(/^AJ\d{14}$/) });
    const again = await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m, m] } })).json();
    expect(again.results.map((r: { outcome: string; caseNo: string }) => [r.outcome, r.caseNo])).toEqual([
      ['duplicate', first.results[0].caseNo],
      ['duplicate', first.results[0].caseNo],
    ]);
    expect(store.countCases()).toBe(1);
    const changed = await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [{ ...m, form: { purpose: '别的' } }] } })).json();
    expect(changed.results[0]).toMatchObject({ outcome: 'rejected', code: 'key-reused' });
    expect(store.countCases()).toBe(1);
  });

  it('holds back a case until its attachments are complete and verified', async () => {
    const bytes = crypto.randomBytes(3000);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const m = manifest([{ sha256, size: bytes.length }]);
    const r1 = await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } })).json();
    expect(r1.results[0]).toEqual({ index: 0, idempotencyKey: m.idempotencyKey, outcome: 'missing-attachments', missing: [sha256] });
    await call({ method: 'POST', path: '/v1/attachments', json: { sha256, size: bytes.length, mime: 'image/jpeg', name: 'a.jpg' } });
    // resumable: a chunk at the wrong offset is refused with the resume point
    const wrong = await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=100`, bytes: bytes.subarray(100, 200) });
    expect(wrong.status).toBe(409);
    expect((await wrong.json()).received).toBe(0);
    await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=0`, bytes: bytes.subarray(0, 2000) });
    // corrupted tail: the whole file fails its SHA-256 and is discarded
    const bad = Buffer.from(bytes.subarray(2000));
    bad[5] = bad[5]! ^ 0xff;
    const mismatch = await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=2000`, bytes: bad });
    expect(mismatch.status).toBe(422);
    expect((await mismatch.json()).error).toBe('hash-mismatch');
    expect(store.attachment(T.terminalId, sha256)).toMatchObject({ received: 0, complete: false });
    await upload(bytes);
    const r2 = await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } })).json();
    expect(r2.results[0].outcome).toBe('created');
    expect(store.attachmentBytes(T.terminalId, sha256)!.equals(bytes)).toBe(true);
  });

  it('takes a one-chunk page declared by its chunk (1.3.0): one request, resent safely, resumed, and the declaration checked as POST /v1/attachments checks it', async () => {
    const bytes = crypto.randomBytes(2500);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const put = (o: { offset?: number; size?: number; mime?: string; name?: string; data?: Uint8Array }) => {
      const q = new URLSearchParams({ offset: String(o.offset ?? 0) });
      for (const k of ['size', 'mime', 'name'] as const) if (o[k] !== undefined) q.set(k, String(o[k]));
      return call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?${q}`, bytes: o.data ?? bytes });
    };
    // Only part of the declaration: refused, nothing declared.
    const partial = await put({ size: bytes.length });
    expect(partial.status).toBe(400);
    expect(store.attachment(T.terminalId, sha256)).toBeNull();
    // Declared and complete in one request, verified against its digest.
    const one = await put({ size: bytes.length, mime: 'image/jpeg', name: 'p.jpg' });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ sha256, size: bytes.length, received: bytes.length, complete: true });
    // The same request again (its answer was lost): the page is complete, stored once.
    expect(await (await put({ size: bytes.length, mime: 'image/jpeg', name: 'p.jpg' })).json()).toMatchObject({ complete: true });
    expect(store.attachmentBytes(T.terminalId, sha256)!.equals(bytes)).toBe(true);
    // The same digest declared with another size: conflict, the page untouched.
    const other = await put({ size: bytes.length + 1, mime: 'image/jpeg', name: 'p.jpg' });
    expect(other.status).toBe(409);
    expect((await other.json()).error).toBe('conflict');
    const r = await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [manifest([{ sha256, size: bytes.length }])] } })).json();
    expect(r.results[0].outcome).toBe('created');

    // A page central holds in part: a declaration with the first chunk again is answered with where to go on.
    const big = crypto.randomBytes(3000);
    const bigSha = crypto.createHash('sha256').update(big).digest('hex');
    await call({ method: 'POST', path: '/v1/attachments', json: { sha256: bigSha, size: big.length, mime: 'image/jpeg', name: 'q.jpg' } });
    await call({ method: 'PUT', path: `/v1/attachments/${bigSha}/content?offset=0`, bytes: big.subarray(0, 1000) });
    const again = await call({ method: 'PUT', path: `/v1/attachments/${bigSha}/content?offset=0&size=${big.length}&mime=image%2Fjpeg&name=q.jpg`, bytes: big });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'offset-mismatch', received: 1000, complete: false });
    // A corrupted one-chunk page is refused whole, and kept declared for the upload again.
    const bad = crypto.randomBytes(1500);
    const badSha = crypto.createHash('sha256').update(crypto.randomBytes(1500)).digest('hex');
    const mismatch = await call({ method: 'PUT', path: `/v1/attachments/${badSha}/content?offset=0&size=1500&mime=image%2Fjpeg&name=r.jpg`, bytes: bad });
    expect(mismatch.status).toBe(422);
    expect(store.attachment(T.terminalId, badSha)).toMatchObject({ received: 0, complete: false });
  });

  it('refuses unsigned, wrongly signed, stale and replayed requests, storing nothing', async () => {
    const json = { sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', name: 'a.jpg' };
    const unsigned = await app.fetch(new Request('http://central.test/v1/attachments', { method: 'POST', body: JSON.stringify(json), headers: { 'Content-Type': 'application/json' } }));
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).error).toBe('unsigned');
    expect((await (await call({ method: 'POST', path: '/v1/attachments', json, secret: 'y'.repeat(40) })).json()).error).toBe('bad-credentials');
    expect((await (await call({ method: 'POST', path: '/v1/attachments', json, terminalId: 'NOPE0001' })).json()).error).toBe('bad-credentials');
    const stale = await call({ method: 'POST', path: '/v1/attachments', json, timestamp: Date.now() - 10 * 60_000 });
    expect((await stale.json()).error).toBe('clock-skew');
    // A signed request whose body was changed in transit fails the signature.
    const req = await signedRequest('http://central.test', { ...T, method: 'POST', path: '/v1/attachments', json });
    const tampered = new Request(req.url, { method: 'POST', headers: req.headers, body: JSON.stringify({ ...json, size: 11 }) });
    expect((await (await app.fetch(tampered)).json()).error).toBe('bad-credentials');
    expect(store.stats().attachments).toBe(0);
    const nonce = 'n'.repeat(24);
    expect((await call({ method: 'POST', path: '/v1/attachments', json, nonce })).status).toBe(200);
    const replay = await call({ method: 'POST', path: '/v1/attachments', json: { ...json, sha256: 'b'.repeat(64) }, nonce });
    expect(replay.status).toBe(401);
    expect((await replay.json()).error).toBe('replayed');
    expect(store.stats().attachments).toBe(1);
  });

  it('answers bad input with 4xx and a reason, and stores nothing', async () => {
    const before = store.stats();
    const cases: [Omit<SignedCallOptions, 'terminalId' | 'secret'>, number, string][] = [
      [{ method: 'POST', path: '/v1/attachments', json: { sha256: 'A'.repeat(64), size: '10', mime: 'image/jpeg', name: 'a.jpg' } }, 400, 'invalid-request'],
      [{ method: 'POST', path: '/v1/attachments', json: { sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', name: '../../etc/passwd' } }, 400, 'invalid-request'],
      [{ method: 'POST', path: '/v1/attachments', json: { sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', name: 'C:\\Windows\\x.jpg' } }, 400, 'invalid-request'],
      [{ method: 'POST', path: '/v1/attachments', rawBody: '{"sha256": ' }, 400, 'not-json'],
      [{ method: 'POST', path: '/v1/attachments', rawBody: 'x', contentType: 'text/plain' }, 415, 'unsupported-media-type'],
      [{ method: 'POST', path: '/v1/submissions/batch', json: { items: [] } }, 400, 'invalid-request'],
      [{ method: 'POST', path: '/v1/submissions/batch', json: { items: 'lots' } }, 400, 'invalid-request'],
      [{ method: 'POST', path: '/v1/attachments', json: { sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', name: 'a'.repeat(300_000) } }, 413, 'too-large'],
      [{ method: 'GET', path: '/v1/cases/feed?after=-1' }, 400, 'invalid-request'],
    ];
    for (const [o, status, error] of cases) {
      const r = await call(o);
      const body = await r.json();
      expect([r.status, body.error], JSON.stringify(o).slice(0, 120)).toEqual([status, error]);
      expect(body.message).toBeTruthy();
    }
    // a batch item with wrong types, a huge field or a path-like page name is rejected with reasons
    const good = manifest([], { materials: [{ materialId: 'id-card', provision: 'shared', pages: [] }] });
    expect((await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [good] } })).json()).results[0].outcome).toBe('created');
    const base = store.stats();
    const items = [
      { ...good, idempotencyKey: uuidv7(), applicant: { name: 42, idNumber: 'x' } },
      { ...good, idempotencyKey: uuidv7(), form: { note: 'x'.repeat(5000) } },
      manifest([{ sha256: 'c'.repeat(64), size: 5 }], {
        materials: [{ materialId: 'id-card', provision: 'scanned', pages: [{ sha256: 'c'.repeat(64), size: 5, mime: 'image/jpeg', name: '../secret.jpg' }] }],
      }),
      { ...good, idempotencyKey: uuidv7(), serviceCode: 'NOT-A-REAL-SERVICE' },
    ];
    const r = await call({ method: 'POST', path: '/v1/submissions/batch', json: { items } });
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body.results.map((x: { outcome: string; code: string }) => `${x.outcome}:${x.code}`)).toEqual(['rejected:invalid', 'rejected:invalid', 'rejected:invalid', 'rejected:unknown-service']);
    expect(body.results[0].issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['applicant.name', 'applicant.idNumber']));
    expect(body.results[2].issues.map((i: { path: string }) => i.path)).toContain('materials.0.pages.0.name');
    expect(before.attachments).toBe(0);
    const { nonces: _n, ...after } = store.stats();
    expect(after).toEqual({ cases: base.cases, attachments: base.attachments, evaluations: base.evaluations });
  });
});

describe('central case status, documents, calendar and admin', () => {
  it('feeds status changes with notices to the submitting terminal only, and serves the released PDF against a proof of the case', async () => {
    const page = await upload(crypto.randomBytes(500));
    const m = manifest([page]);
    const { results } = await (await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } })).json();
    const caseNo = results[0].caseNo as string;
    const step = async (body: unknown) => admin(`/v1/admin/cases/${caseNo}/status`, { method: 'POST', body: JSON.stringify(body) });
    expect((await step({ status: 'correction', items: [{ materialId: 'id-card', description: '身份证复印件不清晰' }], deadline: '2026-12-05' })).status).toBe(200);
    expect((await step({ status: 'delivered', method: 'post' })).status).toBe(409); // not allowed from 补正
    expect((await step({ status: 'accepted' })).status).toBe(200);
    expect((await step({ status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] })).status).toBe(200);
    const feed = await (await call({ method: 'GET', path: '/v1/cases/feed?after=0' })).json();
    expect(feed.events.map((e: { update: { status: string } }) => e.update.status)).toEqual(['received', 'correction', 'accepted', 'concluded']);
    expect(feed.events[1].update).toMatchObject({ deadline: '2026-12-05', items: [{ description: '身份证复印件不清晰' }] });
    const doc = feed.events[3].update.documents[0];
    // a document leaves central only against a proof of its case (here the applicant's card number)
    expect((await call({ method: 'GET', path: `/v1/documents/${doc.id}` })).status).toBe(403);
    const pdf = await call({ method: 'POST', path: `/v1/documents/${doc.id}/fetch`, json: { proof: { by: 'idNumber', idNumber: testIdNumber(5) } } });
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
    // another terminal's feed holds none of it; the document itself it may fetch (follow-up at any kiosk)
    store.registerTerminal('KSK0002', 'z'.repeat(40));
    const other = await (await call({ method: 'GET', path: '/v1/cases/feed?after=0', terminalId: 'KSK0002', secret: 'z'.repeat(40) })).json();
    expect(other.events).toEqual([]);
    const proof = { by: 'idNumber', idNumber: testIdNumber(5).toLowerCase() };
    expect((await call({ method: 'POST', path: `/v1/documents/${doc.id}/fetch`, json: { proof }, terminalId: 'KSK0002', secret: 'z'.repeat(40) })).status).toBe(200);
    expect((await call({ method: 'POST', path: '/v1/documents/0000000000000000/fetch', json: { proof }, terminalId: 'KSK0002', secret: 'z'.repeat(40) })).status).toBe(404);
  });

  it('records an evaluation once per idempotency key, only for the terminal’s own case', async () => {
    const { results } = await (
      await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [manifest([], { materials: [{ materialId: 'id-card', provision: 'shared', pages: [] }] })] } })
    ).json();
    const body = { idempotencyKey: uuidv7(), caseNo: results[0].caseNo, rating: 5, comment: '办事很方便' };
    const a = await (await call({ method: 'POST', path: '/v1/evaluations', json: body })).json();
    const b = await (await call({ method: 'POST', path: '/v1/evaluations', json: body })).json();
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ evaluationId: a.evaluationId, duplicate: true });
    expect((await call({ method: 'POST', path: '/v1/evaluations', json: { ...body, rating: 9 } })).status).toBe(400);
    store.registerTerminal('KSK0002', 'z'.repeat(40));
    expect((await call({ method: 'POST', path: '/v1/evaluations', json: { ...body, idempotencyKey: uuidv7() }, terminalId: 'KSK0002', secret: 'z'.repeat(40) })).status).toBe(404);
    expect(store.stats().evaluations).toBe(1);
  });

  it('publishes a holiday calendar and refuses admin calls without the token', async () => {
    const days = [
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-10', kind: 'workday', name: '国庆调休' },
    ];
    expect((await app.fetch(new Request('http://central.test/v1/admin/calendar/2026', { method: 'PUT', body: JSON.stringify({ version: 'v1', days }) }))).status).toBe(401);
    expect((await admin('/v1/admin/calendar/2026', { method: 'PUT', body: JSON.stringify({ version: 'v1', days }) })).status).toBe(200);
    const cal = await (await call({ method: 'GET', path: '/v1/calendar/2026' })).json();
    expect(cal).toMatchObject({ year: 2026, version: 'v1', days });
  });

  it('serves an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = await (await app.fetch(new Request('http://central.test/v1/openapi.json'))).json();
    expect(doc.openapi).toBe('3.1.0');
    const batch = doc.paths['/v1/submissions/batch'].post.requestBody.content['application/json'].schema;
    expect(batch.properties.items.maxItems).toBe(50);
    expect(batch.properties.items.items.required).toEqual(expect.arrayContaining(['idempotencyKey', 'receiptNo', 'applicant', 'materials']));
  });
});
