// Central's answers hold personal data (case lookups, documents, the staff registry): no HTTP
// cache may keep them. Only the public catalog is cacheable, revalidated with its ETag.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { sampleCatalog } from './catalog/sample-catalog';
import { CentralStore } from './store';
import { signedRequest } from './test-support/signed-client';

const T = { terminalId: 'KSK0001', secret: 'x'.repeat(40) };
const ADMIN = 'admin-token-for-tests';
let dir: string;
let store: CentralStore;
let app: CheckedApp;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-cache-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  store.registerTerminal(T.terminalId, T.secret);
  app = testCentralApp({ store, adminToken: ADMIN });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const signed = async (method: string, p: string, json?: unknown) => app.fetch(await signedRequest('http://central.test', { ...T, method, path: p, json }));
const admin = (p: string) => app.fetch(new Request(`http://central.test${p}`, { headers: { Authorization: `Bearer ${ADMIN}` } }));

describe('central Cache-Control', () => {
  it('marks every API answer no-store: data, errors, admin and fleet', async () => {
    const answers = {
      staff: await signed('GET', '/v1/staff'),
      lookup: await signed('POST', '/v1/cases/lookup', { by: 'receipt', receiptNo: 'KSK0001-20261122-0001' }),
      unsigned: await app.fetch(new Request('http://central.test/v1/cases/feed')),
      notFound: await signed('GET', '/v1/nope'),
      adminCases: await admin('/v1/admin/cases'),
      health: await app.fetch(new Request('http://central.test/v1/health')),
      fleet: await admin('/fleet/json'),
    };
    for (const [name, r] of Object.entries(answers)) expect(r.headers.get('cache-control'), `${name} (${r.status})`).toBe('no-store');
    expect(answers.unsigned.status).toBe(401);
  });

  it('keeps the public catalog revalidatable (no-cache with an ETag)', async () => {
    const r = await app.fetch(new Request('http://central.test/v1/catalog'));
    expect(r.headers.get('cache-control')).toBe('no-cache');
    const again = await app.fetch(new Request('http://central.test/v1/catalog', { headers: { 'If-None-Match': r.headers.get('etag')! } }));
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('no-cache');
  });
});
