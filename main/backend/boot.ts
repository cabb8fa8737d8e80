// Composes one kiosk backend: config → logger → store → central link → catalog → fetch handler.
// Used by the Electron shell and by the loopback host alike; needs Node, never Electron.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Store } from '../../offline-queue/store/store';
import { KeyFileError, type KeyProvider, type KeyWrapper } from '../../offline-queue/crypto/key-provider';
import { chooseKeyProvider } from '../../offline-queue/crypto/keystore-choice';
import { secretToolService, type SecretService } from '../../offline-queue/crypto/secret-service';
import { loadOrCreateTerminalSecret } from '../../offline-queue/crypto/terminal-secret';
import { loadTerminalSigningKey, type TerminalSigningKey } from '../../offline-queue/crypto/terminal-signing-key';
import { nodeSuite } from '../../offline-queue/crypto/node-suites';
import { SubmissionQueue } from '../../offline-queue/queue';
import type { RunningCentral } from '../../central/embedded';
import { DeviceManager } from '../../devices/manager';
import { openRunFile } from '../../devices/core/run-file';
import { createApp } from './app';
import { HelpDeskLink } from './help/help-desk-link';
import { CatalogService } from './catalog/catalog-service';
import { PRODUCTION_BUILD } from '../../common/build-flavour';
import { BUILD_ID } from '../../common/build-id';
import { formatConfigError, loadConfig } from './config/load';
import { productionConfigProblems } from './config/production';
import type { KioskConfig } from './config/schema';
import type { BackendContext } from './context';
import { EventBus } from './event-bus';
import { createLogger, fileSink, type Logger } from './log/logger';
import { MaintenanceServices } from './maintenance/services';
import type { AtRestKeyFacts } from './maintenance/at-rest-key';
import { HelperServices } from './helpers/services';
import { CitizenSession } from './citizen/citizen-session';
import { NetidIdentify } from './citizen/netid-identify';
import { centralNetidVerifier } from './citizen/netid-verifier';
import { FollowupService } from './followup/followup-service';
import { PINNED_KEYS, startFleetServices, type TrustedKeys } from './updates/fleet-services';
import type { UpdateInstaller } from './updates/update-installer';
import { SpeechService, speechSocketPath } from '../../devices/speech/speech-service';
import { faceCheckUnavailable } from './face-check-availability';

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
  /** A fixed at-rest key (tests and benchmarks); otherwise chosen by `chooseKeyProvider`. */
  keyProvider?: KeyProvider;
  /**
   * The Electron shell's OS keystore (safeStorage) for the at-rest key: a wrapper when usable,
   * null when the shell has none; left out by hosts without Electron, which try libsecret.
   */
  osKeystore?: KeyWrapper | null;
  /** The Secret Service (tests pass a double); default: libsecret's secret-tool. */
  secretService?: SecretService | null;
  /** How a verified release is installed (the host's choice); null or absent: releases are not fetched. */
  updateInstaller?: UpdateInstaller | null;
  /** Keys releases and remote configuration are checked against: the pinned ones unless a test gives its own. */
  trustedKeys?: TrustedKeys;
  /** Restarts the app when a remote configuration changed a field read only at start (default: logged, applies at the next start). */
  restartApp?: (reason: string) => void;
}

export class BootError extends Error {}

/** For the Electron shell, which may import only main/backend (not offline-queue). */
export type { KeyWrapper };

export interface Backend {
  ctx: BackendContext;
  fetch: (req: Request) => Response | Promise<Response>;
  central: RunningCentral | null;
  close(): Promise<void>;
}

