// The renderer-side device code in Chromium (playwright-core, fake capture device) against the
// real backend: the document-camera capture lands in the materials inbox, and the simulator
// panel drives the simulated devices.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../common/events';
import { bootBackend, type Backend } from '../main/backend/boot';
import { serveLoopback, type LoopbackServer } from '../main/backend/host/serve-loopback';
import { createLogger } from '../main/backend/log/logger';
import { imageInfo } from '../devices/materials/image-info';
import { waitFor } from '../devices/test-support/wait';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
let dir: string;
let backend: Backend;
let server: LoopbackServer;
let browser: Browser;
let page: Page;
const events: KioskEvent[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-browser-devices-'));
  const web = path.join(dir, 'web');
  fs.mkdirSync(web);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'harness/device-browser-page.tsx')],
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
    '<!doctype html><meta charset="utf-8"><title>devices</title><video width="320" height="240"></video><div id="panel"></div><script type="module" src="/app.js"></script>',
  );
  backend = await bootBackend({
    dataDir: path.join(dir, 'data'),
    configFile: null,
    rendererDir: web,
    version: '0.0.0-test',
    firstSyncWaitMs: 200,
    logger: createLogger({ sink: () => undefined }),
    configOverrides: {
      devTools: true,
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
      ],
    },
  });
  backend.ctx.bus.subscribe((e) => events.push(e));
  server = await serveLoopback(backend.fetch);
  browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
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

describe("document camera helper (renderer) with Chromium's fake camera", () => {
  it('captures a page from the camera and the backend keeps it as a camera page', async () => {
    const r = (await page.evaluate(() => window.captureOnePage())) as { ok: boolean; value?: { id: string; width: number; height: number; mime: string }; blob?: { type: string } };
    expect(r).toMatchObject({ ok: true, blob: { type: 'image/jpeg' }, value: { source: 'camera', mime: 'image/jpeg' } });
    const stored = backend.ctx.devices.pages.get(r.value!.id)!;
    const info = imageInfo(stored.bytes)!;
    expect(info.mime).toBe('image/jpeg');
    expect(info.width).toBeGreaterThanOrEqual(640);
    expect(info.height).toBeGreaterThanOrEqual(480);
    expect([info.width, info.height]).toEqual([r.value!.width, r.value!.height]);
  });
});

describe('simulator panel', () => {
  it('places a card from the panel and the backend reads it', async () => {
    await waitFor(async () => (await page.locator('[data-device="id-card-reader"]').getAttribute('data-health')) === 'ok', 5000, 'reader ok in panel');
    await page.getByRole('button', { name: '放置 港澳台居民居住证' }).click();
    const read = await waitFor(() => events.find((e) => e.type === 'idcard.read'), 5000, 'card read');
    expect(read).toMatchObject({ identity: { cardType: 'hmt-residence-permit' } });
  });

  it('runs the receipt printer out of paper and shows it', async () => {
    await page.getByRole('button', { name: '缺纸 paper out' }).click();
    await waitFor(async () => (await page.locator('[data-device="receipt-printer"]').getAttribute('data-health')) === 'offline', 5000, 'paper out shown');
    await expect(page.locator('[data-device="receipt-printer"]').innerText()).resolves.toContain('缺纸');
    await page.getByRole('button', { name: '恢复 clear' }).first().click();
    await waitFor(async () => (await page.locator('[data-device="receipt-printer"]').getAttribute('data-health')) === 'ok', 5000, 'paper back');
  });
});
