// The loopback transport as an attacker on the same machine would meet it: no secret → 401,
// a rebinding Host → 403, a foreign Origin → 403; the page itself carries a strict CSP.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openKioskPage } from './harness/browser';
import { startKiosk, type TestKiosk } from './harness/kiosk';

let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startKiosk({ config: { centralUrl: null } });
});
afterAll(async () => {
  await kiosk?.close();
});

/** A raw request, so the Host header can be anything (fetch would not allow that). */
function request(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: kiosk.port, path, method, headers: { Host: `127.0.0.1:${kiosk.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (method !== 'GET') req.end(JSON.stringify({ reason: 'finish' }));
    else req.end();
  });
}

const bearer = () => ({ Authorization: `Bearer ${kiosk.secret}` });

describe('loopback guard', () => {
  it('refuses the API and the page without the per-boot secret (401)', async () => {
    expect((await request('/api/system/info', {})).status).toBe(401);
    const page = await request('/', {});
    expect(page.status).toBe(401);
    expect(page.body).toContain('请使用终端启动时打印的链接打开');
  });

  it('refuses a wrong secret in the launch URL (401)', async () => {
    expect((await request('/?k=not-the-secret', {})).status).toBe(401);
  });

  it('answers with the secret', async () => {
    const r = await request('/api/system/info', bearer());
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).config.terminalId).toBe('E2E0001');
  });

  it('refuses a foreign Host even with the secret (DNS rebinding, 403)', async () => {
    expect((await request('/api/system/info', { ...bearer(), Host: `evil.example:${kiosk.port}` })).status).toBe(403);
  });

  it('refuses a foreign Origin even with the secret (403)', async () => {
    const r = await request('/api/system/session/end', { ...bearer(), Origin: 'http://evil.example', 'Content-Type': 'application/json' }, 'POST');
    expect(r.status).toBe(403);
    const same = await request('/api/system/session/end', { ...bearer(), Origin: kiosk.origin, 'Content-Type': 'application/json' }, 'POST');
    expect(same.status).toBe(200);
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const r = await request('/', bearer());
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(d);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    // The built page needs nothing the policy forbids: no inline script, no style attribute, and
    // one inline style (the boot screen's, common/boot-style.ts) that the policy admits by its hash.
    expect(csp).not.toContain('unsafe');
    expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(r.body).not.toMatch(/\sstyle=/);
    const styles = [...String(r.body).matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(csp).toContain(`'sha256-${createHash('sha256').update(styles[0]!, 'utf8').digest('base64')}'`);
  });
});

describe('launch URL in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('trades a one-time launch code for an HttpOnly, SameSite=Strict cookie and removes it from the address bar', async () => {
    const url = kiosk.url;
    expect(url).not.toContain(kiosk.secret);
    const k = await openKioskPage(browser, url);
    await k.page.getByTestId('attract-start').waitFor();
    expect(k.page.url()).toBe(`${kiosk.origin}/`);
    const [cookie] = await k.context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await k.page.evaluate(() => document.cookie)).toBe('');
    expect(k.problems).toEqual([]);
    await k.context.close();
    // The code is spent: another process that read Chromium's command line gets nothing.
    expect((await request(new URL(url).pathname + new URL(url).search, {})).status).toBe(401);
  });
});
