// 帮办代办 at central: enrolment hashes the card number and PIN (never stored or returned in
// clear); helper sign-in is verified by central (issue 10, finding 3) — no terminal-facing answer
// carries a verifier, wrong PINs count per helper at central up to a lockout, and a helper-channel
// submission is taken only with a central-issued proof of that helper's sign-in at that terminal,
// valid when the submission was made.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submissionBatchResponseSchema, type SubmissionManifest } from '../common/central-api';
import { helperIdentifyResponseSchema, helperSignInResponseSchema } from '../common/staff-registry';
import { HELPER_SESSION_SEC, HELPER_TICKET_SEC } from './staff/helper-sign-in';
import type { CentralMac } from './staff/central-mac';
import { issueHelperToken } from './staff/helper-tokens';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { CentralStore } from './store';
import { caseManifest } from './test-support/case-manifest';
import { signedRequest } from './test-support/signed-client';

const ADMIN = 'admin-token-for-tests-0123456789';
const T = { terminalId: 'KSK0001', secret: crypto.randomBytes(32).toString('base64url') };
const T2 = { terminalId: 'KSK0002', secret: crypto.randomBytes(32).toString('base64url') };
const ID = '32130219860914262X';
const ID_B = '321302197902031538';
const PIN = '135790';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
let store: CentralStore;
let app: CheckedApp;
let clock: number;
/** Every body a terminal got back in this test, to look for verifiers in. */
let seen: string[];

beforeEach(() => {
  store = new CentralStore(':memory:');
  store.registerTerminal(T.terminalId, T.secret);
  store.registerTerminal(T2.terminalId, T2.secret);
  clock = Date.now();
  seen = [];
  app = testCentralApp({ store, adminToken: ADMIN, staffScryptCost: { N: 1024, r: 8, p: 1 }, now: () => clock });
});
afterEach(() => store.close());

