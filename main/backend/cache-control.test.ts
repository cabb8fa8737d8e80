// No personal data in the browser's disk cache: every API answer of the kiosk backend is
// no-store, whatever its kind (JSON, error, SSE stream, image); the renderer's files stay cacheable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardLoopback } from './host/loopback-guard';
import { OneTimeCodes } from './host/one-time-codes';
import { CONTENT_SECURITY_POLICY } from './security-headers';
import { tempKiosk, type TempKiosk } from './test-support/temp-kiosk';

let k: TempKiosk;
beforeAll(async () => {
  k = await tempKiosk();
});
afterAll(async () => {
  await k?.close();
});

describe('kiosk API Cache-Control', () => {
  it('marks JSON, error, not-found and SSE answers no-store', async () => {
    const sse = await k.get('/api/events');
    const answers = {
      info: await k.get('/api/system/info'),
      catalog: await k.get('/api/catalog'),
      invalid: await k.get('/api/catalog/search?q=' + 'a'.repeat(200)),
      notFound: await k.get('/api/no/such/route'),
      technicianOnly: await k.get('/api/queue/status'),
      page: await k.get('/api/devices/pages/00000000-0000-4000-8000-000000000000'),
      sse,
    };
    await sse.body?.cancel();
    for (const [name, r] of Object.entries(answers)) expect(r.headers.get('cache-control'), `${name} (${r.status})`).toBe('no-store');
    expect(answers.invalid.status).toBe(400);
    expect(answers.notFound.status).toBe(404);
  });

  it('marks an uploaded page image no-store when it is served back', async () => {
    const { PNG } = await import('pngjs');
    const png = PNG.sync.write(new PNG({ width: 640, height: 480 }));
    const up = await k.get('/api/devices/camera/pages', { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(png) });
    expect(up.status).toBe(201);
    expect(up.headers.get('cache-control')).toBe('no-store');
    const { page } = await up.json();
    const img = await k.get(`/api/devices/pages/${page.id}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('cache-control')).toBe('no-store');
  });
});

describe('loopback guard refusals', () => {
  const port = 4321;
  const guarded = guardLoopback(() => new Response('inner'), { secret: 's'.repeat(32), codes: new OneTimeCodes(), port: () => port });
  const req = (headers: Record<string, string>) => guarded(new Request(`http://127.0.0.1:${port}/api/system/info`, { headers: { host: `127.0.0.1:${port}`, ...headers } }));

  it('answers 401 and 403 with the security headers and no-store', async () => {
    const answers = [await req({}), await req({ host: `evil.example:${port}` }), await req({ origin: 'https://evil.example' })];
    expect(answers.map((r) => r.status)).toEqual([401, 403, 403]);
    for (const r of answers) {
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
