import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { syncCatalog } from './catalog-sync';
import { Store } from './store/store';

const stores: Store[] = [];
function store() {
  const s = Store.open(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'catsync-')), 'kiosk.db'));
  stores.push(s);
  return s;
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) => (async () => new Response(body == null ? null : JSON.stringify(body), { status, headers })) as typeof fetch;

describe('catalog sync', () => {
  it('caches a valid catalog with its ETag and sends it back next time', async () => {
    const s = store();
    const r = await syncCatalog({ store: s, centralUrl: 'http://central.test', fetch: respond(200, sampleCatalog, { ETag: '"v1"' }) });
    expect(r).toEqual({ kind: 'updated', version: sampleCatalog.version });
    let sent: string | null = null;
    const r2 = await syncCatalog({
      store: s,
      centralUrl: 'http://central.test',
      fetch: (async (_u: unknown, init?: RequestInit) => {
        sent = new Headers(init?.headers).get('If-None-Match');
        return new Response(null, { status: 304 });
      }) as typeof fetch,
    });
    expect(sent).toBe('"v1"');
    expect(r2.kind).toBe('unchanged');
  });

  it('keeps the cached catalog when central sends an invalid one', async () => {
    const s = store();
    await syncCatalog({ store: s, centralUrl: 'http://central.test', fetch: respond(200, sampleCatalog, { ETag: '"v1"' }) });
    const broken = { ...sampleCatalog, version: '2099.1', services: [{ ...sampleCatalog.services[0], materials: [] }] };
    const r = await syncCatalog({ store: s, centralUrl: 'http://central.test', fetch: respond(200, broken) });
    expect(r.kind).toBe('rejected');
    expect(s.getCatalog()?.catalog.version).toBe(sampleCatalog.version);
  });

  it('reports an unreachable central without touching the cache', async () => {
    const s = store();
    const r = await syncCatalog({
      store: s,
      centralUrl: 'http://central.test',
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    expect(r.kind).toBe('unreachable');
    expect(s.getCatalog()).toBeNull();
  });

  it('revalidates over the kiosk’s own HTTP transport (no fetch): the ETag goes out, a 304 keeps the cache, a central that never answers is unreachable after the timeout', async () => {
    const seen: (string | undefined)[] = [];
    let hang = false;
    const server = http.createServer((req, res) => {
      if (hang) return; // never answers
      seen.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(JSON.stringify(sampleCatalog));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const s = store();
      expect(await syncCatalog({ store: s, centralUrl: url })).toEqual({ kind: 'updated', version: sampleCatalog.version });
      expect(await syncCatalog({ store: s, centralUrl: url })).toEqual({ kind: 'unchanged', version: sampleCatalog.version });
      expect(seen).toEqual([undefined, '"v1"']);
      hang = true;
      expect(await syncCatalog({ store: s, centralUrl: url, timeoutMs: 300 })).toMatchObject({ kind: 'unreachable' });
      expect(s.getCatalog()?.catalog.version).toBe(sampleCatalog.version);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
