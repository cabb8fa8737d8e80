// Keeps the kiosk's cached service catalog current: revalidates against central with the
// cached ETag, stores a new version only after it validates, and otherwise keeps serving
// the cached copy (the kiosk must work offline after one successful sync). It goes over the sync
// engine's transport (node:http on the keep-alive sockets, sync/transport.ts), not global fetch.
import { catalogSchema, type Catalog } from '../common/catalog';
import type { Store } from './store/store';
import { transportFor, type IncomingAnswer } from './sync/transport';

export type CatalogSyncOutcome = { kind: 'updated'; version: string } | { kind: 'unchanged'; version: string } | { kind: 'unreachable'; message: string } | { kind: 'rejected'; message: string };

export interface CatalogSyncDeps {
  store: Store;
  centralUrl: string;
  /** instead of the kiosk's transport (tests) */
  fetch?: typeof fetch;
  timeoutMs?: number;
  onChange?: (catalog: Catalog) => void;
}

export async function syncCatalog({ store, centralUrl, fetch: f, timeoutMs = 10_000, onChange }: CatalogSyncDeps): Promise<CatalogSyncOutcome> {
  const cached = store.getCatalog();
  let res: IncomingAnswer;
  try {
    res = await transportFor(f)({
      url: new URL('/v1/catalog', centralUrl),
      method: 'GET',
      headers: cached ? { 'if-none-match': cached.etag } : {},
      body: null,
      timeoutMs,
    });
  } catch (e) {
    return { kind: 'unreachable', message: (e as Error).message };
  }
  if (res.status === 304 && cached) {
    store.touchCatalog();
    return { kind: 'unchanged', version: cached.catalog.version };
  }
  if (res.status < 200 || res.status > 299) return { kind: 'unreachable', message: `central answered HTTP ${res.status}` };
  let body: unknown;
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch (e) {
    return { kind: 'rejected', message: `not JSON: ${(e as Error).message}` };
  }
  const parsed = catalogSchema.safeParse(body);
  if (!parsed.success) {
    return {
      kind: 'rejected',
      message: parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; '),
    };
  }
  const etag = res.headers.get('etag') ?? `"${parsed.data.version}"`;
  store.putCatalog(parsed.data, etag);
  onChange?.(parsed.data);
  return { kind: 'updated', version: parsed.data.version };
}
