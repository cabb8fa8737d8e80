import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './security-headers';
import { tempKiosk, type TempKiosk } from './test-support/temp-kiosk';

const open: TempKiosk[] = [];
async function kiosk(...args: Parameters<typeof tempKiosk>) {
  const k = await tempKiosk(...args);
  open.push(k);
  return k;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

describe('backend API over the real store and embedded central', () => {
  it('serves the synced catalog with departments, life events and services', async () => {
    const k = await kiosk();
    const body = await (await k.get('/api/catalog')).json();
    expect(body.version).toBeTruthy();
    expect(body.services.length).toBeGreaterThanOrEqual(15);
    expect(body.departments.length).toBeGreaterThanOrEqual(5);
    expect(body.services[0]).not.toHaveProperty('materials'); // the list is a summary, the guide is separate
  });

  it('finds 社保卡 by pinyin initials "sbk" and by Chinese text', async () => {
    const k = await kiosk();
    for (const q of ['sbk', 'SBK', '社保卡']) {
      const body = await (await k.get(`/api/catalog/search?q=${encodeURIComponent(q)}`)).json();
      expect(body.results.length, q).toBeGreaterThan(0);
      expect(body.results[0].name, q).toMatch(/社会保障卡|社保卡/);
    }
    const none = await (await k.get('/api/catalog/search?q=zzzzqx')).json();
    expect(none.results).toEqual([]);
  });

  it('returns a full guide with department and life events', async () => {
    const k = await kiosk();
    const list = await (await k.get('/api/catalog')).json();
    const code = list.services[0].code;
    const guide = await (await k.get(`/api/catalog/services/${code}`)).json();
    expect(guide.service.code).toBe(code);
    expect(guide.service.materials.length).toBeGreaterThan(0);
    expect(guide.service.legalBasis.length).toBeGreaterThan(0);
    expect(guide.department.name).toBeTruthy();
    expect((await k.get('/api/catalog/services/NOPE-0000000')).status).toBe(404);
  });

  it('rejects malformed requests with a reason', async () => {
    const k = await kiosk();
    const long = await k.get(`/api/catalog/search?q=${'a'.repeat(200)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).issues[0].path).toBe('q');
    const badCode = await k.get('/api/catalog/services/..%2F..%2Fetc');
    expect(badCode.status).toBe(400);
    const badBody = await k.get('/api/system/session/end', { method: 'POST', body: '{"reason":"nap"}', headers: { 'content-type': 'application/json' } });
    expect(badBody.status).toBe(400);
  });

  it('keeps serving the guide offline after one sync', async () => {
    const first = await kiosk();
    const code = (await (await first.get('/api/catalog/search?q=sbk')).json()).results[0].code;
    const dataDir = first.dataDir;
    await first.close();
    open.pop();
    // Same data dir, central now unreachable.
    const offline = await kiosk({ dataDir, config: { centralUrl: 'http://127.0.0.1:9/' } });
    const info = await (await offline.get('/api/system/info')).json();
    expect(info.catalog.lastSync).toBe('unreachable');
    expect(info.catalog.version).toBeTruthy();
    const guide = await offline.get(`/api/catalog/services/${code}`);
    expect(guide.status).toBe(200);
    expect(offline.logLines.some((l) => l.includes('"catalog.sync.failed"'))).toBe(true);
  });

  it('says plainly when there has never been a catalog', async () => {
    const k = await kiosk({ config: { centralUrl: 'http://127.0.0.1:9/' } });
    const r = await k.get('/api/catalog');
    expect(r.status).toBe(503);
    // a code the renderer words (i18n/refusals.ts: 事项清单尚未同步…), no sentence from the backend
    expect(await r.json()).toEqual({ error: 'catalog-unavailable', area: 'catalog' });
  });

  it('revalidates with the ETag and gets 304 when nothing changed', async () => {
    const k = await kiosk();
    const refreshed = await (await k.get('/api/catalog/refresh', { method: 'POST' })).json();
    expect(refreshed.outcome.kind).toBe('unchanged');
  });

  it('puts the strict CSP on every response', async () => {
    const k = await kiosk();
    for (const p of ['/api/system/info', '/api/catalog', '/nope']) {
      expect((await k.get(p)).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('streams events over SSE, starting with hello', async () => {
    const k = await kiosk();
    const res = await k.get('/api/events');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    const text = new TextDecoder().decode(value);
    expect(text).toContain('event: hello');
    expect(text).toContain(k.ctx.bootId);
    await reader.cancel();
  });

  it('refuses to start on a bad config, naming the field', async () => {
    await expect(tempKiosk({ config: { terminalId: 'x' } })).rejects.toThrow(/terminalId/);
  });
});

describe('printing the guide on A4', () => {
  // Its own CUPS queue: stopping it must not disturb other tests printing at the same time.
  const config = { devTools: true, devices: [{ kind: 'a4-printer' as const, mode: 'simulator' as const, queue: 'kiosk-a4-guide' }] };
  const post = (k: TempKiosk, p: string, body?: unknown) => k.get(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('prints the guide, and tells the citizen to ask at the counter when the printer has stopped', async () => {
    const k = await kiosk({ config });
    const code = (await (await k.get('/api/catalog')).json()).services[0].code;
    // The simulated queue comes up just after boot, as a real printer may.
    await expect.poll(async () => (await (await k.get('/api/devices')).json()).devices.find((d: { device: string }) => d.device === 'a4-printer')?.health, { timeout: 15_000 }).toBe('ok');
    const printed = await post(k, `/api/catalog/services/${code}/print`);
    expect(printed.status).toBe(200);
    expect((await printed.json()).ok).toBe(true);

    expect((await post(k, '/api/dev/sim/actions', { device: 'a4-printer', action: 'stop', reason: '卡纸 paper jam' })).status).toBe(200);
    const refused = await post(k, `/api/catalog/services/${code}/print`);
    expect(refused.status).toBe(409);
    // the printer's reason for the screen's 请到窗口索取纸质指南 (i18n/refusals.ts); CUPS detail only in the log
    expect(await refused.json()).toEqual({ ok: false, error: 'printer', area: 'catalog', reason: expect.any(String) });
    expect(k.logLines.some((l) => l.includes('"event":"a4.failed"'))).toBe(true);
    await post(k, '/api/dev/sim/actions', { device: 'a4-printer', action: 'resume' });

    expect((await post(k, '/api/catalog/services/NOPE-0000000/print')).status).toBe(404);
  }, 60_000);
});
