// Property-based pass over central's whole contract: for every operation of the OpenAPI
// document, requests generated from its schemas — valid and invalid path parameters, queries,
// bodies, content types and methods, signed (or admin-authorised) where the operation needs it,
// sometimes not — go to a real central in-process. Every answer must be documented and conform
// (testCentralApp throws otherwise) and none may be a 5xx.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from './catalog/sample-catalog';
import { FaultInjector } from './faults';
import { buildOpenApi } from './openapi';
import { CentralStore } from './store';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { caseManifest } from './test-support/case-manifest';
import { arbitraryOf, invalidOf, type JsonSchema } from './test-support/schema-arbitrary';
import { signedRequest } from './test-support/signed-client';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';

type Param = { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: JsonSchema };
type Operation = { operationId: string; security?: Record<string, unknown>[]; parameters?: Param[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } };
const doc = buildOpenApi() as { paths: Record<string, Record<string, Operation>> };

const T = { terminalId: 'KSK0001', secret: 'x'.repeat(40) };
const ADMIN = 'admin-token-for-property-tests';
/** Requests per operation: 30 operations × 100 runs take about 30 s on a shared CI core (more: CONTRACT_PROPERTY_RUNS). */
const RUNS = Number(process.env.CONTRACT_PROPERTY_RUNS ?? 100);

let dir: string;
let store: CentralStore;
let app: CheckedApp;
const faults = new FaultInjector();
/** Values that exist at central, so that valid requests also reach the handlers' success paths. */
const known: Record<string, string[]> = {};

