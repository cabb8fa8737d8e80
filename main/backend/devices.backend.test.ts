// End to end through the real backend: bootBackend with every device in simulator mode, served
// on loopback, driven over HTTP and watched over SSE as the renderer would be.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatusView } from '../../common/devices';
import type { KioskEvent, WireEvent } from '../../common/events';
import { bootBackend, type Backend } from './boot';
import { serveLoopback, type LoopbackServer } from './host/serve-loopback';
import { createLogger } from './log/logger';
import { SAMPLE_CARDS } from '../../devices/id-card/sample-cards';
import { decodeQrPng, renderQr } from '../../devices/receipt/qr-roundtrip';
import type { SimState } from '../../devices/sim/sim-actions';
import { pdfText } from '../../devices/test-support/poppler';
import { waitFor } from '../../devices/test-support/wait';
import { deviceStatusLine } from '../../common/device-words';

const A4_QUEUE = 'kiosk-a4-e2e';
let dataDir: string;
let backend: Backend;
let server: LoopbackServer;
const logLines: string[] = [];
const events: WireEvent[] = [];
/** what the backend's own consumers (journey, follow-up, helper sign-in) receive */
const busEvents: KioskEvent[] = [];
let sseText = '';
let sse: AbortController;

const url = (p: string) => `http://127.0.0.1:${server.port}${p}`;
const auth = () => ({ Authorization: `Bearer ${server.secret}` });
const get = async (p: string) => (await fetch(url(p), { headers: auth() })).json();
const post = async (p: string, body?: unknown) => {
  const res = await fetch(url(p), { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const sim = (action: Record<string, unknown>) => post('/api/dev/sim/actions', action);
const device = async (kind: string): Promise<DeviceStatusView> => ((await get('/api/devices')).devices as DeviceStatusView[]).find((d) => d.device === kind)!;

async function readSse(signal: AbortSignal) {
  const res = await fetch(url('/api/events'), { headers: auth(), signal });
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    const chunk = dec.decode(value, { stream: true });
    sseText += chunk;
    buf += chunk;
    let at: number;
    while ((at = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, at);
      buf = buf.slice(at + 2);
      const data = block.split('\n').find((l) => l.startsWith('data:'));
      if (data) events.push(JSON.parse(data.slice(5)) as WireEvent);
    }
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-devices-e2e-'));
  const started = Date.now();
  backend = await bootBackend({
    dataDir,
    configFile: null,
    rendererDir: null,
    version: '0.0.0-test',
    firstSyncWaitMs: 500,
    logger: createLogger({ sink: (l) => logLines.push(l), minLevel: 'debug' }),
    configOverrides: {
      devTools: true,
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'a4-printer', mode: 'simulator', queue: A4_QUEUE },
        { kind: 'scanner', mode: 'simulator' },
        { kind: 'code-scanner', mode: 'simulator' },
      ],
    },
  });
  // devices never hold up boot: the backend is up before CUPS or the ptys are ready
  expect(Date.now() - started).toBeLessThan(8000);
  backend.ctx.bus.subscribe((e) => busEvents.push(e));
  server = await serveLoopback(backend.fetch);
  sse = new AbortController();
  void readSse(sse.signal);
  await backend.ctx.devices.settled();
  await waitFor(async () => (await get('/api/devices')).devices.every((d: DeviceStatusView) => d.health === 'ok'), 10_000, 'all devices ok');
}, 60_000);

