// Foundation figures: backend cold start, first paint of the attract screen, bundle size.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Report } from './report';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Spawns a command and resolves with ms until a stdout line matches, then kills it. */
function timeUntil(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let errBuf = '';
    child.stderr.on('data', (d) => (errBuf += d));
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.split('\n').find((l) => ready.test(l));
      if (m) {
        const ms = performance.now() - t0;
        child.kill('SIGTERM');
        resolve({ ms, line: m });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${errBuf.slice(-500)}`)));
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
  // Cold start: the real backend (store, embedded central, catalog sync) vs a bare HTTP server,
  // both started through tsx so the TypeScript loader's cost cancels out.
  const bare = path.join(os.tmpdir(), `bare-server-${process.pid}.ts`);
  fs.writeFileSync(bare, "import http from 'node:http'; const s = http.createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () => console.log('ready ' + (s.address() as any).port));");
  const kiosk: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-kiosk-'));
    kiosk.push((await timeUntil(tsx, ['main/backend/host/headless.ts'], { KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: path.join(dataDir, 'none.json') }, /kiosk ready/)).ms);
    base.push((await timeUntil(tsx, [bare], {}, /^ready/)).ms);
  }
  report('backend cold start to ready', median(kiosk), 'ms', { name: 'bare node HTTP server start', value: median(base) });

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
    report('attract screen first contentful paint', median(app), 'ms', { name: 'static one-line page', value: median(plain) });
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
}
