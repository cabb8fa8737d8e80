import { describe, expect, it } from 'vitest';
import { call, send } from './call';

const json = (body: unknown, status: number) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

describe('call', () => {
  it('gives the parsed body of a success as the value', async () => {
    expect(await call(json({ fields: [] }, 200))).toEqual({ ok: true, value: { fields: [] } });
  });

  it("gives a refusal with the backend's own error, message and body", async () => {
    const body = { ok: false, error: 'wrong-pin', message: 'PIN 错误 / wrong PIN', attemptsLeft: 2 };
    expect(await call(json(body, 401))).toEqual({ ok: false, error: { status: 401, error: 'wrong-pin', message: 'PIN 错误 / wrong PIN', body } });
  });

  it('words a refusal the backend sends as a code with parameters, from the string table', async () => {
    const body = { error: 'not-at-kiosk', area: 'journey', note: '需现场核验原件' };
    expect(await call(json(body, 409))).toEqual({
      ok: false,
      error: { status: 409, error: 'not-at-kiosk', message: '该事项不能在自助机全程办理：需现场核验原件 / this service cannot be completed at the kiosk', body },
    });
  });

  it('words a code only in the area the answer names (an answer without an area keeps the generic words)', async () => {
    const body = { error: 'no-card' };
    expect(await call(json(body, 409))).toEqual({ ok: false, error: { status: 409, error: 'no-card', message: 'HTTP 409', body } });
  });

  it('still gives an error and a message for an answer without them (a proxy page, an empty 502)', async () => {
    const r = await call(Promise.resolve(new Response('<html>bad gateway</html>', { status: 502 })));
    expect(r).toEqual({ ok: false, error: { status: 502, error: 'http-502', message: 'HTTP 502', body: null } });
  });
});

describe('send', () => {
  it('never rejects, so a wipe that fails cannot break the screen', async () => {
    await expect(send(Promise.reject(new TypeError('Failed to fetch')))).resolves.toBeUndefined();
  });
});
