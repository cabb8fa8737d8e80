// The real SANE driver (scanimage) against SANE's test backend in a private config directory.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../core/log';
import { imageInfo } from '../materials/image-info';
import { PageInbox } from '../materials/page-inbox';
import { DeviceSupervisor } from '../supervisor/supervisor';
import { tempDir, waitFor } from '../test-support/wait';
import { SaneTestSim } from './sane-sim';
import { SaneScannerSession } from './scanner';
import { ScannerService } from './service';

let dir: string;
let sim: SaneTestSim;
let sup: DeviceSupervisor<'scanner', SaneScannerSession>;
let inbox: PageInbox;
let service: ScannerService;
const logger = memoryLogger();

beforeEach(async () => {
  dir = tempDir('sane');
  sim = new SaneTestSim(`${dir}/sane`);
  inbox = new PageInbox();
  sup = new DeviceSupervisor({
    kind: 'scanner',
    mode: 'simulator',
    logger,
    retryMs: 300,
    connect: () => SaneScannerSession.connect({ env: { configDir: sim.configDir }, probeMs: 300 }),
  });
  service = new ScannerService(sup, inbox, logger);
  sup.start();
  await sup.settled();
});

afterEach(async () => {
  await sup.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const state = () => sup.view().status.state;

describe('scanner through SANE', () => {
  it('scans three pages from the document feeder into the materials inbox', async () => {
    expect(state()).toBe('ready');
    const r = await service.scan({ source: 'adf', mode: 'color', resolution: 100, format: 'png', maxPages: 3 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.map((p) => p.mime)).toEqual(['image/png', 'image/png', 'image/png']);
    expect(inbox.list().length).toBe(3);
    const page = inbox.get(r.value[0]!.id)!;
    // 200 mm (the test backend's widest) at 100 dpi
    expect(imageInfo(page.bytes)).toEqual({ mime: 'image/png', width: 787, height: 787 });
    expect(logger.lines.find((l) => l.event === 'scan.completed')?.fields).toMatchObject({ pages: 3, source: 'adf' });
  });

  it('scans a single grey JPEG page from the flatbed at the requested resolution', async () => {
    const r = await service.scan({ source: 'flatbed', mode: 'gray', resolution: 150, format: 'jpeg' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.length).toBe(1);
    expect(imageInfo(inbox.get(r.value[0]!.id)!.bytes)).toEqual({ mime: 'image/jpeg', width: 1181, height: 1181 });
  });

  it('empties the feeder: without a page limit it stops when SANE says there are no more', async () => {
    const r = await service.scan({ source: 'adf', mode: 'gray', resolution: 30, format: 'png' });
    // the test backend's feeder holds 10 sheets; 30 dpi is too small for the inbox's minimum and says so
    expect(r).toMatchObject({ ok: false, error: { kind: 'pages-unusable', unusable: { page: expect.any(Number), problem: 'too-small' } } });
    const ok = await service.scan({ source: 'adf', mode: 'gray', resolution: 75, format: 'png' });
    if (!ok.ok) throw new Error(JSON.stringify(ok.error));
    expect(ok.value.length).toBe(10);
  });

  it.each([
    ['jammed', 'jammed', 'degraded'],
    ['cover-open', 'cover-open', 'offline'],
  ] as const)('maps a %s scanner to a status and a fault code, and clears it on the next good scan', async (f, kind, health) => {
    sim.setFault(f);
    const r = await service.scan({ source: 'adf', mode: 'color', resolution: 100, format: 'png', maxPages: 3 });
    expect(r).toMatchObject({ ok: false, error: { kind } });
    expect(sup.view()).toMatchObject({ health, status: { state: kind } });
    sim.setFault('none');
    expect((await service.scan({ source: 'flatbed', mode: 'color', resolution: 100, format: 'png' })).ok).toBe(true);
    expect(state()).toBe('ready');
  });

  it('tells the citizen to insert documents when the feeder is empty', async () => {
    sim.setFault('no-documents');
    const r = await service.scan({ source: 'adf', mode: 'color', resolution: 100, format: 'png' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'no-documents', accepted: [] } });
    expect(inbox.list()).toEqual([]);
  });

  it('notices the scanner being unplugged and finds it again when it returns', async () => {
    sim.unplug();
    await waitFor(() => state() === 'offline', 3000, 'offline');
    expect(sup.view().status).toMatchObject({ state: 'offline', reason: 'unplugged' });
    const r = await service.scan({ source: 'flatbed', mode: 'color', resolution: 100, format: 'png' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const t = Date.now();
    sim.replug();
    await waitFor(() => state() === 'ready', 3000, 'back');
    expect(Date.now() - t).toBeLessThan(2000);
  });
});
