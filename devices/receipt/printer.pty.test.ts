// The real receipt driver against the printer simulator over a pty (and TCP / char device):
// what comes out is checked as a citizen would hold it — text, a scannable QR code, a cut.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../common/events';
import { memoryLogger } from '../core/log';
import type { PtyPair } from '../sim/pty-pair';
import { DeviceSupervisor } from '../supervisor/supervisor';
import { simOnPty } from '../test-support/pty-sim';
import { waitFor } from '../test-support/wait';
import { receiptPrinterConnector, type ReceiptPrinterPortConfig } from './connect';
import { HeldJobs } from './held-jobs';
import type { ReceiptPrinterSession } from './printer';
import { decodeQrPng, renderQr } from './qr-roundtrip';
import type { ReceiptDoc } from '../../documents/model/receipt-doc';
import { ReceiptService } from './service';
import { ReceiptPrinterSim } from './simulator';
import { deviceStatusLine } from '../../common/device-words';

const CASE_URL = 'https://zwfw.suqian.gov.cn/case/SQ20261122-000123?t=查询';
const receipt: ReceiptDoc = {
  lines: [
    { type: 'text', text: '宿城区政务服务中心', align: 'center', size: 'double', bold: true },
    { type: 'text', text: '不见面审批 · 受理回执', align: 'center' },
    { type: 'rule' },
    { type: 'text', text: '事项：个体工商户设立登记' },
    { type: 'text', text: '受理编号：SQ20261122-000123' },
    { type: 'text', text: '申请人：王**' },
    { type: 'qr', data: CASE_URL, moduleSize: 6, ecc: 'M' },
    { type: 'text', text: '扫码查询办理进度', align: 'center' },
  ],
};

let dir: string;
let pair: PtyPair;
let sim: ReceiptPrinterSim;
let sup: DeviceSupervisor<'receipt-printer', ReceiptPrinterSession>;
let service: ReceiptService;
let events: KioskEvent[];
const logger = memoryLogger();

function start(cfg: ReceiptPrinterPortConfig) {
  const held = new HeldJobs(`${dir}/held`);
  sup = new DeviceSupervisor({
    kind: 'receipt-printer',
    mode: cfg.mode,
    logger,
    retryMs: 250,
    connect: receiptPrinterConnector(cfg, { statusPollMs: 300, statusTimeoutMs: 300 }),
    consumables: (s) => ({ paper: s.state === 'paper-out' ? 'out' : 'paperNearEnd' in s && s.paperNearEnd ? 'near-end' : 'ok', heldJobs: held.size }),
  });
  service = new ReceiptService(sup, held, { widthChars: 32, logger, emit: (e) => events.push(e) });
  sup.start();
}

const state = () => sup.view().status.state;

beforeEach(async () => {
  sim = new ReceiptPrinterSim();
  ({ dir, pair } = await simOnPty('receipt', sim));
  events = [];
  logger.lines.length = 0;
});

