// Composes one kiosk backend: config → logger → store → central link → catalog → fetch handler.
// Used by the Electron shell and by the loopback host alike; needs Node, never Electron.
import crypto from 'node:crypto';
import path from 'node:path';
import { Store } from '../../offline-queue/store/store';
import type { RunningCentral } from '../../central/embedded';
import { createApp } from './app';
import { CatalogService } from './catalog/catalog-service';
import { formatConfigError, loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import type { BackendContext } from './context';
import { EventBus } from './event-bus';
import { createLogger, fileSink, type Logger } from './log/logger';

export interface BootOptions {
  dataDir: string;
  configFile: string | null;
  /** Built renderer files (index.html + assets); null serves the API only. */
  rendererDir: string | null;
  version: string;
  logger?: Logger;
  /** Overrides fields of the loaded config (tests, the launcher's --dev flag). */
  configOverrides?: Partial<KioskConfig>;
  /** How long the first catalog sync may hold up start-up before serving the cached copy. */
  firstSyncWaitMs?: number;
}

export class BootError extends Error {}

export interface Backend {
  ctx: BackendContext;
  fetch: (req: Request) => Response | Promise<Response>;
  central: RunningCentral | null;
  close(): Promise<void>;
}

export async function bootBackend(opts: BootOptions): Promise<Backend> {
  const started = Date.now();
  const logger = opts.logger ?? createLogger({ sink: fileSink(path.join(opts.dataDir, 'logs')) });
  logger.log('kiosk.boot.start', { dataDir: opts.dataDir, configFile: opts.configFile });

  const loaded = loadConfig(opts.configFile);
  if (!loaded.ok) {
    const e = loaded.error;
    logger.log('config.invalid', e.kind === 'invalid' ? { path: e.path, problems: e.problems } : { path: e.path, message: e.message });
    throw new BootError(formatConfigError(e));
  }
  const { source, ...fileConfig } = loaded.value;
  const config: KioskConfig = { ...fileConfig, ...opts.configOverrides };
  logger.log('config.loaded', { source, terminalId: config.terminalId });

  const store = Store.open(path.join(opts.dataDir, 'kiosk.db'));
  if (store.opened.quarantinedTo) logger.log('store.integrity-failed', { movedTo: store.opened.quarantinedTo });
  for (const m of store.opened.applied) logger.log('store.migrated', { version: m.version, name: m.name });
  logger.log('store.opened', { schemaVersion: store.opened.schemaVersion });

  let central: RunningCentral | null = null;
  let centralUrl = config.centralUrl;
  if (!centralUrl) {
    // Development and demo: the reference central runs in this process on loopback.
    const { startCentral } = await import('../../central/embedded');
    central = await startCentral({ dbFile: path.join(opts.dataDir, 'central', 'central.db') });
    centralUrl = central.url;
    logger.log('central.started', { url: centralUrl, embedded: true });
  }

  const bus = new EventBus();
  const catalog = new CatalogService({ store, centralUrl, bus, logger });
  const firstSync = catalog.refresh();
  await Promise.race([firstSync, new Promise((r) => setTimeout(r, opts.firstSyncWaitMs ?? 3000).unref())]);
  catalog.startPeriodicRefresh(config.catalogRefreshSec);

  const ctx: BackendContext = {
    bootId: crypto.randomUUID(),
    startedAt: new Date(started),
    version: opts.version,
    config,
    logger,
    bus,
    store,
    catalog,
    centralUrl,
  };
  const app = createApp(ctx, { rendererDir: opts.rendererDir });

  return {
    ctx,
    fetch: (req) => app.fetch(req),
    central,
    async close() {
      catalog.stop();
      await firstSync.catch(() => undefined);
      store.close();
      await central?.close();
      logger.log('kiosk.shutdown');
    },
  };
}
