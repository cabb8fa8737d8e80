// The Electron shell: one locked-down, full-screen kiosk window, with the backend hosted in
// this process and served on the privileged kiosk:// scheme. Everything else (devices,
// storage, sync, rules) lives in the backend; this file only wires Electron to it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { app, BrowserWindow, Menu, protocol, safeStorage, session, type Session, type WebContents } from 'electron';
import { PRODUCTION_BUILD } from '../../common/build-flavour';
import { BootError, bootBackend, type Backend, type KeyWrapper } from '../backend/boot';
import { createLogger, fileSink, type Logger } from '../backend/log/logger';
import { stopOnSignals } from '../backend/host/stop-signals';
import { defaultPaths } from '../backend/paths';
import { kioskMetrics } from '../backend/health/kiosk-metrics';
import { serveMetrics, type MetricsServer } from '../backend/host/metrics-server';
import { outOfServiceResponse, type OutOfServiceInfo } from './out-of-service';
import {
  APP_SCHEME,
  ATTRACT_URL,
  HANG_GRACE_MS,
  OUT_OF_SERVICE_URL,
  isAllowedDevicePermission,
  isAllowedDownload,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isAllowedPermission,
  isBlockedShortcut,
  isOutOfServiceRequest,
  noDeviceChoice,
  type DeviceChooserEvent,
} from './policy';
import { decideRestart, type RestartDecision } from './restart-governor';
import { readStartHistory, writeStartHistory } from './start-history';
import { UpdateProbation } from './update-probation';
import electronUpdater from 'electron-updater';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }]);

// The production bundle locks the window down even when run from an unpacked folder.
const production = PRODUCTION_BUILD || app.isPackaged;
const paths = defaultPaths();
const logger: Logger = createLogger({ sink: fileSink(paths.logDir) });
let backend: Backend | null = null;
/** this terminal's own Prometheus figures on 127.0.0.1 (`--metrics-port N` / KIOSK_METRICS_PORT), as the headless host serves them */
let metrics: MetricsServer | null = null;
let win: BrowserWindow | null = null;
/** set once the system asks the app to end (systemd stop, shutdown): a closing window is then not re-created */
let quitting = false;
/** what the window shows: the app, or the shell's own page in one of its states */
let display: 'app' | OutOfServiceInfo['state'] = 'starting';
/** pending retries: of the backend's start (process restarts) and of the window (crashes, closes) */
const retryTimers: Record<'boot' | 'window', NodeJS.Timeout | null> = { boot: null, window: null };
/** window failures (renderer crash or hang, window closed) of this process, for the backoff */
let windowFailures: number[] = [];
/** set when the process ends into an update or a rollback: its own exit code, not app.quit's */
let endingForUpdate = false;
/**
 * Updates: electron-updater handed to the backend's updater (in-process: the backend is hosted
 * here), and the probation of a freshly installed version. An unpackaged app (development) does
 * not update itself.
 */
const updates = new UpdateProbation({
  dataDir: paths.dataDir,
  version: app.getVersion(),
  platform: process.platform,
  env: process.env,
  autoUpdater: app.isPackaged ? electronUpdater.autoUpdater : null,
  logger,
  exit: exitForUpdate,
  relaunch: (execPath) => app.relaunch({ execPath, args: process.argv.slice(1) }),
  runInstaller: (file, args) => spawn(file, args, { detached: true, stdio: 'ignore' }).unref(),
});

// A crash of the main process is logged and ends the process; the service unit in
// build/linux restarts it (Restart=always), which is simpler and safer than limping on. Those
// restarts are counted in a start history (start-history.ts) and back off like window failures.
process.on('uncaughtException', (e) => {
  logger.log('kiosk.boot.failed', { phase: 'uncaught', message: e.message });
  exit(1);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    win?.show();
    win?.focus();
  });
  app.on('web-contents-created', (_e, contents) => harden(contents));
  app.whenReady().then(start, (e: Error) => {
    logger.log('kiosk.boot.failed', { message: e.message });
    exit(1);
  });
  // A closed window is re-created (createWindow), so the last window closing never ends the app.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (e?: { preventDefault(): void }) => {
    // electron-updater quits after installing; the shell ends on its own terms (exitForUpdate).
    if (endingForUpdate) return void e?.preventDefault();
    quitting = true;
    void metrics?.close();
    void backend?.close();
  });
  // SIGTERM (service manager, start.mjs), SIGINT, SIGHUP or start.mjs gone: the same clean
  // shutdown as quitting; a second signal ends at once (helpers die with us regardless)
  stopOnSignals(async () => {
    quitting = true;
    await metrics?.close();
    const b = backend;
    backend = null;
    await b?.close();
  });
}

