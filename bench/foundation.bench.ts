// Foundation figures: backend cold start, first paint of the attract screen, bundle size.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Report } from './report';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Spawns a command and resolves with ms until a stdout line matches, after killing it. */
function timeUntil(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let errBuf = '';
    let seen = false;
    child.stderr.on('data', (d) => (errBuf += d));
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.split('\n').find((l) => ready.test(l));
      if (m && !seen) {
        seen = true;
        const ms = performance.now() - t0;
        child.kill('SIGTERM');
        // resolved once it has gone, so its data folder can be removed behind it
        child.once('close', () => resolve({ ms, line: m }));
      }
    });
    child.on('exit', (code) => seen || reject(new Error(`exited ${code} before ready: ${errBuf.slice(-500)}`)));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function firstPaint(url: string, secret?: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: CHROMIUM_ARGS });
  try {
    // The kiosk prints no credential: the bench hands the host its secret and presents it.
    const page = await browser.newPage(secret ? { extraHTTPHeaders: { Authorization: `Bearer ${secret}` } } : {});
    await page.goto(url);
    // A string, not a function: tsx (esbuild keepNames) would wrap the inner arrow in a __name()
    // helper that does not exist in the page.
    return (await page.evaluate(`new Promise((resolve) => {
      const get = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      const v = get();
      if (v) return resolve(v);
      new PerformanceObserver(() => {
        const w = get();
        if (w) resolve(w);
      }).observe({ type: 'paint', buffered: true });
    })`)) as number;
  } finally {
    await browser.close();
  }
}

export async function run(report: Report): Promise<void> {
  // Cold start of what a terminal runs: the production headless bundle (`npm run build`'s
  // dist/main/headless.mjs, no reference central, no simulators) under plain node, with a
  // terminal's config (its central, no simulated devices), to the "kiosk ready" line, against
  // a bare node HTTP server started the same way. Two figures: a restart, with the data folder
  // (database, keys, V8 code cache) an earlier start of the same install left — what a terminal
  // does every morning, after a power cut or an update's first start — and the first start of an
  // install (fresh data folder: keys made, database created, nothing compiled yet).
  const install = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prod-'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(install, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(install, 'node_modules'));
  fs.mkdirSync(path.join(install, 'dist', 'main'), { recursive: true });
  fs.symlinkSync(path.join(root, 'dist', 'renderer'), path.join(install, 'dist', 'renderer'));
  const headless = path.join(install, 'dist', 'main', 'headless.mjs');
  const { buildHeadless } = (await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href)) as { buildHeadless: (out: string, o: { production: boolean }) => Promise<unknown> };
  await buildHeadless(headless, { production: true });
  const config = path.join(install, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ terminalId: 'BENCH01', centralUrl: 'http://127.0.0.1:9/', devices: [] }));
  const bare = path.join(install, 'bare-server.mjs');
  fs.writeFileSync(bare, "import http from 'node:http'; const s = http.createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () => console.log('ready ' + s.address().port));");
  const first: number[] = [];
  const restart: number[] = [];
  const base: number[] = [];
  const boot = (dataDir: string) => timeUntil(process.execPath, [headless], { HOME: install, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: config }, /kiosk ready/);
  try {
    for (let i = 0; i < 3; i++) {
      const dataDir = fs.mkdtempSync(path.join(install, 'data-'));
      first.push((await boot(dataDir)).ms);
      base.push((await timeUntil(process.execPath, [bare], {}, /^ready/)).ms);
      restart.push((await boot(dataDir)).ms);
    }
  } finally {
    fs.rmSync(install, { recursive: true, force: true });
  }
  const bareStart = { name: 'bare node HTTP server start', value: median(base) };
  report('backend cold start to ready (production bundle, plain node, restart)', median(restart), 'ms', bareStart, { atMost: 2 });
  report('backend first start of an install (production bundle, fresh data dir)', median(first), 'ms', bareStart);

  // First paint of the attract screen vs a static one-line page, both over loopback.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-paint-'));
  const secret = crypto.randomBytes(24).toString('base64url');
  const started = await new Promise<{ url: string; kill: () => void }>((resolve, reject) => {
    const child = spawn(tsx, ['main/backend/host/headless.ts'], {
      cwd: root,
      env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: path.join(dataDir, 'none.json'), KIOSK_SECRET: secret },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /kiosk ready: (\S+)/.exec(buf);
      if (m) resolve({ url: m[1]!, kill: () => child.kill() });
    });
    child.on('exit', (c) => reject(new Error(`host exited ${c}`)));
  });
  const staticServer = http.createServer((_q, r) => r.end('<!doctype html><meta charset="utf-8"><title>t</title><h1>不见面审批</h1>'));
  await new Promise<void>((r) => staticServer.listen(0, '127.0.0.1', r));
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as { port: number }).port}/`;
  try {
    const app: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 3; i++) {
      app.push(await firstPaint(started.url, secret));
      plain.push(await firstPaint(staticUrl));
    }
    report('attract screen first contentful paint', median(app), 'ms', { name: 'static one-line page', value: median(plain) }, { atMost: 2 });
  } finally {
    started.kill();
    staticServer.close();
  }

  // Bundle: everything the renderer ships, gzipped, vs React + ReactDOM alone.
  const assets = path.join(root, 'dist', 'renderer', 'assets');
  const gz = (f: string) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).byteLength;
  const bundle = fs
    .readdirSync(assets)
    .filter((f) => /\.(js|css)$/.test(f))
    .reduce((n, f) => n + gz(path.join(assets, f)), 0);
  const react = gz(path.join(root, 'node_modules/react/cjs/react.production.js')) + gz(path.join(root, 'node_modules/react-dom/cjs/react-dom-client.production.js'));
  report('renderer JS+CSS bundle gzip', bundle / 1024, 'KiB', { name: 'React + ReactDOM alone', value: react / 1024 });
  report('renderer JS+CSS bundle gzip vs its 150 KiB budget', bundle / 1024, 'KiB', { name: 'budget', value: 150 }, { atMost: 1 });
}
