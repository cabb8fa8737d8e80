// Composes one kiosk backend: config → logger → store → central link → catalog → fetch handler.
// Used by the Electron shell and by the loopback host alike; needs Node, never Electron.
import crypto from 'node:crypto';
import path from 'node:path';
import { Store } from '../../offline-queue/store/store';
import { fileKeyProvider, KeyFileError, type KeyProvider } from '../../offline-queue/crypto/key-provider';
import { loadOrCreateTerminalSecret } from '../../offline-queue/crypto/terminal-secret';
import { SubmissionQueue } from '../../offline-queue/queue';
import type { RunningCentral } from '../../central/embedded';
import { DeviceManager } from '../../devices/manager';
import { openRunFile } from '../../devices/core/run-file';
import { createApp } from './app';
import { CatalogService } from './catalog/catalog-service';
import { formatConfigError, loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import type { BackendContext } from './context';
import { EventBus } from './event-bus';
import { createLogger, fileSink, type Logger } from './log/logger';
import { MaintenanceServices } from './maintenance/services';
import { HelperServices } from './helpers/services';

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
  /** Where the at-rest key comes from; the Electron shell passes one wrapped by safeStorage. */
  keyProvider?: KeyProvider;
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

  const dbFile = path.join(opts.dataDir, 'kiosk.db');
  const store = Store.open(dbFile);
  if (store.opened.quarantinedTo) logger.log('store.integrity-failed', { movedTo: store.opened.quarantinedTo });
  for (const m of store.opened.applied) logger.log('store.migrated', { version: m.version, name: m.name });
  logger.log('store.opened', { schemaVersion: store.opened.schemaVersion });

  let terminalSecret: string;
  let keys: KeyProvider;
  try {
    terminalSecret = loadOrCreateTerminalSecret(config.terminalSecretFile ?? path.join(opts.dataDir, 'keys', 'terminal.secret')).secret;
    keys = opts.keyProvider ?? fileKeyProvider(config.queue.keyFile ?? path.join(opts.dataDir, 'keys', 'outbox.key'));
  } catch (e) {
    store.close();
    if (e instanceof KeyFileError) throw new BootError(e.message);
    throw e;
  }

  let central: RunningCentral | null = null;
  let centralUrl = config.centralUrl;
  if (!centralUrl) {
    // Development and demo: the reference central runs in this process on loopback.
    const { startCentral } = await import('../../central/embedded');
    // This terminal is provisioned with its own secret, so sync works with no set-up.
    const { DEMO_STAFF } = await import('../../central/staff/demo-staff');
    central = await startCentral({ dbFile: path.join(opts.dataDir, 'central', 'central.db'), terminals: [{ terminalId: config.terminalId, secret: terminalSecret }], staff: DEMO_STAFF });
    centralUrl = central.url;
    logger.log('central.started', { url: centralUrl, embedded: true });
  }

  const bus = new EventBus();
  // Devices open in the background (simulators start in parallel); a missing one is reported
  // offline with its reason and never holds up boot.
  // before any device starts: a crashed previous run may still hold the ptys and queues
  const runFile = await openRunFile(opts.dataDir, logger);
  const devices = await DeviceManager.start({ devices: config.devices, dataDir: opts.dataDir, logger, emit: (e) => bus.emit(e) });
  const catalog = new CatalogService({ store, centralUrl, bus, logger });
  const firstSync = catalog.refresh();
  await Promise.race([firstSync, new Promise((r) => setTimeout(r, opts.firstSyncWaitMs ?? 3000).unref())]);
  catalog.startPeriodicRefresh(config.catalogRefreshSec);

  let queue: SubmissionQueue;
  try {
    queue = new SubmissionQueue({
      store,
      dbFile,
      keys,
      terminalId: config.terminalId,
      terminalSecret,
      centralUrl,
      retentionDays: config.queue.retentionDays,
      sync: { backoff: { baseMs: 1000, capMs: config.queue.maxBackoffSec * 1000 }, downstreamEveryMs: config.queue.statusPollSec * 1000 },
      log: (event, fields) => logger.log(event, fields),
      emit: (e) => bus.emit(e),
    });
  } catch (e) {
    catalog.stop();
    await devices.close();
    store.close();
    await central?.close();
    if (e instanceof KeyFileError) throw new BootError(e.message);
    throw e;
  }
  queue.start();
  const maintenance = new MaintenanceServices({ config, store, logger, bus, devices, dataDir: opts.dataDir, configFile: opts.configFile });
  const helpers = new HelperServices({ config, store, logger, bus, client: queue.client });
  helpers.start();

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
    queue,
    devices,
    maintenance,
    helpers,
  };
  const app = createApp(ctx, { rendererDir: opts.rendererDir });
  maintenance.startHeartbeat(ctx);

  return {
    ctx,
    fetch: (req) => app.fetch(req),
    central,
    async close() {
      catalog.stop();
      await firstSync.catch(() => undefined);
      await maintenance.close();
      await helpers.close();
      await queue.close();
      await devices.close();
      runFile.close();
      store.close();
      await central?.close();
      logger.log('kiosk.shutdown');
    },
  };
}