/** Ends the process at once; the windows it closes on the way out are not re-created. */
function exit(code: number): void {
  quitting = true;
  app.exit(code);
}

/** Ends into an update or a rollback: the backend closed first, then the code a supervisor acts on. */
function exitForUpdate(code: number): void {
  if (endingForUpdate) return;
  endingForUpdate = true;
  quitting = true;
  updates.close();
  void metrics?.close();
  // A deliberate restart is not a failure: the next start must not back off for it.
  const starts = startHistoryFile();
  writeStartHistory(starts, readStartHistory(starts).slice(0, -1));
  const b = backend;
  backend = null;
  void Promise.resolve(b?.close())
    .catch(() => undefined)
    .finally(() => app.exit(code));
}

function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    logger.log('renderer.navigation-blocked', { url, kind: 'new-window' });
    return { action: 'deny' };
  });
  const guard = (e: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url)) {
      e.preventDefault();
      logger.log('renderer.navigation-blocked', { url });
    }
  };
  contents.on('will-navigate', (e) => guard(e, e.url));
  contents.on('will-redirect', (e) => guard(e, e.url));
  // will-navigate covers the main frame only; an iframe must not load the outside world either.
  contents.on('will-frame-navigate', (e) => {
    if (!isAllowedFrameNavigation(e.url, e.isMainFrame)) {
      e.preventDefault();
      logger.log('renderer.navigation-blocked', { url: e.url, kind: 'frame' });
    }
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('select-bluetooth-device', (e, _devices, callback) => denyDeviceChooser('select-bluetooth-device', e, callback));
  contents.on('before-input-event', (e, input) => {
    if (isBlockedShortcut(input, production)) e.preventDefault();
  });
}

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  // The shell serves its own out-of-service page, so the window never needs the backend to show
  // something: every page is that notice until the backend serves.
  protocol.handle(APP_SCHEME, (req) => {
    const state = display === 'app' ? 'out-of-service' : display;
    if (isOutOfServiceRequest(req.url)) return outOfServiceResponse({ state });
    return backend ? backend.fetch(req) : outOfServiceResponse({ state }, 503);
  });
  hardenSession(session.defaultSession);
  showPage();

  // A new version on its first starts is on probation; one that crash-looped is rolled back now.
  if (updates.begin() === 'rolling-back') return;
  const starts = startHistoryFile();
  const { decision, history } = decideRestart(readStartHistory(starts), Date.now());
  writeStartHistory(starts, history);
  if (decision.failures > 1) schedule('boot', decision, 'restarted');
  else await bootAndServe();
}

function startHistoryFile(): string {
  return path.join(paths.dataDir, 'shell-starts.json');
}

async function bootAndServe(): Promise<void> {
  try {
    backend = await bootBackend({
      dataDir: paths.dataDir,
      configFile: paths.configFile,
      rendererDir: path.join(app.getAppPath(), 'dist', 'renderer'),
      version: app.getVersion(),
      logger,
      osKeystore: osKeystore(),
      updateInstaller: updates.installer,
      restartApp: (reason) => {
        logger.log('config.remote.applied', { restartNeeded: reason });
        updates.restartApp();
      },
    });
  } catch (e) {
    logger.log('kiosk.boot.failed', { message: (e as Error).message });
    if (updates.bootFailed((e as Error).message)) return;
    if (e instanceof BootError) process.stderr.write(e.message + '\n');
    // 78: a config error waits for a technician (the unit does not restart it); anything else is
    // restarted by the unit and counted in the start history.
    exit(e instanceof BootError ? 78 : 1);
    return;
  }
  display = 'app';
  showPage();
  logger.log('kiosk.boot.ready', { transport: `${APP_SCHEME}://`, ms: Math.round(process.uptime() * 1000) });
  await serveOwnMetrics(backend);
  if (updates.onProbation) await updates.backendReady(backend, `${APP_SCHEME}://app`);
}

/** `--metrics-port N` or KIOSK_METRICS_PORT: a port that cannot be opened is logged, never fatal. */
async function serveOwnMetrics(b: Backend): Promise<void> {
  const at = process.argv.indexOf('--metrics-port');
  const raw = at >= 0 ? process.argv[at + 1] : process.env.KIOSK_METRICS_PORT;
  if (raw === undefined || metrics) return;
  const port = Number(raw);
  try {
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`not a port: ${raw}`);
    metrics = await serveMetrics(kioskMetrics(b.ctx, paths.dataDir), port);
  } catch (e) {
    logger.log('shell.metrics-unavailable', { message: (e as Error).message });
  }
}

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const allowed = isAllowedPermission({ permission, requestingOrigin: details.requestingUrl ?? '', mediaTypes });
    if (!allowed) logger.log('renderer.permission-denied', { permission });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => isAllowedPermission({ permission, requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : undefined }));
  ses.setDevicePermissionHandler((details) => {
    const allowed = isAllowedDevicePermission({ deviceType: details.deviceType, origin: details.origin });
    if (!allowed) logger.log('renderer.permission-denied', { permission: details.deviceType });
    return allowed;
  });
  ses.on('will-download', (e, item) => {
    if (isAllowedDownload(item.getURL())) return;
    e.preventDefault();
    item.cancel();
    logger.log('shell.download-blocked', { mimeType: item.getMimeType() });
  });
  ses.on('select-hid-device', (e, _details, callback) => denyDeviceChooser('select-hid-device', e, callback));
  ses.on('select-serial-port', (e, _ports, _wc, callback) => denyDeviceChooser('select-serial-port', e, callback));
  ses.on('select-usb-device', (e, _details, callback) => denyDeviceChooser('select-usb-device', e, callback));
}

