// The catalog as the backend serves it: the cached copy from the store plus its search index,
// refreshed from central on a timer.
import type { Catalog, Service, ServiceSummary } from '../../../common/catalog';
import { CatalogSearch } from '../../../common/catalog-search';
import { syncCatalog, type CatalogSyncOutcome } from '../../../offline-queue/catalog-sync';
import type { Store } from '../../../offline-queue/store/store';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log/logger';

export function summarise(s: Service): ServiceSummary {
  return {
    code: s.code,
    name: s.name,
    nameEn: s.nameEn,
    departmentId: s.departmentId,
    type: s.type,
    lifeEventIds: s.lifeEventIds,
    channels: s.channels,
    kioskFull: s.kioskFull,
  };
}

export class CatalogService {
  private current: { catalog: Catalog; fetchedAt: string; search: CatalogSearch } | null = null;
  private timer: NodeJS.Timeout | null = null;
  lastOutcome: CatalogSyncOutcome | null = null;

  constructor(private readonly deps: { store: Store; centralUrl: string; bus: EventBus; logger: Logger }) {
    const cached = deps.store.getCatalog();
    if (cached) this.current = { catalog: cached.catalog, fetchedAt: cached.fetchedAt, search: new CatalogSearch(cached.catalog) };
  }

  get catalog(): Catalog | null {
    return this.current?.catalog ?? null;
  }

  get fetchedAt(): string | null {
    return this.current?.fetchedAt ?? null;
  }

  service(code: string): Service | undefined {
    return this.current?.catalog.services.find((s) => s.code === code);
  }

  search(q: string): Service[] {
    return this.current?.search.search(q) ?? [];
  }

  async refresh(): Promise<CatalogSyncOutcome> {
    const { store, centralUrl, bus, logger } = this.deps;
    const outcome = await syncCatalog({
      store,
      centralUrl,
      onChange: (catalog) => {
        this.current = { catalog, fetchedAt: new Date().toISOString(), search: new CatalogSearch(catalog) };
      },
    });
    this.lastOutcome = outcome;
    switch (outcome.kind) {
      case 'updated':
        logger.log('catalog.sync.updated', { version: outcome.version });
        bus.emit({ type: 'catalog.updated', version: outcome.version });
        bus.emit({ type: 'catalog.sync', state: 'ok' });
        break;
      case 'unchanged':
        if (this.current) this.current.fetchedAt = new Date().toISOString();
        logger.log('catalog.sync.unchanged', { version: outcome.version });
        bus.emit({ type: 'catalog.sync', state: 'ok' });
        break;
      case 'unreachable':
        logger.log('catalog.sync.failed', { message: outcome.message, cachedVersion: this.catalog?.version ?? null });
        bus.emit({ type: 'catalog.sync', state: 'offline', message: outcome.message });
        break;
      case 'rejected':
        logger.log('catalog.sync.rejected', { message: outcome.message });
        bus.emit({ type: 'catalog.sync', state: 'rejected', message: outcome.message });
        break;
    }
    return outcome;
  }

  startPeriodicRefresh(everySec: number): void {
    this.stop();
    this.timer = setInterval(() => void this.refresh(), everySec * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
