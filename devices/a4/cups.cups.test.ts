// The real A4 driver (IPP) against a real CUPS queue that prints to PDF files (cups-pdf).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../core/log';
import { DeviceSupervisor } from '../supervisor/supervisor';
import { inkShare, pdfText, pixelDifference, rasterise } from '../test-support/poppler';
import { tempDir, waitFor } from '../test-support/wait';
import { sampleA4Doc } from './a4-doc.fixture';
import { CupsPdfSim } from './cups-sim';
import { CupsPrinterSession } from './cups-printer';
import { IppClient } from './ipp-client';
import { A4Service } from './service';
import { deviceStatusLine } from '../../common/device-words';

const QUEUE = 'kiosk-a4-unit';
const client = new IppClient();
const logger = memoryLogger();
let sim: CupsPdfSim;
let sup: DeviceSupervisor<'a4-printer', CupsPrinterSession>;
let service: A4Service;
const dir = tempDir('a4');

beforeAll(async () => {
  const s = await CupsPdfSim.ensure(QUEUE, client);
  if (!s.ok) throw new Error(s.error);
  sim = s.value;
  sup = new DeviceSupervisor({
    kind: 'a4-printer',
    mode: 'simulator',
    logger,
    retryMs: 400,
    connect: () => CupsPrinterSession.connect(client, QUEUE, { pollMs: 300, stoppedGraceMs: 1000 }),
  });
  service = new A4Service(sup, { logger });
  sup.start();
  await sup.settled();
}, 30_000);

afterAll(async () => {
  await sup?.stop();
  await sim?.replug();
  fs.rmSync(dir, { recursive: true, force: true });
});

const state = () => sup.view().status.state;

describe('A4 printer through CUPS', () => {
  it('prints a Chinese PDF to completion; the page that comes out looks like the one sent', async () => {
    await waitFor(() => state() === 'ready', 5000, 'queue ready');
    const built = await service.buildPdf(sampleA4Doc);
    if (!built.ok) throw new Error(built.error);
    const sent = path.join(dir, 'sent.pdf');
    fs.writeFileSync(sent, built.value.pdf);

    const r = await service.printPdf(built.value.pdf, sampleA4Doc.title);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const out = await sim.outputFor(r.value.jobId);
    expect(out).not.toBeNull();

    // The text the citizen reads, as submitted:
    const sentText = pdfText(sent);
    expect(sentText).toContain('不见面审批受理回执');
    expect(sentText).toContain('受理编号：SQ20261122-000123');
    // What CUPS produced: cups-pdf re-distils through PostScript, which keeps Latin text
    // extractable but turns the CJK font into unnamed Type 3 glyphs; so the reference line is
    // checked as text and the Chinese page by its image.
    expect(pdfText(out!)).toMatch(/SQ20261122-000123 2026-11-22 DEV0001\s+1\/1/);
    const a = rasterise(sent);
    const b = rasterise(out!);
    expect(inkShare(b)).toBeGreaterThan(0.01);
    expect(pixelDifference(a, b, 128)).toBeLessThan(0.005);
    // control: the same page without its Chinese text is clearly told apart
    const bare = await service.buildPdf({ ...sampleA4Doc, blocks: sampleA4Doc.blocks.filter((x) => x.type === 'qr') });
    if (!bare.ok) throw new Error(bare.error);
    fs.writeFileSync(path.join(dir, 'bare.pdf'), bare.value.pdf);
    expect(pixelDifference(rasterise(path.join(dir, 'bare.pdf')), b, 128)).toBeGreaterThan(0.015);
    expect(logger.lines.some((l) => l.event === 'a4.printed')).toBe(true);
    expect(state()).toBe('ready');
  });

  it('reports a stopped queue with its reason, cancels the job instead of printing it later, and recovers', async () => {
    await waitFor(() => state() === 'ready', 5000, 'queue ready');
    expect(sim.stop('卡纸 paper jam').ok).toBe(true);
    await waitFor(() => state() === 'stopped', 3000, 'stopped');
    expect(sup.view()).toMatchObject({ health: 'offline', status: { state: 'stopped', detail: '卡纸 paper jam' } });
    expect(deviceStatusLine('a4-printer', sup.view().status)).toBe('A4 打印机 / A4 printer：打印队列已停止 / print queue stopped: 卡纸 paper jam');

    const built = await service.buildPdf(sampleA4Doc);
    if (!built.ok) throw new Error(built.error);
    const r = await service.printPdf(built.value.pdf, 'stopped-test');
    expect(r).toMatchObject({ ok: false, error: { kind: 'stopped' } });
    if (!r.ok) expect(r.error.code).toBe('stopped-cancelled');

    expect(sim.resume().ok).toBe(true);
    await waitFor(() => state() === 'ready', 3000, 'ready again');
  });

  it('reports a printer removed from CUPS as not found, and reopens it when it comes back', async () => {
    await waitFor(() => state() === 'ready', 5000, 'queue ready');
    expect(sim.unplug().ok).toBe(true);
    await waitFor(() => state() === 'offline', 3000, 'offline');
    expect(sup.view().status).toMatchObject({ state: 'offline', reason: 'not-found' });
    const refused = await service.printPdf(Buffer.from('%PDF-1.4\n'), 'x');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'offline' } });
    const t = Date.now();
    expect((await sim.replug()).ok).toBe(true);
    await waitFor(() => state() === 'ready', 3000, 'back');
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('refuses bytes that are not a PDF before they reach CUPS', async () => {
    expect(await service.printPdf(Buffer.from('hello'), 'x')).toMatchObject({ ok: false, error: { kind: 'failed', detail: expect.stringContaining('%PDF') } });
  });
});