export async function bootBackend(opts: BootOptions): Promise<Backend> {
  const started = Date.now();
  // Database, keys, logs and held receipts all live here: the kiosk's user only.
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(opts.dataDir, 0o700);
  const logger = opts.logger ?? createLogger({ sink: fileSink(path.join(opts.dataDir, 'logs')) });
  logger.log('kiosk.boot.start', { dataDir: opts.dataDir, configFile: opts.configFile });

  const loaded = loadConfig(opts.configFile, BUILD_ID ? { file: path.join(opts.dataDir, 'config.validated.json'), schemaId: BUILD_ID } : null);
  if (!loaded.ok) {
    const e = loaded.error;
    logger.log('config.invalid', e.kind === 'invalid' ? { path: e.path, problems: e.problems } : { path: e.path, message: e.message });
    throw new BootError(formatConfigError(e));
  }
  const { source, validatedBy, ...fileConfig } = loaded.value;
  const config: KioskConfig = { ...fileConfig, ...opts.configOverrides };
  logger.log('config.loaded', { source, validatedBy, terminalId: config.terminalId });
  if (PRODUCTION_BUILD) {
    // After the overrides: `--dev` on a production headless host is refused like the file's devTools.
    const problems = productionConfigProblems(config);
    if (problems.length) {
      logger.log('config.invalid', { path: source, problems });
      throw new BootError(formatConfigError({ kind: 'invalid', path: source, problems }));
    }
  }

  const dbFile = path.join(opts.dataDir, 'kiosk.db');
  const store = Store.open(dbFile);
  if (store.opened.quarantinedTo) logger.log('store.integrity-failed', { movedTo: store.opened.quarantinedTo });
  for (const m of store.opened.applied) logger.log('store.migrated', { version: m.version, name: m.name });
  logger.log('store.opened', { schemaVersion: store.opened.schemaVersion });

  let terminalSecret: string;
  let signingKey: TerminalSigningKey;
  let keys: KeyProvider;
  let atRestKey: AtRestKeyFacts;
  try {
    terminalSecret = loadOrCreateTerminalSecret(config.terminalSecretFile ?? path.join(opts.dataDir, 'keys', 'terminal.secret')).secret;
    if (opts.keyProvider) {
      keys = opts.keyProvider;
      atRestKey = { keystore: 'static', fallbackReason: null };
    } else {
      const keysDir = path.join(opts.dataDir, 'keys');
      const choice = chooseKeyProvider({
        keysDir,
        fileKey: config.queue.keyFile ?? path.join(keysDir, 'outbox.key'),
        electron: opts.osKeystore,
        secretService: opts.secretService === undefined ? secretToolService(keysDir) : opts.secretService,
        onMigrated: (from, to) => logger.log('crypto.key.migrated', { from, to }),
      });
      keys = choice.provider;
      atRestKey = { keystore: choice.kind, fallbackReason: choice.fallbackReason };
      if (choice.fallbackReason) logger.log('crypto.key.fallback', { reason: choice.fallbackReason });
      else logger.log('crypto.key.keystore', { keystore: choice.kind });
    }
    // The SM2 request-signing key pair exists whatever the suite, so its public key can be
    // registered at central before the terminal is switched to sm (see README, 密评).
    const keysDir = path.join(opts.dataDir, 'keys');
    const signingKeys = chooseKeyProvider({
      keysDir,
      name: 'terminal-sm2',
      fileKey: path.join(keysDir, 'terminal-sm2.key'),
      electron: opts.osKeystore,
      // A test's Secret Service double holds the outbox key only.
      secretService: opts.secretService === undefined ? secretToolService(keysDir, { item: 'terminal-sm2' }) : null,
    });
    signingKey = loadTerminalSigningKey(signingKeys.provider, path.join(keysDir, 'terminal.sm2.pub'));
    if (signingKey.created) logger.log('crypto.signing-key.created', { publicKeyFile: path.join(keysDir, 'terminal.sm2.pub'), keystore: signingKeys.kind });
    logger.log('crypto.suite.in-use', { suite: config.crypto.suite, ...nodeSuite(config.crypto.suite).algorithms });
  } catch (e) {
    store.close();
    if (e instanceof KeyFileError) throw new BootError(e.message);
    throw e;
  }

  let central: RunningCentral | null = null;
  let centralUrl = config.centralUrl;
  if (!centralUrl) {
    // Development and demo: the reference central runs in this process on loopback. Production
    // bundles fold this test and leave central/ (fault injection, admin, demo staff) out; their
    // config check has already refused a null centralUrl.
    if (typeof __KIOSK_PRODUCTION_BUILD__ === 'boolean' && __KIOSK_PRODUCTION_BUILD__) {
      throw new BootError('centralUrl: required in a production build');
    } else {
      const { startCentral } = await import('../../central/embedded');
      // This terminal is provisioned with its own secret, so sync works with no set-up.
      const { DEMO_STAFF } = await import('../../central/staff/demo-staff');
      fs.mkdirSync(path.join(opts.dataDir, 'central'), { recursive: true, mode: 0o700 });
      fs.chmodSync(path.join(opts.dataDir, 'central'), 0o700);
      central = await startCentral({
        dbFile: path.join(opts.dataDir, 'central', 'central.db'),
        terminals: [{ terminalId: config.terminalId, secret: terminalSecret, suite: config.crypto.suite, sm2PublicKey: signingKey.publicKeyHex }],
        // the terminal's suite is central's too: its helper proofs in HMAC-SM3 on an sm kiosk
        suite: config.crypto.suite,
        staff: DEMO_STAFF,
      });
      centralUrl = central.url;
      logger.log('central.started', { url: centralUrl, embedded: true });
    }
  }

  const bus = new EventBus();
  // Devices open in the background (simulators start in parallel); a missing one is reported
  // offline with its reason and never holds up boot.
  // before any device starts: a crashed previous run may still hold the ptys and queues
  const runFile = await openRunFile(opts.dataDir, logger);
  const devices = await DeviceManager.start({ devices: config.devices, dataDir: opts.dataDir, logger, emit: (e) => bus.emit(e) });
  const faceUnavailable = faceCheckUnavailable({ config, devices });
  if (faceUnavailable) logger.log('journey.face-check-unavailable', { reason: faceUnavailable });
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
      suite: config.crypto.suite,
      signingKey: signingKey.keyPair,
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
  const maintenance = new MaintenanceServices({ config, store, logger, bus, devices, dataDir: opts.dataDir, configFile: opts.configFile, atRestKey });
  const helpers = new HelperServices({ config, store, logger, bus, client: queue.client, tickets: queue.helperTickets });
  helpers.start();
  // Before any route: the session holds the card reads from the bus from now on.
  const citizen = new CitizenSession({ bus, pages: devices.pages, logger });
  // 网证 QRs at the code scanner become the held identity once central verified them.
  const netid = new NetidIdentify({ bus, verifier: centralNetidVerifier(queue.client), logger });
  const followup = new FollowupService({ queue, catalog, store, logger, devices });
  // A video call with the hall is the citizen's: it ends when their session does (leave, idle).
  const help = new HelpDeskLink(queue.client, logger);
  citizen.onEnd(() => void help.hangUp('session-ended'));
  followup.startReporting();
  const citizenQuietMs = (config.idle.warnAfterSec + config.idle.countdownSec) * 1000;
  const fleet = startFleetServices({
    config,
    configFile: opts.configFile,
    dataDir: opts.dataDir,
    version: opts.version,
    client: queue.client,
    logger,
    // A citizen on screen (a journey step not yet ended or gone quiet) or a card just read.
    citizenPresent: () => maintenance.usage.openSessions() > 0 || citizen.card.current(citizenQuietMs) !== null,
    installer: opts.updateInstaller ?? null,
    keys: opts.trustedKeys ?? PINNED_KEYS,
    restartApp: opts.restartApp ?? ((reason) => logger.log('config.remote.applied', { restartNeeded: reason })),
  });
  const speech = new SpeechService({ socketPath: speechSocketPath(config.speech.socketPath), logger });
  speech.start();

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
    citizen,
    followup,
    fleet,
    help,
    speech,
  };
  // The developer API (raw queue, simulator controls) is loaded only outside production bundles,
  // which fold this test and drop the modules; it is mounted only with config.devTools.
  const devRoutes = typeof __KIOSK_PRODUCTION_BUILD__ === 'boolean' && __KIOSK_PRODUCTION_BUILD__ ? null : (await import('./routes/dev-only')).devOnlyRoutes(ctx);
  const app = createApp(ctx, { rendererDir: opts.rendererDir, devRoutes });
  maintenance.startHeartbeat({ ...ctx, updates: fleet.updater ?? undefined, remoteConfig: fleet.remoteConfig ?? undefined });

  return {
    ctx,
    fetch: (req) => app.fetch(req),
    central,
    async close() {
      catalog.stop();
      await firstSync.catch(() => undefined);
      followup.stopReporting();
      netid.close();
      await fleet.close();
      speech.close();
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
