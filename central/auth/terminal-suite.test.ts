// The crypto suite a terminal is registered for (issue 16): an sm terminal's SM2 requests are
// verified with its registered public key, a request it signs with another suite is refused
// (suite-mismatch) unless inside the transition window central set, and central tells the
// terminal which suite it checked. Each refusal here passes on a central that does not check.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CENTRAL_SUITE_HEADER } from '../../common/request-signing';
import { sampleHeartbeat } from '../fleet/sample-heartbeat';
import { centralHarness, TERMINAL, type CentralHarness } from '../test-support/central-harness';
import { signedRequest, testSm2KeyPair } from '../test-support/signed-client';

let h: CentralHarness;
const sm2 = testSm2KeyPair();
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => {
  vi.useRealTimers();
  h.close();
});

const probe = { method: 'GET', path: '/v1/cases/feed' };

async function answer(r: Response) {
  return { status: r.status, body: (await r.json()) as { error?: string; message?: string; requiredSuite?: string } };
}

/** Registers TERMINAL for `sm` with its SM2 key through the admin API, as an operator would. */
async function registerSm(transitionUntil: string | null = null) {
  const r = await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/suite`, 'PUT', { suite: 'sm', sm2PublicKey: sm2.publicKeyHex, transitionUntil });
  expect(r.status).toBe(200);
  return r.json();
}

describe('crypto suite per terminal', () => {
  it('verifies an SM2-signed request against the registered public key and says it checked it in sm', async () => {
    await registerSm();
    const r = await h.call({ ...probe, sm2: sm2.keyPair });
    expect(r.status).toBe(200);
    expect(r.headers.get(CENTRAL_SUITE_HEADER)).toBe('sm');
    // An international terminal's answers say so too.
    const intl = await h.call({ ...probe, terminalId: 'KSK0002', secret: 'y'.repeat(40) });
    expect(intl.headers.get(CENTRAL_SUITE_HEADER)).toBe('international');
  });

  it('refuses a request from an sm terminal signed with the other suite (a correct HMAC), with suite-mismatch', async () => {
    await registerSm();
    const a = await answer(await h.call(probe));
    expect(a.status).toBe(401);
    expect(a.body.error).toBe('suite-mismatch');
    expect(a.body.requiredSuite).toBe('sm');
    expect(a.body.message).toContain('国密');
  });

  it('takes the other suite inside the transition window central set, and refuses it once the window closed', async () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    const view = await registerSm(until);
    expect(view).toMatchObject({ suite: 'sm', transitionUntil: until, sm2PublicKey: sm2.publicKeyHex });
    expect((await h.call(probe)).status).toBe(200);
    expect((await h.call({ ...probe, sm2: sm2.keyPair })).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await answer(await h.call(probe))).body.error).toBe('suite-mismatch');
    expect((await h.call({ ...probe, sm2: sm2.keyPair })).status).toBe(200);
  });

  it('refuses an SM2 signature by another key, over another body, or from a terminal without a registered key — as bad credentials', async () => {
    await registerSm();
    const other = testSm2KeyPair();
    const wrongKey = await answer(await h.call({ ...probe, sm2: other.keyPair }));
    expect(wrongKey).toMatchObject({ status: 401, body: { error: 'bad-credentials' } });
    // KSK0002 is registered without an SM2 key: its "SM2 signature" cannot be checked, so it is refused.
    const noKey = await answer(await h.call({ ...probe, terminalId: 'KSK0002', sm2: other.keyPair }));
    const unknown = await answer(await h.call({ ...probe, terminalId: 'NOPE0001', sm2: other.keyPair }));
    expect(noKey).toEqual(wrongKey);
    expect(unknown).toEqual(wrongKey);
    // A signature made for one body does not carry another (the SM3 of the body is signed).
    const signed = await h.call({ method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat(), sm2: sm2.keyPair });
    expect(signed.status).toBe(200);
    const req = await signedRequest('http://central.test', {
      ...TERMINAL,
      method: 'POST',
      path: '/v1/heartbeats',
      json: sampleHeartbeat(),
      sm2: sm2.keyPair,
    });
    const tampered = new Request(req.url, { method: 'POST', headers: req.headers, body: JSON.stringify({ ...sampleHeartbeat(), version: '6.6.6' }) });
    expect((await answer(await h.app.fetch(tampered))).body.error).toBe('bad-credentials');
  });

  it('refuses a suite it does not know', async () => {
    const req = await signedRequest('http://central.test', { ...TERMINAL, ...probe });
    req.headers.set('x-kiosk-suite', 'rot13');
    expect((await answer(await h.app.fetch(req))).body.error).toBe('bad-suite');
  });

  it('lets an international terminal with a registered SM2 key move up to sm before central switches it', async () => {
    const r = await h.admin(`/v1/admin/terminals`, 'POST', { terminalId: 'KSK0003', secret: 'w'.repeat(40), sm2PublicKey: sm2.publicKeyHex });
    expect(r.status).toBe(200);
    expect((await h.call({ ...probe, terminalId: 'KSK0003', secret: 'w'.repeat(40) })).status).toBe(200);
    expect((await h.call({ ...probe, terminalId: 'KSK0003', sm2: sm2.keyPair })).status).toBe(200);
  });

  it('will not register an sm terminal without its SM2 public key, and records the suite a terminal announces', async () => {
    const missing = await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/suite`, 'PUT', { suite: 'sm' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('sm2-key-required');
    expect((await h.admin('/v1/admin/terminals', 'POST', { terminalId: 'KSK0004', secret: 'v'.repeat(40), suite: 'sm' })).status).toBe(400);
    expect((await h.admin('/v1/admin/terminals/NOPE0001/suite', 'GET')).status).toBe(404);
    await h.call({ method: 'POST', path: '/v1/heartbeats', json: { ...sampleHeartbeat(), cryptoSuite: 'international' } });
    const view = (await (await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/suite`, 'GET')).json()) as Record<string, unknown>;
    expect(view).toEqual({ terminalId: TERMINAL.terminalId, suite: 'international', sm2PublicKey: null, transitionUntil: null, announcedSuite: 'international' });
    // Re-registering a new secret does not move a terminal off sm.
    await registerSm();
    await h.admin('/v1/admin/terminals', 'POST', { terminalId: TERMINAL.terminalId, secret: 'n'.repeat(40) });
    expect(((await (await h.admin(`/v1/admin/terminals/${TERMINAL.terminalId}/suite`, 'GET')).json()) as { suite: string }).suite).toBe('sm');
  });
});
