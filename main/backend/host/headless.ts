// The loopback host: runs the same backend as Electron under plain Node, for development,
// tests, benchmarks and the Chromium fallback on machines without the Electron binary.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BootError, bootBackend, type BootOptions } from '../boot';
import { appRoot, defaultPaths } from '../paths';
import { spawnTracked } from '../../../devices/core/child-processes';
import { serveLoopback } from './serve-loopback';
import { stopOnSignals } from './stop-signals';
import { BundleSwapInstaller, EXIT_RESTART_FOR_UPDATE } from '../updates/bundle-swap';
import type { HealthMessage } from '../updates/bundle-launcher';

const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export async function runHeadless(opts: Partial<BootOptions> & { port?: number; openBrowser?: boolean; secret?: string } = {}) {
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
  backend.ctx.logger.log('kiosk.boot.ready', { transport: `http://127.0.0.1:${server.port}/`, ms: Math.round(performance.now() - started) });
  closeForRestart = async () => {
    await server.close();
    await backend.close();
  };
  // The launcher's health check of a new release: booted (config valid, database open, keys
  // read), serving on loopback, and the backend answering its own API.
  if (process.send) {
    const probe = await Promise.resolve(backend.fetch(new Request(`${server.origin}/api/system/info`))).catch(() => null);
    const health: HealthMessage = { type: 'kiosk-health', ok: probe?.status === 200, version, message: probe ? `api ${probe.status}` : 'api unreachable' };
    process.send(health);
  }
  let browser: ChildProcess | null = null;
  const chromium = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
  if (opts.openBrowser && process.env.DISPLAY && chromium) {
    const profile = path.join(opts.dataDir ?? paths.dataDir, 'chromium-profile');
    browser = spawnTracked(
      'chromium',
      chromium,
      ['--kiosk', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update', `--user-data-dir=${profile}`, server.launchUrl()],
      {
        stdio: 'ignore',
      },
    );
  }
  return {
    backend,
    server,
    async close() {
      browser?.kill();
      await server.close();
      await backend.close();
    },
  };
}

// Run directly: `tsx main/backend/host/headless.ts [--port N] [--open]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  runHeadless({
    port: portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.KIOSK_PORT ?? 0) || undefined,
    openBrowser: args.includes('--open'),
    secret: process.env.KIOSK_SECRET,
    configOverrides: args.includes('--dev') ? { devTools: true } : undefined,
  }).then(
    (h) => {
      // The secret never reaches stdout (nor a command line). A developer gets a link with a
      // one-time code; a production start prints only where it listens.
      const dev = args.includes('--dev');
      process.stdout.write(`自助终端已启动 / kiosk ready: ${dev ? h.server.launchUrl() : `${h.server.origin}/`}\n`);
      if (dev) process.stdout.write('（链接一次有效，60 秒内打开 / the link works once, within 60 s）\n');
      stopOnSignals(() => h.close());
    },
    (e) => {
      process.stderr.write((e instanceof BootError ? e.message : `启动失败 / failed to start: ${(e as Error).stack}`) + '\n');
      process.exit(e instanceof BootError ? 78 : 1);
    },
  );
}
