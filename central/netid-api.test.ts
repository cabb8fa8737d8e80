// 网证 at central (issue 13 item 5): POST /v1/netid/verify takes a credential signed by an issuer
// central trusts, within its lifetime, once — and answers the identity it carries. Everything
// else is refused with a code the kiosk words for the citizen.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { netidVerifyResponseSchema, type NetidClaims } from '../common/netid-credential';
import { netidNonce, signTestNetid } from '../common/netid-test-issuer';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { signedRequest } from './test-support/signed-client';
import { CentralStore } from './store';

const T = { terminalId: 'KSK0001', secret: crypto.randomBytes(32).toString('base64url') };
const T2 = { terminalId: 'KSK0002', secret: crypto.randomBytes(32).toString('base64url') };
let store: CentralStore;
let app: CheckedApp;
let clock: number;

beforeEach(() => {
  store = new CentralStore(':memory:');
  store.registerTerminal(T.terminalId, T.secret);
  store.registerTerminal(T2.terminalId, T2.secret);
  clock = Date.parse('2026-12-03T08:00:00Z');
  app = testCentralApp({ store, now: () => clock });
});
afterEach(() => store.close());

const claims = (over: Partial<NetidClaims> = {}): NetidClaims => {
  const iat = Math.floor(clock / 1000);
  return { v: 1, nonce: netidNonce(), iat, exp: iat + 120, name: '王小明', idNumber: '110101199003074578', gender: 'male', birthDate: '1990-03-07', ...over };
};

async function verify(credential: string, who = T) {
  const res = await app.fetch(await signedRequest('http://central.test', { ...who, method: 'POST', path: '/v1/netid/verify', json: { credential }, timestamp: clock }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /v1/netid/verify', () => {
  it('answers the identity a valid credential carries, and nothing it does not carry', async () => {
    const r = await verify(await signTestNetid(claims({ gender: undefined, birthDate: undefined })));
    expect(r.status).toBe(200);
    const body = netidVerifyResponseSchema.parse(r.body);
    expect(body.identity).toEqual({ name: '王小明', idNumber: '110101199003074578' });
    expect(Date.parse(body.expiresAt)).toBe(clock + 120_000);
  });

  it('refuses an expired credential, and one that claims a lifetime over 180 s', async () => {
    const old = await signTestNetid(claims());
    clock += 121_000;
    expect(await verify(old)).toMatchObject({ status: 422, body: { error: 'netid-expired' } });
    const long = claims();
    expect((await verify(await signTestNetid({ ...long, exp: long.iat + 181 }))).body.error).toBe('netid-malformed');
    expect((await verify(await signTestNetid(claims({ iat: Math.floor(clock / 1000) + 120 })))).body.error).toBe('netid-malformed');
  });

  it('refuses a replay, at the same or another terminal, and keeps refusing until expiry', async () => {
    const cred = await signTestNetid(claims());
    expect((await verify(cred)).status).toBe(200);
    expect(await verify(cred)).toMatchObject({ status: 422, body: { error: 'netid-replayed' } });
    clock += 60_000;
    expect(await verify(cred, T2)).toMatchObject({ status: 422, body: { error: 'netid-replayed' } });
  });

  it('refuses a bad signature, and a forged credential does not spend the genuine one’s nonce', async () => {
    const genuine = await signTestNetid(claims({ name: '王小明' }));
    const [prefix, kid, payload, sig] = genuine.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), name: '李四' })).toString('base64url');
    expect(await verify([prefix, kid, forgedPayload, sig].join('.'))).toMatchObject({ status: 422, body: { error: 'netid-bad-signature' } });
    expect((await verify(genuine)).status).toBe(200);
  });

  it('refuses an issuer central does not know', async () => {
    expect(await verify(await signTestNetid(claims(), 'someone-else'))).toMatchObject({ status: 422, body: { error: 'netid-unknown-issuer' } });
  });

  it('refuses malformed credentials with a code, and a non-credential body as a bad request', async () => {
    for (const text of ['NETID1.', 'NETID1.test-2026.e30.AA', 'GK2|KSK0001-20261203-0001|abc', `NETID1.test-2026.${'A'.repeat(700)}.${'A'.repeat(86)}`]) {
      expect((await verify(text)).body.error).toBe('netid-malformed');
    }
    expect((await verify('')).status).toBe(400);
    expect((await verify('N'.repeat(1025))).status).toBe(400);
  });

  it('is for registered terminals only', async () => {
    const res = await app.fetch(
      await signedRequest('http://central.test', {
        terminalId: 'KSK9999',
        secret: T.secret,
        method: 'POST',
        path: '/v1/netid/verify',
        json: { credential: await signTestNetid(claims()) },
        timestamp: clock,
      }),
    );
    expect(res.status).toBe(401);
  });
});