const signed = (method: string, p: string, json?: unknown) => signedRequest('http://central.test', { ...T, method, path: p, json });
const admin = (method: string, p: string, json?: unknown) =>
  new Request(`http://central.test${p}`, { method, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, body: json === undefined ? null : JSON.stringify(json) });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-property-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  store.registerTerminal(T.terminalId, T.secret);
  app = testCentralApp({ store, faults, adminToken: ADMIN, staffScryptCost: { N: 1024, r: 8, p: 1 } });
  const bytes = crypto.randomBytes(2000);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await app.fetch(await signed('POST', '/v1/attachments', { sha256, size: bytes.length, mime: 'image/jpeg', name: 'p.jpg' }));
  const m = caseManifest({ receiptNo: 'KSK0001-20261202-0001', serviceCode: sampleCatalog.services[0]!.code, idNumber: testIdNumber(9) });
  const batch = (await (await app.fetch(await signed('POST', '/v1/submissions/batch', { items: [m] }))).json()) as { results: { caseNo: string }[] };
  const caseNo = batch.results[0]!.caseNo;
  await app.fetch(admin('POST', `/v1/admin/cases/${caseNo}/status`, { status: 'accepted' }));
  const done = (await (await app.fetch(admin('POST', `/v1/admin/cases/${caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '证照.pdf' }] }))).json()) as {
    update: { documents: { id: string }[] };
  };
  await app.fetch(admin('PUT', '/v1/admin/calendar/2026', { version: 'v1', days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }] }));
  await app.fetch(admin('PUT', '/v1/admin/staff/HB-001', { name: '周海燕', township: '幸福街道', idNumber: testIdNumber(11), pin: '135790' }));
  Object.assign(known, { caseNo: [caseNo], documentId: [done.update.documents[0]!.id], sha256: [sha256], year: ['2026'], staffId: ['HB-001'], receiptNo: ['KSK0001-20261202-0001'] });
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Text a client might put where an integer or an id goes. */
const oddText = fc.constantFrom('', '0x7EA', '2.026e3', '1e1', '-1', '+5', '007', '1.0', ' 1', '%2F', '..', 'AJ', '２０２６', '9'.repeat(30), 'null');
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
const contentTypes = ['application/json', 'application/json; charset=utf-8', 'application/jsonx', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', ''];

function valueOf(p: Param): fc.Arbitrary<string> {
  const valid = arbitraryOf(p.schema).map(String);
  const seeded = known[p.name]?.length ? [fc.constantFrom(...known[p.name]!)] : [];
  return fc.oneof({ weight: 3, arbitrary: fc.oneof(valid, ...seeded) }, { weight: 1, arbitrary: oddText }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
}

/** Top-level body fields set to values central knows, so generated bodies also reach the handlers' success paths. */
function withKnownFields(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = { ...(v as Record<string, unknown>) };
  for (const k of ['caseNo', 'receiptNo'] as const) if (k in o && known[k]) o[k] = known[k]![0];
  if ('serviceCode' in o) o.serviceCode = sampleCatalog.services[0]!.code;
  return o;
}

/** Whole bodies a kiosk would really send, for operations whose schema alone rarely yields an accepted one. */
const realBodies: Record<string, () => fc.Arbitrary<unknown>> = {
  submitBatch: () =>
    fc.integer({ min: 1, max: 9999 }).map((n) => ({
      items: [caseManifest({ receiptNo: `KSK0001-20261202-${String(n).padStart(4, '0')}`, serviceCode: sampleCatalog.services[0]!.code, idNumber: testIdNumber(n % 50) })],
    })),
};

type Generated = { method: string; path: string; body: { json: unknown } | { raw: Uint8Array } | null; contentType: string | null; auth: 'right' | 'none' | 'wrong' };

function requestsFor(template: string, method: string, op: Operation): fc.Arbitrary<Generated> {
  const params = op.parameters ?? [];
  const pathArb = fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, valueOf(p)])));
  const queryArb = fc.tuple(
    ...params.filter((p) => p.in === 'query').map((p) => fc.option(valueOf(p), { nil: undefined, freq: 3 }).map((v) => (v === undefined ? null : `${p.name}=${encodeURIComponent(v)}`))),
  );
  const media = op.requestBody?.content ?? {};
  const jsonSchema = media['application/json']?.schema;
  const bodyArb: fc.Arbitrary<Generated['body']> = jsonSchema
    ? fc.oneof(
        { weight: 3, arbitrary: fc.tuple(arbitraryOf(jsonSchema), fc.boolean()).map(([json, seed]) => ({ json: seed ? withKnownFields(json) : json })) },
        { weight: realBodies[op.operationId] ? 2 : 0, arbitrary: (realBodies[op.operationId] ?? (() => fc.constant(null)))().map((json) => ({ json })) },
        { weight: 2, arbitrary: invalidOf(jsonSchema).map((json) => ({ json })) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((raw) => ({ raw })) },
      )
    : media['application/octet-stream']
      ? fc.uint8Array({ minLength: 0, maxLength: 3000 }).map((raw) => ({ raw }))
      : fc.constant(null);
  const defaultType = jsonSchema ? 'application/json' : media['application/octet-stream'] ? 'application/octet-stream' : null;
  return fc.record({
    method: fc.oneof({ weight: 6, arbitrary: fc.constant(method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom(...methods) }),
    path: fc.tuple(pathArb, queryArb).map(([ps, qs]) => {
      const p = template.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(ps[n] as string));
      const q = qs.filter((x): x is string => x !== null).join('&');
      return q ? `${p}?${q}` : p;
    }),
    body: bodyArb,
    contentType: fc.oneof({ weight: 5, arbitrary: fc.constant(defaultType) }, { weight: 1, arbitrary: fc.constantFrom(...contentTypes) }),
    auth: fc.oneof({ weight: 8, arbitrary: fc.constant('right' as const) }, { weight: 1, arbitrary: fc.constantFrom('none' as const, 'wrong' as const) }),
  });
}

async function toRequest(g: Generated, op: Operation): Promise<Request> {
  const bytes = g.body === null ? null : 'raw' in g.body ? g.body.raw : new TextEncoder().encode(JSON.stringify(g.body.json));
  // GET and HEAD cannot carry a body in fetch.
  const body = g.method === 'GET' || g.method === 'HEAD' ? null : bytes;
  const isSigned = op.security?.some((s) => 'terminalSignature' in s);
  if (isSigned && g.auth !== 'none') {
    const req = await signedRequest('http://central.test', {
      ...T,
      secret: g.auth === 'wrong' ? 'y'.repeat(40) : T.secret,
      method: g.method,
      path: g.path,
      ...(body ? { bytes: body, contentType: g.contentType ?? '' } : {}),
    });
    if (body && !g.contentType) req.headers.delete('content-type');
    return req;
  }
  const headers = new Headers();
  if (op.security?.some((s) => 'adminToken' in s) && g.auth !== 'none') headers.set('Authorization', `Bearer ${g.auth === 'wrong' ? 'nope' : ADMIN}`);
  if (body && g.contentType) headers.set('Content-Type', g.contentType);
  return new Request(`http://central.test${g.path}`, { method: g.method, headers, body: body as BodyInit | null });
}

const operations = Object.entries(doc.paths).flatMap(([template, item]) => Object.entries(item).map(([method, op]) => ({ template, method, op })));

describe('central contract, property-based', () => {
  it('documents at least every call a kiosk makes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.template}`, o] as const))(
    '%s: every generated request gets a documented, conforming answer, never a 5xx',
    async (_name, { template, method, op }) => {
      await fc.assert(
        fc.asyncProperty(requestsFor(template, method, op), async (g) => {
          const res = await app.fetch(await toRequest(g, op)); // throws ContractViolation on an undocumented answer
          faults.reset(); // a generated PUT /v1/admin/faults must not inject failures into the next request
          expect(res.status, `${g.method} ${g.path}`).toBeLessThan(500);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    60_000,
  );
});
