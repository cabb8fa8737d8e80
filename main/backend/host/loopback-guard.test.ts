import { describe, expect, it } from 'vitest';
import { guardLoopback, SECRET_COOKIE } from './loopback-guard';
import { OneTimeCodes } from './one-time-codes';

const secret = 'per-boot-secret-abc';
const port = 4321;
let clock = 1_000_000;
const codes = new OneTimeCodes(60_000, () => clock);
const guarded = guardLoopback(() => new Response('inner'), { secret, codes, port: () => port });
const req = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  guarded(new Request(`http://127.0.0.1:${port}${url}`, { method, headers: { host: `127.0.0.1:${port}`, ...headers } }));

describe('loopback guard', () => {
  it('refuses a request without the per-boot secret', async () => {
    const r = await req('/api/system/info');
    expect(r.status).toBe(401);
  });

  it('trades a one-time launch code for the secret in an HttpOnly cookie and strips it from the address', async () => {
    const r = await req(`/?k=${codes.issue()}`);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    expect(r.headers.get('set-cookie')).toMatch(new RegExp(`^${SECRET_COOKIE}=${secret}; HttpOnly; SameSite=Strict`));
  });

  it('takes a launch code once only: a second use (another process that read the command line) gets 401', async () => {
    const code = codes.issue();
    expect((await req(`/?k=${code}`)).status).toBe(303);
    const again = await req(`/?k=${code}`);
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a launch code after 60 s', async () => {
    const code = codes.issue();
    clock += 60_001;
    expect((await req(`/?k=${code}`)).status).toBe(401);
  });

  it('never accepts the secret itself in a URL', async () => {
    const r = await req(`/?k=${secret}`);
    expect(r.status).toBe(401);
    expect(r.headers.get('set-cookie')).toBeNull();
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
