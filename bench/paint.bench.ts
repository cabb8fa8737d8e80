// The attract screen's first paint and the renderer's size, both of what a terminal ships: the
// production renderer build (`npm run build`'s dist/renderer, no simulator panel) served by the
// production headless bundle (dist/main/headless.mjs under plain node) on loopback, the way a
// terminal's Chromium loads it — not the tsx development host, whose handler compiles on demand.
import { spawn } from 'node:child_process';
import { urlFromStdout } from '../scripts/test-support/url-from-stdout';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../e2e/harness/paths';
import type { Report } from './report';

const root = path.resolve(import.meta.dirname, '..');
const ROUNDS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** First contentful paint of `url` in a fresh Chromium (no cache, as after a terminal's restart). */
async function firstPaint(url: string, secret?: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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

/** Starts the production headless bundle of `install` and resolves with its origin once ready. */
async function startHost(install: string, secret: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(install, 'data-'));
  const config = path.join(install, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ terminalId: 'BENCHFP1', centralUrl: 'http://127.0.0.1:9/', devices: [] }));
  const child = spawn(process.execPath, [path.join(install, 'dist', 'main', 'headless.mjs')], {
    cwd: install,
    env: { ...process.env, HOME: install, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: config, KIOSK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await urlFromStdout(child, 60_000, /kiosk ready: (\S+)/);
  return { url, stop: () => (child.kill('SIGTERM'), gone) };
}

export async function run(report: Report): Promise<void> {
  // A stand-in install: the production renderer (built by run.ts) and headless host, as `npm run build` makes them.
  const install = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-paint-'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(install, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(install, 'node_modules'));
  fs.mkdirSync(path.join(install, 'dist', 'main'), { recursive: true });
  fs.symlinkSync(RENDERER_DIR, path.join(install, 'dist', 'renderer'));
  const { buildHeadless } = (await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href)) as {
    buildHeadless: (out: string, o: { production: boolean }) => Promise<unknown>;
  };
  await buildHeadless(path.join(install, 'dist', 'main', 'headless.mjs'), { production: true });

  const secret = crypto.randomBytes(24).toString('base64url');
  const host = await startHost(install, secret);
  const staticServer = http.createServer((_q, r) => r.end('<!doctype html><meta charset="utf-8"><title>t</title><h1>不见面审批</h1>'));
  await new Promise<void>((r) => staticServer.listen(0, '127.0.0.1', r));
  const staticUrl = `http://127.0.0.1:${(staticServer.address() as { port: number }).port}/`;
  try {
    // alternating, so load on the shared machine moves both alike
    const app: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      app.push(await firstPaint(host.url, secret));
      plain.push(await firstPaint(staticUrl));
    }
    report('attract screen first contentful paint (production build)', median(app), 'ms', { name: 'static one-line page', value: median(plain) }, { atMost: 2 });
  } finally {
    await host.stop();
    staticServer.close();
  }

  // Everything the production renderer ships, gzipped, vs React + ReactDOM alone.
  try {
    const assets = path.join(RENDERER_DIR, 'assets');
    const gz = (f: string) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).byteLength;
    const bundle = fs
      .readdirSync(assets)
      .filter((f) => /\.(js|css)$/.test(f))
      .reduce((n, f) => n + gz(path.join(assets, f)), 0);
    const react = gz(path.join(root, 'node_modules/react/cjs/react.production.js')) + gz(path.join(root, 'node_modules/react-dom/cjs/react-dom-client.production.js'));
    report('renderer JS+CSS bundle gzip (production build)', bundle / 1024, 'KiB', { name: 'React + ReactDOM alone', value: react / 1024 });
    report('renderer JS+CSS bundle gzip vs its 150 KiB budget', bundle / 1024, 'KiB', { name: 'budget', value: 150 }, { atMost: 1 });
  } finally {
    fs.rmSync(install, { recursive: true, force: true });
  }
}
