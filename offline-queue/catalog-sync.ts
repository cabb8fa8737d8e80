// Keeps the kiosk's cached service catalog current: revalidates against central with the
// cached ETag, stores a new version only after it validates, and otherwise keeps serving
// the cached copy (the kiosk must work offline after one successful sync).
import { catalogSchema, type Catalog } from '../common/catalog';
import type { Store } from './store/store';

export type CatalogSyncOutcome = { kind: 'updated'; version: string } | { kind: 'unchanged'; version: string } | { kind: 'unreachable'; message: string } | { kind: 'rejected'; message: string };

export interface CatalogSyncDeps {
  store: Store;
  centralUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  onChange?: (catalog: Catalog) => void;
}

export async function syncCatalog({ store, centralUrl, fetch: f = fetch, timeoutMs = 10_000, onChange }: CatalogSyncDeps): Promise<CatalogSyncOutcome> {
  const cached = store.getCatalog();
  let res: Response;
  try {
    res = await f(new URL('/v1/catalog', centralUrl), {
      headers: cached ? { 'If-None-Match': cached.etag } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return { kind: 'unreachable', message: (e as Error).message };
  }
  if (res.status === 304 && cached) {
    store.touchCatalog();
    return { kind: 'unchanged', version: cached.catalog.version };
  }
  if (!res.ok) return { kind: 'unreachable', message: `central answered HTTP ${res.status}` };
  let body: unknown;
  try {
    body = await res.json();
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
  const etag = res.headers.get('ETag') ?? `"${parsed.data.version}"`;
  store.putCatalog(parsed.data, etag);
  onChange?.(parsed.data);
  return { kind: 'updated', version: parsed.data.version };
}