/** Answers a device chooser with no device. */
function denyDeviceChooser(name: DeviceChooserEvent, e: { preventDefault(): void }, callback: (...choice: string[]) => void): void {
  // preventDefault: the shell answers; without it Electron would pick the first device itself.
  e.preventDefault();
  logger.log('renderer.permission-denied', { permission: name });
  const none = noDeviceChoice(name);
  if (none === undefined) callback();
  else callback(none);
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    kiosk: production,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#f4f7fb',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      devTools: !production,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  w.once('ready-to-show', () => w.show());
  // The app's page loaded (not the shell's own): part of a new version's health check.
  w.webContents.on('did-finish-load', () => {
    if (display === 'app') updates.appLoaded();
  });
  watchRenderer(w);
  // Closing the window (window manager, a stray shortcut) must not leave the desktop: a new one
  // takes its place, and repeated closes back off like crashes.
  w.on('closed', () => {
    if (win === w) win = null;
    if (quitting) return;
    logger.log('shell.window-closed', {});
    windowFailed('closed');
  });
  return w;
}

/** Shows what the window should show now, re-creating the window if it is gone. */
function showPage(): void {
  if (!win || win.isDestroyed()) win = createWindow();
  void win.loadURL(display === 'app' ? ATTRACT_URL : OUT_OF_SERVICE_URL).catch(() => undefined);
}

/** A window failure: reload now, after a backoff, or rest on the out-of-service page. */
function windowFailed(reason: string): void {
  const { decision, history } = decideRestart(windowFailures, Date.now());
  windowFailures = history;
  schedule('window', decision, reason);
}

/** Carries out a restart decision: the retry starts the backend ('boot') or reloads the app ('window'). */
function schedule(what: 'boot' | 'window', decision: RestartDecision, reason: string): void {
  const pending = retryTimers[what];
  if (pending) clearTimeout(pending);
  retryTimers[what] = null;
  const retry = () => {
    retryTimers[what] = null;
    if (what === 'boot') {
      display = 'starting';
      void bootAndServe();
    } else if (backend) display = 'app';
    showPage();
  };
  if (decision.action === 'restart' && decision.delayMs === 0) return retry();
  if (decision.action === 'out-of-service') {
    logger.log('shell.out-of-service', { reason, failures: decision.failures, retryAfterSec: Math.round(decision.retryAfterMs / 1000) });
    display = 'out-of-service';
  } else {
    logger.log('shell.recovery-delayed', { reason, failures: decision.failures, delayMs: decision.delayMs });
    display = 'recovering';
  }
  showPage();
  retryTimers[what] = setTimeout(retry, decision.action === 'out-of-service' ? decision.retryAfterMs : decision.delayMs);
}

/**
 * The at-rest key is wrapped by the OS keystore (libsecret / kwallet on Linux, DPAPI on Windows).
 * Where no keystore is available, safeStorage would fall back to a hard-coded key, which
 * protects nothing: null, and the backend tries libsecret, then falls back to the plain 0600 file
 * with a logged warning (crypto.key.fallback) shown on the technician's terminal panel.
 */
function osKeystore(): KeyWrapper | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    kind: 'safeStorage',
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}

function watchRenderer(w: BrowserWindow): void {
  let hangTimer: NodeJS.Timeout | null = null;
  w.webContents.on('render-process-gone', (_e, details) => {
    logger.log('renderer.crashed', { reason: details.reason, exitCode: details.exitCode });
    if (!w.isDestroyed()) windowFailed(`renderer ${details.reason}`);
  });
  w.on('unresponsive', () => {
    hangTimer = setTimeout(() => {
      logger.log('renderer.crashed', { reason: 'hung' });
      // the forced crash arrives as render-process-gone, which recovers (and counts it once)
      w.webContents.forcefullyCrashRenderer();
    }, HANG_GRACE_MS);
  });
  w.on('responsive', () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  });
}
