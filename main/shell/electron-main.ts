// The Electron shell: one locked-down, full-screen kiosk window, with the backend hosted in
// this process and served on the privileged kiosk:// scheme. Everything else (devices,
// storage, sync, rules) lives in the backend; this file only wires Electron to it.
import path from 'node:path';
import { app, BrowserWindow, Menu, protocol, safeStorage, session, type WebContents } from 'electron';
import { fileKeyProvider, type KeyWrapper } from '../../offline-queue/crypto/key-provider';
import { BootError, bootBackend, type Backend } from '../backend/boot';
import { createLogger, fileSink, type Logger } from '../backend/log/logger';
import { stopOnSignals } from '../backend/host/stop-signals';
import { defaultPaths } from '../backend/paths';
import { APP_SCHEME, ATTRACT_URL, HANG_GRACE_MS, isAllowedNavigation, isAllowedPermission, isBlockedShortcut } from './policy';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

const production = app.isPackaged;
const paths = defaultPaths();
const logger: Logger = createLogger({ sink: fileSink(paths.logDir) });
let backend: Backend | null = null;
let win: BrowserWindow | null = null;

// A crash of the main process is logged and ends the process; the service unit in
// build/linux restarts it (Restart=always), which is simpler and safer than limping on.
process.on('uncaughtException', (e) => {
  logger.log('kiosk.boot.failed', { phase: 'uncaught', message: e.message });
  app.exit(1);
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
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void backend?.close());
  // SIGTERM (service manager, start.mjs), SIGINT, SIGHUP or start.mjs gone: the same clean
  // shutdown as quitting; a second signal ends at once (helpers die with us regardless)
  stopOnSignals(async () => {
    const b = backend;
    backend = null;
    await b?.close();
  });
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
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('before-input-event', (e, input) => {
    if (isBlockedShortcut(input, production)) e.preventDefault();
  });
}

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  try {
    backend = await bootBackend({
      dataDir: paths.dataDir,
      configFile: paths.configFile,
      rendererDir: path.join(app.getAppPath(), 'dist', 'renderer'),
      version: app.getVersion(),
      logger,
      keyProvider: fileKeyProvider(path.join(paths.dataDir, 'keys', 'outbox.key.safestorage'), osKeystore()),
    });
  } catch (e) {
    logger.log('kiosk.boot.failed', { message: (e as Error).message });
    if (e instanceof BootError) process.stderr.write(e.message + '\n');
    app.exit(e instanceof BootError ? 78 : 1);
    return;
  }
  const handler = backend.fetch;
  protocol.handle(APP_SCHEME, (req) => handler(req));

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const allowed = isAllowedPermission({ permission, requestingOrigin: details.requestingUrl ?? '', mediaTypes });
    if (!allowed) logger.log('renderer.permission-denied', { permission });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isAllowedPermission({ permission, requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : undefined }),
  );

  win = new BrowserWindow({
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
  win.once('ready-to-show', () => win?.show());
  watchRenderer(win);
  await win.loadURL(ATTRACT_URL);
  logger.log('kiosk.boot.ready', { transport: `${APP_SCHEME}://`, ms: Math.round(process.uptime() * 1000) });
}

/**
 * The at-rest key is wrapped by the OS keystore (libsecret / kwallet on Linux, DPAPI on Windows).
 * Where no keystore is available, safeStorage would fall back to a hard-coded key, which
 * protects nothing: then the plain 0600 file is the honest choice and the log says so.
 */
function osKeystore(): KeyWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
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
    if (!w.isDestroyed()) void w.loadURL(ATTRACT_URL);
  });
  w.on('unresponsive', () => {
    hangTimer = setTimeout(() => {
      logger.log('renderer.crashed', { reason: 'hung' });
      w.webContents.forcefullyCrashRenderer();
      void w.loadURL(ATTRACT_URL);
    }, HANG_GRACE_MS);
  });
  w.on('responsive', () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  });
}