const enrol = (staffId: string, body: unknown, token = ADMIN) =>
  app.fetch(
    new Request(`http://central.test/v1/admin/staff/${staffId}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  );
const enrolBoth = async () => {
  expect((await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: PIN })).status).toBe(200);
  expect((await enrol('HB-002', { name: '孙立军', township: '耿车镇', idNumber: ID_B, pin: PIN })).status).toBe(200);
};
async function call(method: string, path: string, json?: unknown, who = T) {
  const res = await app.fetch(await signedRequest('http://central.test', { ...who, method, path, json, timestamp: clock }));
  const text = await res.text();
  seen.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const identify = (idNumber: string, who = T) => call('POST', '/v1/helpers/identify', { idNumber }, who);
const signIn = (idNumber: string, pin: string, who = T) => call('POST', '/v1/helpers/sign-in', { idNumber, pin }, who);

function helperManifest(over: Partial<SubmissionManifest>, seq = 1): SubmissionManifest {
  return {
    ...caseManifest({ receiptNo: `KSK0001-20261202-${String(seq).padStart(4, '0')}`, serviceCode: 'SVC-TEST-001', idNumber: '110101199001011237', name: '李秀英' }),
    channel: 'helper',
    helperId: 'HB-001',
    authorisation: { signature: { mime: 'image/png', data: PNG }, signedAt: new Date(clock).toISOString() },
    submittedAt: new Date(clock).toISOString(),
    ...over,
  };
}
const submit = async (m: SubmissionManifest, who = T) => submissionBatchResponseSchema.parse((await call('POST', '/v1/submissions/batch', { items: [m] }, who)).body).results[0]!;

describe('staff enrolment', () => {
  it('keeps hashes only, never echoes the number or the PIN, and refuses bad enrolments and a missing admin token', async () => {
    const res = await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: PIN });
    expect(res.status).toBe(200);
    const echoed = await res.text();
    expect(echoed).not.toContain(ID);
    expect(echoed).not.toContain(PIN);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM staff').all());
    expect(dump).not.toContain(ID);
    expect(dump).not.toContain(PIN);
    expect(dump).toContain('scrypt$1024$8$1$');
    expect((await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: '12' })).status).toBe(400);
    expect((await enrol('HB 001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: PIN })).status).toBe(400);
    expect((await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: PIN }, 'wrong')).status).toBe(401);
  });
});

describe('no PIN or card verifier leaves central', () => {
  it('GET /v1/staff is gone, and no answer to a terminal carries a scrypt hash or any part of one', async () => {
    await enrolBoth();
    expect((await call('GET', '/v1/staff')).status).toBe(404);
    expect((await identify(ID)).status).toBe(200);
    expect((await identify('110101199001011237')).status).toBe(404);
    expect((await signIn(ID, '000000')).status).toBe(422);
    expect((await signIn(ID, PIN)).status).toBe(200);
    const hashes = (store.db.prepare('SELECT id_number_hash, pin_hash FROM staff').all() as { id_number_hash: string; pin_hash: string }[]).flatMap((r) => [r.id_number_hash, r.pin_hash]);
    for (const body of seen) {
      expect(body).not.toMatch(/scrypt\$/);
      for (const h of hashes) for (const part of h.split('$').slice(4)) expect(body).not.toContain(part);
    }
    const doc = (await (await app.fetch(new Request('http://central.test/v1/openapi.json'))).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/v1/staff']).toBeUndefined();
    expect(JSON.stringify(doc.paths['/v1/helpers/sign-in'])).not.toMatch(/pinHash|idNumberHash/);
  });
});

describe('helper sign-in verified by central', () => {
  it('identifies a helper’s card (name for the PIN screen) and signs in with the right PIN: a session and an offline ticket bound to helper and terminal', async () => {
    await enrolBoth();
    const who = await identify(ID.toLowerCase());
    expect(helperIdentifyResponseSchema.parse(who.body)).toEqual({ helper: { staffId: 'HB-001', name: '周海燕', township: '耿车镇' }, lockedUntil: null, attemptsLeft: 5 });
    const r = await signIn(ID, PIN);
    const s = helperSignInResponseSchema.parse(r.body);
    expect(s.helper.staffId).toBe('HB-001');
    expect(Date.parse(s.session.expiresAt)).toBe(clock + HELPER_SESSION_SEC * 1000);
    expect(Date.parse(s.ticket.expiresAt)).toBe(clock + HELPER_TICKET_SEC * 1000);
    expect(s.session.token).not.toBe(s.ticket.token);
    // A helper enrolled before central kept a lookup MAC is found by trying the hashes, once.
    store.db.prepare('UPDATE staff SET id_lookup = NULL').run();
    expect((await identify(ID_B)).body).toMatchObject({ helper: { staffId: 'HB-002' } });
    expect(store.db.prepare("SELECT id_lookup FROM staff WHERE staff_id = 'HB-002'").get()).toMatchObject({ id_lookup: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect((await identify(ID)).body).toMatchObject({ helper: { staffId: 'HB-001' } });
    // An inactive helper's card is nobody's.
    await enrol('HB-001', { name: '周海燕', township: '耿车镇', idNumber: ID, pin: PIN, active: false });
    expect((await identify(ID)).status).toBe(404);
    expect((await signIn(ID, PIN)).status).toBe(404);
  });

  it('counts wrong PINs per helper at central, whichever terminal they come from; the fifth locks that helper — also for the right PIN — and not the other one', async () => {
    await enrolBoth();
    for (let i = 1; i <= 4; i++) {
      const r = await signIn(ID, '000000', i % 2 ? T : T2);
      expect(r).toMatchObject({ status: 422, body: { error: 'wrong-pin', attemptsLeft: 5 - i } });
    }
    const fifth = await signIn(ID, '000000', T2);
    expect(fifth).toMatchObject({ status: 423, body: { error: 'locked', lockedUntil: new Date(clock + 900_000).toISOString() } });
    expect((await signIn(ID, PIN)).status).toBe(423);
    expect((await identify(ID)).body).toMatchObject({ lockedUntil: new Date(clock + 900_000).toISOString(), attemptsLeft: 0 });
    expect((await signIn(ID_B, PIN)).status).toBe(200);
  });

  it('after the lockout runs out, says the full number of attempts again and takes the right PIN (finding 8)', async () => {
    await enrolBoth();
    for (let i = 0; i < 5; i++) await signIn(ID, '000000');
    clock += 900_001;
    expect((await identify(ID)).body).toMatchObject({ lockedUntil: null, attemptsLeft: 5 });
    expect((await signIn(ID, '000001')).body).toMatchObject({ error: 'wrong-pin', attemptsLeft: 4 });
    expect((await signIn(ID, PIN)).status).toBe(200);
    expect((await identify(ID)).body).toMatchObject({ attemptsLeft: 5 });
  });
});

describe('helper powers checked at intake', () => {
  it('takes a helper-channel submission only with a valid proof of that helper’s sign-in at that terminal', async () => {
    await enrolBoth();
    const s = helperSignInResponseSchema.parse((await signIn(ID, PIN)).body);
    const b = helperSignInResponseSchema.parse((await signIn(ID_B, PIN)).body);
    const onT2 = helperSignInResponseSchema.parse((await signIn(ID, PIN, T2)).body);
    const refused = async (m: SubmissionManifest, problem: string) => {
      const r = await submit(m);
      expect(r).toMatchObject({ outcome: 'rejected', code: 'helper-unverified' });
      expect(r.outcome === 'rejected' && r.reason).toContain(problem);
    };
    // No proof: a terminal filing in the name of a helper who never signed in.
    await refused(helperManifest({ helperProof: null }, 1), 'missing');
    // A forged proof: claims made up, or a real one altered, or signed with another key.
    const otherKey = crypto.randomBytes(32);
    const anotherCentral: CentralMac = { alg: 'hmac-sha256', previous: 'hmac-sm3', mac: (_alg, data) => crypto.createHmac('sha256', otherKey).update(data).digest(), mayHaveMade: () => true };
    const forged = issueHelperToken(anotherCentral, { k: 'session', sid: 'HB-001', tid: 'KSK0001', iat: clock, exp: clock + 3_600_000 });
    await refused(helperManifest({ helperProof: forged }, 2), 'forged');
    const [payload, sig] = s.session.token.split('.');
    const stretched = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), exp: clock + 365 * 86_400_000 })).toString('base64url');
    await refused(helperManifest({ helperProof: `${stretched}.${sig}` }, 3), 'forged');
    // Another helper's proof, or this helper's proof from another terminal.
    await refused(helperManifest({ helperProof: b.session.token }, 4), 'other-helper');
    await refused(helperManifest({ helperProof: onT2.session.token }, 5), 'other-terminal');
    // Made after the session had expired (or before the sign-in).
    const signedInAt = clock;
    clock = Date.parse(s.session.expiresAt) + 2 * 3_600_000; // synced later, so central's clock is past it too
    await refused(helperManifest({ helperProof: s.session.token, submittedAt: new Date(Date.parse(s.session.expiresAt) + 3_600_000).toISOString() }, 6), 'outside-validity');
    clock = signedInAt;
    await refused(helperManifest({ helperProof: s.session.token, submittedAt: new Date(clock - 25 * 3_600_000).toISOString() }, 7), 'outside-validity');
    expect(store.casesOfHelper('HB-001')).toHaveLength(0);

    // A terminal whose clock runs behind central's: its genuine submission looks earlier than the sign-in.
    expect(await submit(helperManifest({ helperProof: s.session.token, submittedAt: new Date(clock - 10 * 60_000).toISOString() }, 11))).toMatchObject({ outcome: 'created' });
    // The real thing: within the session, later synced (central's clock has moved on since).
    const ok = helperManifest({ helperProof: s.session.token, submittedAt: new Date(clock + 60_000).toISOString() }, 8);
    clock += 20 * 3_600_000;
    expect(await submit(ok)).toMatchObject({ outcome: 'created' });
    // An offline ticket works the same way, within its own validity.
    const offline = helperManifest({ helperProof: s.ticket.token, submittedAt: new Date(Date.parse(s.ticket.expiresAt) - 60_000).toISOString() }, 9);
    expect(await submit(offline)).toMatchObject({ outcome: 'created' });
    expect(store.casesOfHelper('HB-001')).toHaveLength(3);
    // The admin sees how the helper had signed in for each case: PIN verified online, or card + ticket offline.
    const admin = await (await app.fetch(new Request('http://central.test/v1/admin/staff/HB-001/cases', { headers: { Authorization: `Bearer ${ADMIN}` } }))).json();
    expect(Object.fromEntries(admin.cases.map((c: { receiptNo: string; signIn: string }) => [c.receiptNo, c.signIn]))).toEqual({
      'KSK0001-20261202-0008': 'online',
      'KSK0001-20261202-0009': 'offline',
      'KSK0001-20261202-0011': 'online',
    });
    // The kiosk channel needs no proof.
    expect(await submit({ ...caseManifest({ receiptNo: 'KSK0001-20261202-0010', serviceCode: 'SVC-TEST-001', idNumber: '110101199001011237' }) })).toMatchObject({ outcome: 'created' });
  });
});
