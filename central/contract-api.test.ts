// Central's answers against its own contract (issue 10, finding 7): every answer below goes
// through testCentralApp, which fails a request whose answer the OpenAPI document does not
// allow; the assertions add what a kiosk or an operator would notice.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from './catalog/sample-catalog';
import { buildOpenApi } from './openapi';
import { CentralStore } from './store';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { caseManifest } from './test-support/case-manifest';
import { signedRequest, type SignedCallOptions } from './test-support/signed-client';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';

const T = { terminalId: 'KSK0001', secret: 'x'.repeat(40) };
const ADMIN = 'admin-token-for-tests';
let dir: string;
let store: CentralStore;
let app: CheckedApp;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-contract-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  store.registerTerminal(T.terminalId, T.secret);
  app = testCentralApp({ store, adminToken: ADMIN });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = async (o: Omit<SignedCallOptions, 'terminalId' | 'secret'>) => app.fetch(await signedRequest('http://central.test', { ...T, ...o }));
const admin = (p: string, init: RequestInit = {}) =>
  app.fetch(new Request(`http://central.test${p}`, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', ...init.headers } }));

async function declare(bytes: Buffer) {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  expect((await call({ method: 'POST', path: '/v1/attachments', json: { sha256, size: bytes.length, mime: 'image/jpeg', name: 'p.jpg' } })).status).toBe(200);
  return sha256;
}

async function submittedCase(): Promise<string> {
  const m = caseManifest({ receiptNo: 'KSK0001-20261202-0001', serviceCode: sampleCatalog.services[0]!.code, idNumber: testIdNumber(3) });
  const r = await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } });
  return ((await r.json()) as { results: { caseNo: string }[] }).results[0]!.caseNo;
}

describe('central answers as its document says', () => {
  it('tells a chunk upload where to resume (409 with received) and to start over (422 with received: 0)', async () => {
    const bytes = crypto.randomBytes(3000);
    const sha256 = await declare(bytes);
    expect((await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=0`, bytes: bytes.subarray(0, 1000) })).status).toBe(200);
    const lost = await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=0`, bytes: bytes.subarray(0, 1000) });
    expect(lost.status).toBe(409);
    expect(await lost.json()).toMatchObject({ error: 'offset-mismatch', received: 1000, complete: false });
    const wrong = Buffer.from(bytes);
    wrong[2500] = wrong[2500]! ^ 0xff;
    const bad = await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=1000`, bytes: wrong.subarray(1000) });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: 'hash-mismatch', received: 0, complete: false });
  });

  it('documents the admin answers: fault settings with counters, evaluations, 400 and 404', async () => {
    expect(await (await admin('/v1/admin/faults')).json()).toMatchObject({ errorRate: 0, counters: { errors: 0 } });
    expect((await admin('/v1/admin/faults', { method: 'PUT', body: JSON.stringify({ errorRate: 2 }) })).status).toBe(400);
    expect((await admin('/v1/admin/evaluations?followUp=1')).status).toBe(200);
    expect((await admin('/v1/admin/cases/AJ20261202999999')).status).toBe(404);
    expect((await admin('/v1/admin/cases/AJ20261202999999/status', { method: 'POST', body: JSON.stringify({ status: 'reviewing' }) })).status).toBe(404);
    expect((await admin('/v1/admin/cases/AJ20261202999999/tracking', { method: 'POST', body: JSON.stringify({ carrier: 'EMS', trackingNo: 'EMS123456' }) })).status).toBe(404);
    expect((await admin('/v1/admin/terminals', { method: 'POST', body: '{"terminalId":"bad id"}' })).status).toBe(400);
    expect((await admin('/v1/admin/calendar/2026', { method: 'PUT', body: '{"version":""}' })).status).toBe(400);
    const caseNo = await submittedCase();
    expect((await admin(`/v1/admin/cases/${caseNo}`)).status).toBe(200);
    expect((await admin(`/v1/admin/cases/${caseNo}/status`, { method: 'POST', body: JSON.stringify({ status: 'delivered', method: 'post' }) })).status).toBe(409);
  });

  it('states in the document every constraint the handlers enforce on paths and queries', () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Record<string, unknown> }[] }>> };
    const loose: string[] = [];
    for (const [p, item] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(item))
        for (const param of op.parameters ?? []) {
          if (param.in === 'header') continue;
          const s = param.schema;
          const strict = s.type === 'integer' ? typeof s.minimum === 'number' && typeof s.maximum === 'number' : s.type === 'string' && (typeof s.pattern === 'string' || Array.isArray(s.enum));
          if (!strict) loose.push(`${m} ${p} ${param.in}:${param.name} ${JSON.stringify(s)}`);
        }
    expect(loose).toEqual([]);
    const year = doc.paths['/v1/calendar/{year}']!.get!.parameters![0]!.schema;
    expect(year).toMatchObject({ type: 'integer', minimum: 2000, maximum: 2100 });
  });
});

describe('strict numbers', () => {
  it.each([
    '/v1/calendar/0x7EA',
    '/v1/calendar/2.026e3',
    '/v1/calendar/+2026',
    '/v1/calendar/02026',
    '/v1/cases/feed?after=0x10&limit=1e1',
    '/v1/cases/feed?after=&limit=5',
    '/v1/cases/feed?limit=5.0',
  ])('refuses %s with 400', async (p) => {
    const r = await call({ method: 'GET', path: p });
    expect(r.status).toBe(400);
    expect((await r.json()).error).toBe('invalid-request');
  });

  it('refuses a chunk at an empty or hexadecimal offset, and takes a decimal one', async () => {
    const bytes = crypto.randomBytes(100);
    const sha256 = await declare(bytes);
    for (const offset of ['', '0x0', '0e0', '-0']) expect((await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=${offset}`, bytes })).status, `offset=${offset}`).toBe(400);
    expect((await call({ method: 'PUT', path: `/v1/attachments/${sha256}/content?offset=0`, bytes })).status).toBe(200);
  });

  it('refuses a hexadecimal year and limit on the admin routes', async () => {
    expect((await admin('/v1/admin/calendar/0x7EA', { method: 'PUT', body: JSON.stringify({ version: 'v1', days: [] }) })).status).toBe(400);
    expect((await admin('/v1/admin/cases?limit=1e1')).status).toBe(400);
    expect((await admin('/v1/admin/calendar/2026', { method: 'PUT', body: JSON.stringify({ version: 'v1', days: [] }) })).status).toBe(200);
  });
});

