import { describe, expect, it } from 'vitest';
import { guardLoopback, SECRET_COOKIE } from './loopback-guard';

const secret = 'per-boot-secret-abc';
const port = 4321;
const guarded = guardLoopback(() => new Response('inner'), { secret, port: () => port });
const req = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  guarded(new Request(`http://127.0.0.1:${port}${url}`, { method, headers: { host: `127.0.0.1:${port}`, ...headers } }));

describe('loopback guard', () => {
  it('refuses a request without the per-boot secret', async () => {
    const r = await req('/api/system/info');
    expect(r.status).toBe(401);
  });

  it('trades the secret in the URL for an HttpOnly cookie and strips it from the address', async () => {
    const r = await req(`/?k=${secret}`);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    expect(r.headers.get('set-cookie')).toMatch(new RegExp(`^${SECRET_COOKIE}=${secret}; HttpOnly; SameSite=Strict`));
  });

  it('accepts the cookie or a bearer token', async () => {
    expect(await (await req('/x', { cookie: `${SECRET_COOKIE}=${secret}` })).text()).toBe('inner');
    expect(await (await req('/x', { authorization: `Bearer ${secret}` })).text()).toBe('inner');
  });

  it('rejects a wrong secret', async () => {
    expect((await req('/?k=guess')).status).toBe(401);
    expect((await req('/x', { cookie: `${SECRET_COOKIE}=guess` })).status).toBe(401);
  });

  it('rejects a foreign Host (DNS rebinding) even with the secret', async () => {
    const r = await req('/x', { host: `evil.example:${port}`, cookie: `${SECRET_COOKIE}=${secret}` });
    expect(r.status).toBe(403);
  });

  it('rejects a foreign Origin even with the secret', async () => {
    const r = await req('/x', { origin: 'https://evil.example', cookie: `${SECRET_COOKIE}=${secret}` }, 'POST');
    expect(r.status).toBe(403);
    const same = await req('/x', { origin: `http://127.0.0.1:${port}`, cookie: `${SECRET_COOKIE}=${secret}` }, 'POST');
    expect(same.status).toBe(200);
  });
});