afterAll(async () => {
  sse?.abort();
  await server?.close();
  await backend?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('devices through the real backend (simulator mode)', () => {
  it('lists every device with its health, mode and a bilingual message', async () => {
    const list = (await get('/api/devices')).devices as DeviceStatusView[];
    expect(list.map((d) => [d.device, d.mode, d.health])).toEqual([
      ['id-card-reader', 'simulator', 'ok'],
      ['receipt-printer', 'simulator', 'ok'],
      ['a4-printer', 'simulator', 'ok'],
      ['scanner', 'simulator', 'ok'],
      ['code-scanner', 'simulator', 'ok'],
    ]);
    expect(deviceStatusLine(list[1]!.device, list[1]!.status)).toBe('凭条打印机 / receipt printer：就绪 / ready');
  });

  it('parses the identity for the backend when a card is placed, tells the renderer only the card type, and logs it masked', async () => {
    expect((await sim({ device: 'id-card-reader', action: 'insert', card: 'resident' })).status).toBe(200);
    const read = (await waitFor(() => busEvents.find((e) => e.type === 'idcard.read'), 5000, 'idcard.read')) as Extract<KioskEvent, { type: 'idcard.read' }>;
    expect(read.identity).toEqual(SAMPLE_CARDS.resident);
    expect(read.photo?.dataUrl).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(await waitFor(() => events.find((e) => e.type === 'idcard.read'), 5000, 'idcard.read over SSE')).toEqual({ type: 'idcard.read', cardType: 'resident' });
    for (const secret of [SAMPLE_CARDS.resident.idNumber, SAMPLE_CARDS.resident.name, SAMPLE_CARDS.resident.address, 'iVBOR']) expect(sseText).not.toContain(secret);
    const all = logLines.join('\n');
    expect(all).not.toContain(SAMPLE_CARDS.resident.idNumber);
    expect(all).not.toContain(SAMPLE_CARDS.resident.name);
    expect(all).not.toContain(SAMPLE_CARDS.resident.address);
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.event === 'idcard.read');
    expect(line.idNumber).toBe(`${SAMPLE_CARDS.resident.idNumber.slice(0, 4)}**********${SAMPLE_CARDS.resident.idNumber.slice(-4)}`);
    await sim({ device: 'id-card-reader', action: 'remove' });
  });

  it('reads the other card types over the same path', async () => {
    for (const card of ['hmt-residence-permit', 'foreign-permanent-2023'] as const) {
      const before = busEvents.length;
      await sim({ device: 'id-card-reader', action: 'insert', card });
      const read = (await waitFor(() => busEvents.slice(before).find((e) => e.type === 'idcard.read'), 5000, card)) as Extract<KioskEvent, { type: 'idcard.read' }>;
      expect(read.identity).toEqual(SAMPLE_CARDS[card]);
      await sim({ device: 'id-card-reader', action: 'remove' });
    }
  });

  it('prints a Chinese receipt whose QR code decodes back to the same payload', async () => {
    const payload = 'https://zwfw.suqian.gov.cn/case/SQ20261122-000777';
    const r = await backend.ctx.devices.receipt.print({
      lines: [
        { type: 'text', text: '政务服务中心', size: 'double', align: 'center', bold: true },
        { type: 'text', text: '受理编号：SQ20261122-000777' },
        { type: 'qr', data: payload, ecc: 'M', moduleSize: 6 },
      ],
    });
    expect(r.ok).toBe(true);
    const state = (await waitFor(
      async () => {
        const s = (await get('/api/dev/sim')).state as SimState;
        return s.receipt.printed.length ? s : null;
      },
      3000,
      'printed receipt',
    )) as SimState;
    const printed = state.receipt.printed[0]!;
    expect(printed.lines.slice(0, 2)).toEqual(['政务服务中心', '受理编号：SQ20261122-000777']);
    expect(printed.qrPayloads).toEqual([payload]);
    expect(decodeQrPng((await renderQr(printed.qrPayloads[0]!, 'M', 6)).png)).toBe(payload);
    expect(printed.cut).toBe('partial');
  });

  it('prints an A4 PDF through CUPS whose text comes back out', async () => {
    const r = await backend.ctx.devices.a4.printDoc({ title: '办件告知书', reference: 'SQ20261122-000777 E2E', blocks: [{ type: 'field', label: '受理编号', value: 'SQ20261122-000777' }] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const state = (await get('/api/dev/sim')).state as SimState;
    const file = await waitFor(() => fs.readdirSync(state.a4.outputDir!).find((f) => f.endsWith(`-job_${r.value.jobId}.pdf`)), 10_000, 'cups-pdf output');
    await new Promise((res) => setTimeout(res, 200));
    expect(pdfText(path.join(state.a4.outputDir!, file))).toContain('SQ20261122-000777 E2E');
  });

  it('scans three pages from the feeder over the API', async () => {
    const r = await post('/api/devices/scan', { source: 'adf', mode: 'color', resolution: 100, format: 'jpeg', maxPages: 3 });
    expect(r.status).toBe(200);
    expect(r.body.pages.map((p: { mime: string }) => p.mime)).toEqual(['image/jpeg', 'image/jpeg', 'image/jpeg']);
    const img = await fetch(url(`/api/devices/pages/${r.body.pages[0].id}`), { headers: auth() });
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await img.arrayBuffer()).subarray(0, 2)).toEqual(Uint8Array.of(0xff, 0xd8));
  });

  it('reports each simulated fault with a clear status and recovers from it', async () => {
    // receipt: paper out → offline with reason; job kept; paper back → reprint
    await sim({ device: 'receipt-printer', action: 'paper-out' });
    await waitFor(async () => (await device('receipt-printer')).status.state === 'paper-out', 3000, 'paper-out');
    expect(deviceStatusLine('receipt-printer', (await device('receipt-printer')).status)).toContain('缺纸');
    const held = await backend.ctx.devices.receipt.print({ lines: [{ type: 'text', text: '缺纸测试' }] });
    expect(held).toMatchObject({ ok: false, error: { kind: 'held', reason: 'paper-out' } });
    await sim({ device: 'receipt-printer', action: 'clear' });
    await waitFor(async () => (await device('receipt-printer')).status.state === 'ready', 3000, 'paper back');
    const jobs = (await get('/api/devices/receipt/held')).jobs;
    expect(jobs.map((j: { firstLine: string }) => j.firstLine)).toEqual(['缺纸测试']);
    expect((await post(`/api/devices/receipt/held/${jobs[0].id}/reprint`)).body).toMatchObject({ ok: true });

    // cover open
    await sim({ device: 'receipt-printer', action: 'cover-open' });
    await waitFor(async () => (await device('receipt-printer')).status.state === 'cover-open', 3000, 'cover-open');
    await sim({ device: 'receipt-printer', action: 'clear' });
    await waitFor(async () => (await device('receipt-printer')).health === 'ok', 3000, 'receipt ok');

    // scanner jam
    await sim({ device: 'scanner', action: 'jam' });
    const jam = await post('/api/devices/scan', { source: 'adf', maxPages: 1 });
    // the code the screen words (renderer/src/i18n/device-words.test.ts: 扫描仪卡纸…)
    expect(jam).toMatchObject({ status: 409, body: { ok: false, error: 'jammed', area: 'devices', pages: [] } });
    expect(jam.body).not.toHaveProperty('message');
    expect((await device('scanner')).status.state).toBe('jammed');
    await sim({ device: 'scanner', action: 'clear' });
    expect((await post('/api/devices/scan', { source: 'flatbed', resolution: 100 })).status).toBe(200);

    // A4 queue stopped
    await sim({ device: 'a4-printer', action: 'stop', reason: '缺纸 out of paper' });
    await waitFor(async () => (await device('a4-printer')).status.state === 'stopped', 5000, 'a4 stopped');
    expect(deviceStatusLine('a4-printer', (await device('a4-printer')).status)).toContain('缺纸 out of paper');
    await sim({ device: 'a4-printer', action: 'resume' });
    await waitFor(async () => (await device('a4-printer')).health === 'ok', 5000, 'a4 ok');

    // ID-card reader unplugged and plugged back
    await sim({ device: 'id-card-reader', action: 'unplug' });
    await waitFor(async () => (await device('id-card-reader')).status.state === 'offline', 3000, 'reader offline');
    expect((await device('id-card-reader')).status).toMatchObject({ reason: 'unplugged' });
    await sim({ device: 'id-card-reader', action: 'replug' });
    await waitFor(async () => (await device('id-card-reader')).health === 'ok', 2000, 'reader back within 2 s');

    // and every change reached the renderer as device.status events
    const seen = events.filter((e): e is Extract<WireEvent, { type: 'device.status' }> => e.type === 'device.status').map((e) => `${e.view.device}:${e.view.status.state}`);
    for (const s of ['receipt-printer:paper-out', 'receipt-printer:cover-open', 'scanner:jammed', 'a4-printer:stopped', 'id-card-reader:offline']) expect(seen).toContain(s);
  }, 60_000);

  it('delivers codes from the QR scanner as backend events, never over the stream', async () => {
    const before = events.length;
    await sim({ device: 'code-scanner', action: 'scan', text: 'SQ20261122-000777' });
    const ev = await waitFor(() => busEvents.find((e) => e.type === 'code.scanned'), 3000, 'code.scanned');
    expect(ev).toEqual({ type: 'code.scanned', text: 'SQ20261122-000777', source: 'serial' });
    // the follow-up screens hear of it (emitted right after the scan), without the text
    expect(await waitFor(() => events.slice(before).find((e) => e.type === 'followup.input'), 3000, 'followup.input over SSE')).toEqual({ type: 'followup.input', input: { kind: 'unknown-code' } });
    expect(sseText).not.toContain('SQ20261122-000777');
  });

  it('accepts a document-camera page and refuses what is not an image', async () => {
    const { PNG } = await import('pngjs');
    const png = PNG.sync.write(new PNG({ width: 640, height: 480 }));
    const ok = await fetch(url('/api/devices/camera/pages'), { method: 'POST', headers: { ...auth(), 'Content-Type': 'image/png' }, body: new Uint8Array(png) });
    expect(ok.status).toBe(201);
    expect((await ok.json()).page).toMatchObject({ source: 'camera', width: 640, height: 480 });
    const bad = await fetch(url('/api/devices/camera/pages'), { method: 'POST', headers: { ...auth(), 'Content-Type': 'image/png' }, body: 'not a png' });
    expect(bad.status).toBe(422);
    // the inbox's reason as a code, worded by the screen; no backend sentence
    expect(await bad.json()).toEqual({ error: 'bad-image', area: 'devices', problem: 'not-an-image' });
  });
});

describe('simulator controls', () => {
  it('are not mounted when devTools is off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-devices-nodev-'));
    const b = await bootBackend({
      dataDir: dir,
      configFile: null,
      rendererDir: null,
      version: '0.0.0-test',
      firstSyncWaitMs: 200,
      logger: createLogger({ sink: () => undefined }),
      configOverrides: { devTools: false, devices: [{ kind: 'scanner', mode: 'simulator' }] },
    });
    try {
      const res = await b.fetch(
        new Request('http://kiosk.test/api/dev/sim/actions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ device: 'scanner', action: 'jam' }) }),
      );
      expect(res.status).toBe(404);
      const list = await (await b.fetch(new Request('http://kiosk.test/api/devices'))).json();
      expect(list.devices.find((d: DeviceStatusView) => d.device === 'receipt-printer')).toMatchObject({ health: 'offline', status: { reason: 'not-configured' } });
    } finally {
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
