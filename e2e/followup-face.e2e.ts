// 人证核验 in Chromium with its fake camera, against the real backend: the card is placed from the
// simulator panel (the backend keeps its photo), FaceCheck captures a frame, the simulated
// verifier answers as the panel set it — match, no match (retries, then the counter), out of
// service — and a kiosk without a camera sends the citizen to the counter.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootBackend, type Backend } from '../main/backend/boot';
import { serveLoopback, type LoopbackServer } from '../main/backend/host/serve-loopback';
import { createLogger } from '../main/backend/log/logger';
import { waitFor } from '../devices/test-support/wait';
import { seriousA11yViolations } from './harness/axe';
import { screenshot } from './harness/browser';
import { CHROMIUM_ARGS } from './harness/paths';

let dir: string;
let backend: Backend;
let server: LoopbackServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const logLines: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-face-'));
  const web = path.join(dir, 'web');
  fs.mkdirSync(web);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'harness/face-check-page.tsx')],
    bundle: true,
    format: 'esm',
    jsx: 'automatic',
    target: 'chrome120',
    outfile: path.join(web, 'app.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  fs.writeFileSync(
    path.join(web, 'index.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>人证核验</title><link rel="stylesheet" href="/app.css"><div id="root"></div><div id="panel"></div><script type="module" src="/app.js"></script></html>',
  );
  backend = await bootBackend({
    dataDir: path.join(dir, 'data'),
    configFile: null,
    rendererDir: web,
    version: '0.0.0-test',
    firstSyncWaitMs: 200,
    logger: createLogger({ sink: (l) => logLines.push(l), minLevel: 'debug' }),
    configOverrides: { devTools: true, devices: [{ kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 }] },
  });
  server = await serveLoopback(backend.fetch);
  browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN', hasTouch: true });
  await context.grantPermissions(['camera'], { origin: `http://127.0.0.1:${server.port}` });
  page = await context.newPage();
  await page.goto(server.launchUrl());
  await page.waitForSelector('[data-testid="simulator-panel"]');
  // The panel starts collapsed (it must never cover the kiosk); these tests drive it.
  await page.getByTestId('simulator-toggle').click();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await backend?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const phase = () => page.getByTestId('face-check').getAttribute('data-phase');
const outcome = () => page.evaluate(() => window.faceOutcome);
/** axe on the face check itself (the dev panel beside it is not part of the product) */
async function axeClean(name: string) {
  await screenshot(page, name);
  await page.evaluate(() => document.getElementById('panel')!.setAttribute('hidden', ''));
  try {
    expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
  } finally {
    await page.evaluate(() => document.getElementById('panel')!.removeAttribute('hidden'));
  }
}

describe('人证核验 with Chromium’s fake camera', () => {
  it('passes when the verifier finds the live face matches the card photo', async () => {
    await waitFor(async () => (await page.locator('[data-device="id-card-reader"]').getAttribute('data-health')) === 'ok', 10_000, 'reader ok');
    await page.getByRole('button', { name: '放置 居民身份证', exact: true }).click();
    await waitFor(() => logLines.some((l) => l.includes('"idcard.read"')), 5000, 'card read');
    await waitFor(async () => (await phase()) === 'live', 10_000, 'camera live');
    await axeClean('face-01-live');
    await page.getByTestId('face-capture').tap();
    await page.getByTestId('face-status').filter({ hasText: '核验通过' }).waitFor();
    expect((await outcome())[0]).toMatch(/^passed:0\.9/);
    expect(await page.getByTestId('face-counter').count()).toBe(0);
    await axeClean('face-02-passed');
    const verified = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'face.verified')!;
    expect(verified).toMatchObject({ decision: 'match' });
    // the images are never logged
    expect(logLines.join('\n')).not.toMatch(/base64|data:image/);
  });

  it('no match: says so, allows retries, then sends the citizen to the counter', async () => {
    await page.getByRole('button', { name: '不一致 no match' }).click();
    await waitFor(async () => (await backend.ctx.devices.sim!.state()).face.mode === 'no-match', 3000, 'sim set');
    await page.getByTestId('again').tap();
    await waitFor(async () => (await phase()) === 'live', 10_000, 'camera live');
    await page.getByTestId('face-capture').tap();
    await page.getByTestId('face-status').filter({ hasText: '核验未通过' }).waitFor();
    expect(await page.getByTestId('face-status').textContent()).toContain('还可再试 2 次');
    await axeClean('face-03-no-match');
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('face-retry').tap();
      await page.getByTestId('face-capture').tap();
      await page.getByTestId('face-status').filter({ hasText: '核验未通过' }).waitFor();
    }
    expect(await page.getByTestId('face-status').textContent()).toContain('请到人工窗口办理');
    expect(await page.getByTestId('face-retry').count()).toBe(0);
    await page.getByTestId('face-counter').tap();
    expect(await outcome()).toContain('counter');
  });

  it('verifier out of service: no retry, straight to the counter', async () => {
    await page.getByRole('button', { name: '不可用 unavailable' }).click();
    await waitFor(async () => (await backend.ctx.devices.sim!.state()).face.mode === 'unavailable', 3000, 'sim set');
    await page.getByTestId('again').tap();
    await waitFor(async () => (await phase()) === 'live', 10_000, 'camera live');
    await page.getByTestId('face-capture').tap();
    await page.getByTestId('face-status').filter({ hasText: '人证核验暂不可用' }).waitFor();
    expect(await page.getByTestId('face-retry').count()).toBe(0);
    expect(await page.getByTestId('face-counter').isVisible()).toBe(true);
    await axeClean('face-04-unavailable');
  });

  it('no camera: the citizen is told and offered the counter', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
    await ctx.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no camera', 'NotFoundError'));
    });
    const p = await ctx.newPage();
    await p.goto(server.launchUrl());
    await p.getByTestId('face-status').filter({ hasText: '摄像头不可用' }).waitFor();
    expect(await p.getByTestId('face-check').getAttribute('data-phase')).toBe('no-camera');
    expect(await p.getByTestId('face-counter').isVisible()).toBe(true);
    expect(await p.getByTestId('face-capture').count()).toBe(0);
    await ctx.close();
  });
});
