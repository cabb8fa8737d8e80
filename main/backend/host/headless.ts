// The loopback host: runs the same backend as Electron under plain Node, for development,
// tests, benchmarks and the Chromium fallback on machines without the Electron binary.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BootError, bootBackend, type BootOptions } from '../boot';
import { appRoot, defaultPaths } from '../paths';
import { spawnTracked } from '../../../devices/core/child-processes';
import { kioskMetrics } from '../health/kiosk-metrics';
import { serveMetrics, type MetricsServer } from './metrics-server';
import { serveLoopback } from './serve-loopback';
import { stopOnSignals } from './stop-signals';
import type { Logger } from '../log/logger';
import { saveCodeCache, type CodeCacheState } from './code-cache';
import { BundleSwapInstaller, EXIT_RESTART_FOR_UPDATE } from '../updates/bundle-swap';
import type { HealthMessage } from '../updates/bundle-launcher';
import { checkReleaseHealth } from '../updates/release-health';

const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Chromium's arguments for the kiosk window: native Wayland under cage (the locked session), X11 otherwise. */
export function chromiumKioskArgs(env: NodeJS.ProcessEnv, profile: string, url: string): string[] {
  const wayland = env.WAYLAND_DISPLAY ? ['--ozone-platform=wayland'] : [];
  return [...wayland, '--kiosk', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update', `--user-data-dir=${profile}`, url];
}

export async function runHeadless(
  opts: Partial<BootOptions> & {
    port?: number;
    openBrowser?: boolean;
    secret?: string;
    /** Serve this terminal's own metrics on 127.0.0.1:<port>/metrics (0: any free port); off when not given. */
    metricsPort?: number;
    /** The locked session (cage): the host ends when the kiosk window does, so systemd restarts the session. */
    onBrowserExit?: (code: number | null) => void;
  } = {},
) {
  const paths = defaultPaths();
  const root = appRoot(import.meta.dirname);
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  const started = performance.now();
  // Under the bundle launcher (KIOSK_BUNDLE_ROOT set by it), releases are installed by swapping
  // versioned bundle folders; the app restarts into one by exiting with code 75.
  const bundleRoot = process.env.KIOSK_BUNDLE_ROOT ?? null;
  let closeForRestart: () => Promise<void> = async () => undefined;
  const restart = () => void closeForRestart().finally(() => process.exit(EXIT_RESTART_FOR_UPDATE));
  const backend = await bootBackend({
    updateInstaller: bundleRoot ? new BundleSwapInstaller(bundleRoot, restart) : null,
    restartApp: bundleRoot ? restart : undefined,
    dataDir: opts.dataDir ?? paths.dataDir,
    configFile: opts.configFile === undefined ? paths.configFile : opts.configFile,
    rendererDir: opts.rendererDir ?? path.join(root, 'dist', 'renderer'),
    version,
    ...opts,
  });
  const server = await serveLoopback(backend.fetch, {
    port: opts.port,
    secret: opts.secret,
    onReject: (why, req) => backend.ctx.logger.log('http.rejected', { why, path: new URL(req.url).pathname }),
  });
  const metrics: MetricsServer | null = opts.metricsPort === undefined ? null : await serveMetrics(kioskMetrics(backend.ctx, opts.dataDir ?? paths.dataDir), opts.metricsPort);
  backend.ctx.logger.log('kiosk.boot.ready', { transport: `http://127.0.0.1:${server.port}/`, ms: Math.round(performance.now() - started) });
  closeForRestart = async () => {
    await server.close();
    await backend.close();
  };
  // The launcher's health check of a new release: serving on loopback, and release-health.ts's
  // checks (booted, answering its own API, every device class supervised).
  if (process.send) {
    const healthy = await checkReleaseHealth(backend, server.origin);
    const health: HealthMessage = { type: 'kiosk-health', ok: healthy.ok, version, message: healthy.ok ? 'ok' : healthy.error };
    process.send(health);
  }
  let browser: ChildProcess | null = null;
  let closing = false;
  const chromium = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
  if (opts.openBrowser && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && chromium) {
    const profile = path.join(opts.dataDir ?? paths.dataDir, 'chromium-profile');
    browser = spawnTracked('chromium', chromium, chromiumKioskArgs(process.env, profile, server.launchUrl()), { stdio: 'ignore' });
    const onExit = opts.onBrowserExit;
    if (onExit) browser.once('exit', (code) => closing || onExit(code));
  }
  return {
    backend,
    server,
    metrics,
    async close() {
      closing = true;
      browser?.kill();
      await metrics?.close();
      await server.close();
      await backend.close();
    },
  };
}

// Run directly: `tsx main/backend/host/headless.ts [--port N] [--open] [--session] [--metrics-port N]`
// (--metrics-port, or KIOSK_METRICS_PORT: this terminal's own metrics on 127.0.0.1)
// --session (the locked session under cage, implies --open): when the kiosk window ends, the host
// ends with code 1, so cage ends and systemd restarts the session or shows out-of-service.
/** The command line (see above); `codeCache` is what the bundled entry (headless-entry.ts) made of the code cache. */
export function runHeadlessCli(codeCache?: CodeCacheState): void {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const metricsArg = args.indexOf('--metrics-port');
  const metricsPort = metricsArg >= 0 ? args[metricsArg + 1] : process.env.KIOSK_METRICS_PORT;
  let host: Awaited<ReturnType<typeof runHeadless>> | undefined;
  runHeadless({
    port: portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.KIOSK_PORT ?? 0) || undefined,
    openBrowser: args.includes('--open') || args.includes('--session'),
    onBrowserExit: args.includes('--session')
      ? (code) => {
          process.stderr.write(`自助终端窗口已退出 / the kiosk window ended (code ${code ?? 'signal'})\n`);
          void (host?.close() ?? Promise.resolve()).finally(() => process.exit(1));
        }
      : undefined,
    secret: process.env.KIOSK_SECRET,
    metricsPort: metricsPort ? Number(metricsPort) : undefined,
    configOverrides: args.includes('--dev') ? { devTools: true } : undefined,
  }).then(
    (h) => {
      host = h;
      // Before the ready line: whoever waits for it may stop the host at once, and a signal that
      // comes before its handler ends the process on the spot (no clean close, no code cache).
      stopOnSignals(() => h.close());
      // The secret never reaches stdout (nor a command line). A developer gets a link with a
      // one-time code; a production start prints only where it listens.
      const dev = args.includes('--dev');
      process.stdout.write(`自助终端已启动 / kiosk ready: ${dev ? h.server.launchUrl() : `${h.server.origin}/`}\n`);
      if (dev) process.stdout.write('（链接一次有效，60 秒内打开 / the link works once, within 60 s）\n');
      if (codeCache) keepCodeCache(codeCache, h.backend.ctx.logger);
    },
    (e) => {
      process.stderr.write((e instanceof BootError ? e.message : `启动失败 / failed to start: ${(e as Error).stack}`) + '\n');
      process.exit(e instanceof BootError ? 78 : 1);
    },
  );
}

/** Saves the compiled code for the next start (after ready: boot's functions are compiled by then), and says how it went. */
function keepCodeCache(state: CodeCacheState, logger: Logger): void {
  if (state.kind === 'unavailable') return;
  if (state.kind === 'failed') return logger.log('kiosk.code-cache.failed', { message: state.message });
  try {
    saveCodeCache();
    logger.log('kiosk.code-cache.saved', { directory: state.directory });
  } catch (e) {
    logger.log('kiosk.code-cache.failed', { message: (e as Error).message });
  }
}

// Run directly under tsx; the production bundle starts through headless-entry.ts instead.
if (import.meta.url === `file://${process.argv[1]}`) runHeadlessCli();
