// 帮办代办 staff registry at central: enrolment hashes the card number and PIN (never stored or
// returned in clear), terminals pull it signed with ETag revalidation, and only signed terminals
// and the admin get in.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffRegistrySchema } from '../common/staff-registry';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { CentralStore } from './store';
import { signedRequest } from './test-support/signed-client';

const ADMIN = 'admin-token-for-tests-0123456789';
const T = { terminalId: 'KSK0001', secret: crypto.randomBytes(32).toString('base64url') };
const ID = '32130219860914262X';
let store: CentralStore;
let app: CheckedApp;

beforeEach(() => {
  store = new CentralStore(':memory:');
  store.registerTerminal(T.terminalId, T.secret);
  app = testCentralApp({ store, adminToken: ADMIN, staffScryptCost: { N: 1024, r: 8, p: 1 } });
});
afterEach(() => store.close());

const enrol = (staffId: string, body: unknown, token = ADMIN) =>
  app.fetch(new Request(`http://central.test/v1/admin/staff/${staffId}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
const pull = async (headers: Record<string, string> = {}) => {
  const req = await signedRequest('http://central.test', { ...T, method: 'GET', path: '/v1/staff' });
  for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
  return app.fetch(req);
};

describe('staff registry', () => {
  it('enrols with hashes only and publishes a new version to signed terminals, with 304 while unchanged', async () => {
    expect((await pull()).status).toBe(404);
    const res = await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: '135790' });
    expect(res.status).toBe(200);
    const echoed = await res.text();
    expect(echoed).not.toContain(ID);
    expect(echoed).not.toContain('135790');
    const first = await pull();
    expect(first.status).toBe(200);
    const reg = staffRegistrySchema.parse(await first.json());
    expect(reg.staff).toEqual([expect.objectContaining({ staffId: 'HB-001', name: '周海燕', township: '耿车镇', active: true })]);
    expect(reg.staff[0]!.idNumberHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM staff').all());
    expect(dump).not.toContain(ID);
    expect(dump).not.toContain('135790');
    const etag = first.headers.get('etag')!;
    expect((await pull({ 'If-None-Match': etag })).status).toBe(304);
    // Deactivating is a change: a new version that lists the helper as inactive.
    await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: '135790', active: false });
    const after = await pull({ 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect((await after.json()).staff[0].active).toBe(false);
  });

  it('refuses bad enrolments, a missing admin token and unsigned pulls', async () => {
    expect((await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: '12' })).status).toBe(400);
    expect((await enrol('HB 001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: '135790' })).status).toBe(400);
    expect((await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: '135790' }, 'wrong')).status).toBe(401);
    await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: '135790' });
    expect((await app.fetch(new Request('http://central.test/v1/staff'))).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await app.fetch(new Request('http://central.test/v1/openapi.json'))).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/v1/staff']).toBeDefined();
    expect(doc.paths['/v1/admin/staff/{staffId}']).toBeDefined();
  });
});
