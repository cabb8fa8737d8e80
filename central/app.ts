// The reference central case system's HTTP API, as a web-standard fetch handler.
// Its contract is documented in central/API.md (versioned under /v1).
import { Hono } from 'hono';
import type { CentralStore } from './store';

export interface CentralDeps {
  store: CentralStore;
}

export function createCentralApp({ store }: CentralDeps) {
  const app = new Hono();

  app.get('/v1/health', (c) => c.json({ ok: true, service: 'central', apiVersion: 1 }));

  // The published service catalog. Clients revalidate with If-None-Match; the body is the
  // catalog exactly as published, so the ETag is stable across restarts.
  app.get('/v1/catalog', (c) => {
    const latest = store.latestCatalog();
    if (!latest) return c.json({ error: 'no-catalog', message: '尚未发布事项清单' }, 404);
    c.header('ETag', latest.etag);
    c.header('Cache-Control', 'no-cache');
    const inm = c.req.header('If-None-Match');
    if (inm && inm.split(',').some((t) => t.trim() === latest.etag)) return c.body(null, 304);
    return c.body(latest.body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  return app;
}

export type CentralApp = ReturnType<typeof createCentralApp>;
