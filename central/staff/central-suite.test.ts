// Central's own suite (issue 16): a central running `sm` makes its helper proofs with HMAC-SM3
// under a key of their own and says so inside the token; after a switch from international the
// proofs it issued before still count (an offline ticket's submissions arrive later), a proof of
// the old MAC dated after the switch does not, nor a token relabelled to the other MAC; helpers
// enrolled before the switch still sign in.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submissionBatchResponseSchema, type SubmissionManifest } from '../../common/central-api';
import type { SuiteTag } from '../../common/crypto-suite/suite';
import { helperSignInResponseSchema } from '../../common/staff-registry';
import { testCentralApp, type CheckedApp } from '../test-support/checked-app';
import { caseManifest } from '../test-support/case-manifest';
import { signedRequest } from '../test-support/signed-client';
import { CentralStore } from '../store';

const ADMIN = 'admin-token-for-tests-0123456789';
const T = { terminalId: 'KSK0001', secret: crypto.randomBytes(32).toString('base64url') };
const ID = '32130219860914262X';
const PIN = '135790';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let store: CentralStore;
let app: CheckedApp;
let clock: number;

/** Central (re)started on the same database with `suite`, as CENTRAL_CRYPTO_SUITE would. */
function boot(suite: SuiteTag) {
  app = testCentralApp({ store, adminToken: ADMIN, staffScryptCost: { N: 1024, r: 8, p: 1 }, now: () => clock, suite });
}

beforeEach(() => {
  store = new CentralStore(':memory:');
  store.registerTerminal(T.terminalId, T.secret);
  clock = Date.now();
});
afterEach(() => store.close());

async function call(path: string, json: unknown) {
  const res = await app.fetch(await signedRequest('http://central.test', { ...T, method: 'POST', path, json, timestamp: clock }));
  return { status: res.status, body: (await res.json()) as unknown };
}
async function enrol() {
  const r = await app.fetch(
    new Request('http://central.test/v1/admin/staff/HB-001', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '周海燕', township: '耿车镇', idNumber: ID, pin: PIN }),
    }),
  );
  expect(r.status).toBe(200);
}
async function signIn() {
  const r = await call('/v1/helpers/sign-in', { idNumber: ID, pin: PIN });
  expect(r.status).toBe(200);
  return helperSignInResponseSchema.parse(r.body);
}
let seq = 0;
async function submit(helperProof: string, submittedAt = clock) {
  seq++;
  const m: SubmissionManifest = {
    ...caseManifest({ receiptNo: `KSK0001-20261202-${String(seq).padStart(4, '0')}`, serviceCode: 'SVC-TEST-001', idNumber: '110101199001011237', name: '李秀英' }),
    channel: 'helper',
    helperId: 'HB-001',
    helperProof,
    authorisation: { signature: { mime: 'image/png', data: PNG }, signedAt: new Date(submittedAt).toISOString() },
    submittedAt: new Date(submittedAt).toISOString(),
  };
  return submissionBatchResponseSchema.parse((await call('/v1/submissions/batch', { items: [m] })).body).results[0]!;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
/** A token made outside central's code, with one of its stored keys. */
function mint(claims: Record<string, unknown>, hash: 'sha256' | 'sm3', keyName: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${crypto.createHmac(hash, store.centralKey(keyName)).update(`gov-kiosk helper token v1.${payload}`).digest('base64url')}`;
}

describe('central running the sm suite', () => {
  it('makes helper proofs with HMAC-SM3 under a key of their own, names it in the token, and files with them', async () => {
    boot('sm');
    await enrol();
    const s = await signIn();
    for (const token of [s.session.token, s.ticket.token]) {
      expect(claimsOf(token)).toMatchObject({ v: 2, m: 'hmac-sm3' });
      const [payload, mac] = token.split('.') as [string, string];
      expect(mac).toBe(crypto.createHmac('sm3', store.centralKey('helper-token.sm3')).update(`gov-kiosk helper token v1.${payload}`).digest('base64url'));
    }
    expect(await submit(s.ticket.token)).toMatchObject({ outcome: 'created' });
    // The same claims under central's HMAC-SHA256 key, or relabelled: not central's proof now.
    const claims = claimsOf(s.session.token);
    expect(await submit(mint({ ...claims, m: 'hmac-sha256' }, 'sha256', 'helper-token'))).toMatchObject({ outcome: 'rejected', code: 'helper-unverified' });
    expect(await submit(mint({ ...claims, m: 'hmac-sha256' }, 'sm3', 'helper-token.sm3'))).toMatchObject({ outcome: 'rejected', code: 'helper-unverified' });
  });

  it('after a switch from international: proofs issued before still file, HMAC-SHA256 proofs dated after do not, and the helper still signs in', async () => {
    boot('international');
    await enrol();
    const before = await signIn();
    expect(claimsOf(before.ticket.token)).toMatchObject({ v: 2, m: 'hmac-sha256' });
    const signedInAt = clock;
    // An offline ticket a terminal held from central's first release (v1: no MAC named).
    const v1Ticket = mint({ v: 1, k: 'offline', sid: 'HB-001', tid: T.terminalId, iat: clock, exp: clock + 3_600_000 }, 'sha256', 'helper-token');

    clock += 60_000;
    boot('sm');
    // Submissions made offline before the switch reach central now: filed.
    expect(await submit(before.ticket.token, signedInAt + 1000)).toMatchObject({ outcome: 'created' });
    expect(await submit(v1Ticket, signedInAt + 2000)).toMatchObject({ outcome: 'created' });
    // The old MAC with an issue time after the switch is nothing central made.
    const late = { v: 2, m: 'hmac-sha256', k: 'session', sid: 'HB-001', tid: T.terminalId, iat: clock, exp: clock + 3_600_000 };
    expect(await submit(mint(late, 'sha256', 'helper-token'))).toMatchObject({ outcome: 'rejected', code: 'helper-unverified' });
    expect(await submit(mint({ ...late, v: 1, m: undefined }, 'sha256', 'helper-token'))).toMatchObject({ outcome: 'rejected', code: 'helper-unverified' });
    // Enrolled under the HMAC-SHA256 card lookup, the helper is still found, and moved to HMAC-SM3's.
    const lookupBefore = (store.db.prepare('SELECT id_lookup FROM staff').get() as { id_lookup: string }).id_lookup;
    const after = await signIn();
    expect(claimsOf(after.session.token)).toMatchObject({ m: 'hmac-sm3' });
    expect((store.db.prepare('SELECT id_lookup FROM staff').get() as { id_lookup: string }).id_lookup).not.toBe(lookupBefore);
    expect(await submit(after.session.token)).toMatchObject({ outcome: 'created' });
  });
});
