// Request signing as a prober meets it: timestamps only in strict decimal, and one answer for a
// terminal id that does not exist and a signature that is wrong.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { centralHarness, type CentralHarness } from '../test-support/central-harness';
import { signedRequest } from '../test-support/signed-client';

let h: CentralHarness;
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => h.close());

const probe = { method: 'GET', path: '/v1/cases/feed' };

describe('terminal request signing', () => {
  it('refuses a timestamp that is not plain decimal milliseconds, even when correctly signed', async () => {
    const now = Date.now();
    for (const ts of [`0x${now.toString(16)}`, `${now / 1000}e3`, `+${now}`, `0${now}`, `${now}.0`, `0b${now.toString(2)}`]) {
      const r = await h.call({ ...probe, timestamp: ts });
      expect(r.status, ts).toBe(401);
      expect((await r.json()).error, ts).toBe('bad-timestamp');
    }
    expect((await h.call({ ...probe, timestamp: String(now) })).status).toBe(200);
  });

  it('answers an unknown terminal exactly as a bad signature, so terminal ids cannot be enumerated', async () => {
    const unknown = await h.call({ ...probe, terminalId: 'NOPE0001' });
    const badSig = await h.call({ ...probe, secret: 'z'.repeat(40) });
    h.store.db.prepare("UPDATE terminals SET disabled = 1 WHERE terminal_id = 'KSK0002'").run();
    const disabled = await h.call({ ...probe, terminalId: 'KSK0002', secret: 'y'.repeat(40) });
    const answers = await Promise.all([unknown, badSig, disabled].map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[2]).toEqual(answers[1]);
    expect(answers[0]!.status).toBe(401);
    expect(answers[0]!.body.error).toBe('bad-credentials');
  });

  it('does the same hashing and HMAC work for an unknown terminal as for a known one, so timing does not tell them apart', async () => {
    // Counted, not timed: a timed comparison fails on a loaded machine, and what matters is that no
    // step is skipped for an id that does not exist (the answer is the same, see above).
    const body = { method: 'POST', path: '/v1/attachments', rawBody: JSON.stringify({ pad: 'p'.repeat(2_000) }) };
    const work = async (terminalId: string) => {
      const req = await signedRequest('http://central.test', { ...body, terminalId, secret: 'q'.repeat(40) });
      const hmac = vi.spyOn(crypto, 'createHmac');
      const hash = vi.spyOn(crypto, 'createHash');
      try {
        const res = await h.app.fetch(req);
        return { status: res.status, hmacs: hmac.mock.calls.map(([alg, key]) => [alg, key instanceof crypto.KeyObject ? key.type : typeof key]), hashes: hash.mock.calls.length };
      } finally {
        hmac.mockRestore();
        hash.mockRestore();
      }
    };
    const known = await work('KSK0001');
    const unknown = await work('NOPE0001');
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(known.hmacs).toHaveLength(1);
    expect(known.hmacs[0]![0]).toBe('sha256');
    expect(unknown).toEqual(known);
  });
});
