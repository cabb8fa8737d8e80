// Request signing as a prober meets it: timestamps only in strict decimal, and one answer for a
// terminal id that does not exist and a signature that is wrong.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it('does the HMAC work for an unknown terminal too (similar timing)', async () => {
    // Interleaved, so load from elsewhere on the machine falls on both alike.
    // A body near the limit makes the work that must not be skipped (reading, hashing, HMAC) dominate.
    const big = { method: 'POST', path: '/v1/attachments', rawBody: JSON.stringify({ pad: 'p'.repeat(200_000) }) };
    const spent = { known: 0, unknown: 0 };
    for (let i = 0; i < 120; i++)
      for (const [k, terminalId] of [
        ['known', 'KSK0001'],
        ['unknown', 'NOPE0001'],
      ] as const) {
        const req = await signedRequest('http://central.test', { ...big, terminalId, secret: 'q'.repeat(40) });
        const t0 = process.hrtime.bigint();
        await h.app.fetch(req);
        if (i >= 20) spent[k] += Number(process.hrtime.bigint() - t0);
      }
    const ratio = spent.unknown / spent.known;
    // Generous bounds: the point is that neither path skips the signature computation.
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});