describe('content types', () => {
  it('takes exactly application/json (with parameters) on signed routes', async () => {
    const json = { by: 'receiptNo', receiptNo: 'KSK0001-20261202-0001' };
    for (const contentType of ['application/jsonx', 'application/json-patch+json', 'text/plain'])
      expect((await call({ method: 'POST', path: '/v1/cases/lookup', json, contentType })).status, contentType).toBe(415);
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON'])
      expect((await call({ method: 'POST', path: '/v1/cases/lookup', json, contentType })).status, contentType).toBe(200);
  });

  it('checks the content type on admin routes too', async () => {
    const r = await admin('/v1/admin/faults', { method: 'PUT', body: JSON.stringify({ errorRate: 0 }), headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(
      (await admin('/v1/admin/terminals', { method: 'POST', body: JSON.stringify({ terminalId: 'KSK0009', secret: 'z'.repeat(40) }), headers: { 'Content-Type': 'application/jsonx' } })).status,
    ).toBe(415);
    expect(store.terminalSecret('KSK0009')).toBeNull();
  });
});

describe('methods', () => {
  it('answers a wrong method with 405 and Allow, before authentication', async () => {
    const unsigned = await app.fetch(new Request('http://central.test/v1/attachments', { method: 'DELETE' }));
    expect(unsigned.status).toBe(405);
    expect(unsigned.headers.get('allow')).toBe('POST');
    expect((await unsigned.json()).error).toBe('method-not-allowed');
    const lookup = await app.fetch(new Request('http://central.test/v1/cases/lookup', { method: 'GET' }));
    expect(lookup.status).toBe(405);
    expect(lookup.headers.get('allow')).toBe('POST');
    const signed = await call({ method: 'PUT', path: '/v1/cases/feed' });
    expect(signed.status).toBe(405);
    expect(signed.headers.get('allow')).toBe('GET, HEAD');
    expect((await admin('/v1/admin/stats', { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('still answers 401 to an unsigned request with the right method', async () => {
    expect((await app.fetch(new Request('http://central.test/v1/cases/feed'))).status).toBe(401);
  });
});

describe('body limits', () => {
  it('answers a chunked 40 MiB admin body with 413, not 400', async () => {
    const piece = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent++ < 40) ctl.enqueue(piece);
        else ctl.close();
      },
    });
    const r = await app.fetch(
      new Request('http://central.test/v1/admin/faults', { method: 'PUT', body, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, duplex: 'half' } as RequestInit),
    );
    expect(r.status).toBe(413);
    expect((await r.json()).error).toBe('too-large');
  });
});

describe('unknown paths', () => {
  it.each(['/v1/nothing', '/v1/calendar/', '/v1/admin/cases/', '/v1/attachments//content'])('answers %s with 404, not 401 unsigned', async (p) => {
    const r = await app.fetch(new Request(`http://central.test${p}`, { headers: { Authorization: `Bearer ${ADMIN}` } }));
    expect(r.status).toBe(404);
    expect((await r.json()).error).toBe('not-found');
  });
});