afterEach(async () => {
  await sup?.stop();
  await sim.detach();
  await sim.stopTcp();
  await pair.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function printAndCheck() {
  const r = await service.print(receipt);
  expect(r.ok).toBe(true);
  await waitFor(() => sim.receipts.length === 1, 2000, 'receipt cut');
  const got = sim.receipts[0]!;
  expect(got.chineseMode).toBe(true);
  expect(got.lines).toEqual([
    // 9 characters at double width fill 18 of 16 columns: the printer wraps them
    '宿城区政务服务中',
    '心',
    '不见面审批 · 受理回执',
    '-'.repeat(32),
    '事项：个体工商户设立登记',
    '受理编号：SQ20261122-000123',
    '申请人：王**',
    '', // the line feed after the QR symbol
    '扫码查询办理进度',
  ]);
  expect(got.items[0]).toMatchObject({ type: 'line', style: { bold: true, width: 2, height: 2, align: 'center' } });
  expect(got.qrPayloads).toEqual([CASE_URL]);
  const qr = got.items.find((i) => i.type === 'qr')!;
  if (qr.type !== 'qr') throw new Error('no qr');
  const image = await renderQr(qr.payload, qr.ecc, qr.moduleSize);
  expect(decodeQrPng(image.png)).toBe(CASE_URL);
  expect(got.cut).toBe('partial');
}

describe('receipt printer driver over a pty', () => {
  it('prints a Chinese receipt whose text and QR code come out as sent', async () => {
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    await printAndCheck();
    expect(sup.view().health).toBe('ok');
  });

  it('reports paper near end as degraded, still printing', async () => {
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    sim.condition.paperNearEnd = true;
    await waitFor(() => sup.view().health === 'degraded', 2000, 'degraded');
    expect(sup.view().consumables).toMatchObject({ paper: 'near-end' });
    expect(deviceStatusLine('receipt-printer', sup.view().status)).toBe('凭条打印机 / receipt printer：纸将用尽，请及时换纸 / paper near end');
    expect((await service.print(receipt)).ok).toBe(true);
  });

  it('keeps a receipt that meets an empty printer, and reprints it once paper is loaded', async () => {
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    sim.condition.paperOut = true;
    const r = await service.print(receipt);
    expect(r).toMatchObject({ ok: false, error: { kind: 'held', reason: 'paper-out' } });
    if (r.ok || r.error.kind !== 'held') throw new Error('expected held');
    expect(service.heldJobs().map((j) => j.id)).toEqual([r.error.jobId]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'receipt.held', jobId: r.error.jobId }));
    expect(sup.view()).toMatchObject({ health: 'offline', status: { state: 'paper-out' }, consumables: { paper: 'out', heldJobs: 1 } });
    expect(sim.receipts.length).toBe(0);

    sim.condition.paperOut = false;
    await waitFor(() => state() === 'ready', 2000, 'paper loaded');
    expect(sup.view().health).toBe('degraded'); // a held receipt is waiting
    expect((await service.reprint(r.error.jobId)).ok).toBe(true);
    await waitFor(() => sim.receipts.length === 1, 2000, 'reprinted');
    expect(sim.receipts[0]!.qrPayloads).toEqual([CASE_URL]);
    expect(service.heldJobs()).toEqual([]);
    await waitFor(() => sup.view().health === 'ok', 2000, 'ok again');
  });

  it('keeps a receipt interrupted by paper-out part way, and the reprint is the only full copy', async () => {
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    sim.paperOutAfterLines = 3;
    const r = await service.print(receipt);
    expect(r).toMatchObject({ ok: false, error: { kind: 'held', reason: 'paper-out' } });
    expect(sim.receipts.length).toBe(0);
    sim.condition.paperOut = false;
    if (r.ok || r.error.kind !== 'held') throw new Error('expected held');
    expect((await service.reprint(r.error.jobId)).ok).toBe(true);
    await waitFor(() => sim.receipts.length === 1, 2000, 'reprinted');
    expect(sim.receipts[0]!.lines[0]).toBe('宿城区政务服务中');
    expect(sim.receipts[0]!.lines.length).toBe(9);
  });

  it('keeps a receipt when the cover is open', async () => {
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    sim.condition.coverOpen = true;
    await waitFor(() => state() === 'cover-open', 2000, 'cover open seen by polling');
    expect(deviceStatusLine('receipt-printer', sup.view().status)).toContain('机盖打开');
    expect(await service.print(receipt)).toMatchObject({ ok: false, error: { kind: 'held', reason: 'cover-open' } });
    expect(service.heldJobs().length).toBe(1);
  });

  it('survives the cable being pulled mid-print: the job is kept and reprinted after replug', async () => {
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    // the printer loses power after its first line: the rest of the job never reaches paper
    sim.events.once('line', () => {
      sim.halt();
      void pair.unplug();
    });
    const r = await service.print(receipt);
    expect(r).toMatchObject({ ok: false, error: { kind: 'held' } });
    if (r.ok || r.error.kind !== 'held') throw new Error('expected held');
    expect(['unplugged', 'no-response']).toContain(r.error.reason);
    await waitFor(() => state() === 'offline', 3000, 'offline');

    const t = Date.now();
    await pair.plug();
    await sim.attach(pair.devicePath);
    await waitFor(() => state() === 'ready', 3000, 'reopened');
    expect(Date.now() - t).toBeLessThan(2000);
    expect((await service.reprint(r.error.jobId)).ok).toBe(true);
    await waitFor(() => sim.receipts.length === 1, 2000, 'reprinted');
    expect(sim.receipts[0]!.qrPayloads).toEqual([CASE_URL]);
  });

  it('keeps held receipts across a restart (persisted to disk)', async () => {
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    sim.condition.paperOut = true;
    await service.print(receipt);
    const reloaded = new HeldJobs(`${dir}/held`);
    expect(reloaded.list().map((j) => j.reason)).toEqual(['paper-out']);
    expect(reloaded.list()[0]!.doc.lines.length).toBe(receipt.lines.length);
  });

  it('prints over TCP port 9100', async () => {
    const port = await sim.listenTcp();
    start({ mode: 'tcp', host: '127.0.0.1', port });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    await printAndCheck();
  });

  it('prints through a character device like /dev/usb/lp0', async () => {
    start({ mode: 'usb-lp', path: pair.hostPath });
    await waitFor(() => state() === 'ready', 3000, 'printer ready');
    await printAndCheck();
  });

  it('reports a missing printer as not found, and one that never answers as not responding', async () => {
    start({ mode: 'serial', path: `${dir}/nothing-here`, baudRate: 115200 });
    await waitFor(() => state() === 'offline', 2000, 'offline');
    expect(sup.view().status).toMatchObject({ state: 'offline', reason: 'not-found' });
    await sup.stop();
    sim.silent = true;
    start({ mode: 'serial', path: pair.hostPath, baudRate: 115200 });
    await waitFor(() => (sup.view().status as { reason?: string }).reason === 'no-response', 3000, 'no response');
  });
});
