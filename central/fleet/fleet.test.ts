// Heartbeat intake and the fleet view: signed like every terminal call, validated, stored, and
// turned into flags an operator acts on (silent, down, out of paper, behind on sync).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCentralApp, type CheckedApp } from '../test-support/checked-app';
import { CentralStore } from '../store';
import { signedRequest } from '../test-support/signed-client';
import { sampleHeartbeat } from './sample-heartbeat';

const ADMIN = 'admin-token-for-fleet-tests';
let dir: string;
let store: CentralStore;
let clock: number;
let app: CheckedApp;
const secret = (id: string) => `${id}-secret-`.padEnd(40, 'x');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  clock = Date.parse('2026-11-22T04:00:00Z');
  for (const id of ['FLT0001', 'FLT0002', 'FLT0003', 'FLT0004', 'FLT0005']) store.registerTerminal(id, secret(id));
  app = testCentralApp({ store, adminToken: ADMIN, now: () => clock });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const beat = async (terminalId: string, body: unknown, s = secret(terminalId)) =>
  app.fetch(await signedRequest('http://central.test', { terminalId, secret: s, method: 'POST', path: '/v1/heartbeats', json: body, timestamp: clock }));
const fleet = async () => (await app.fetch(new Request('http://central.test/fleet/json', { headers: { Authorization: `Bearer ${ADMIN}` } }))).json();

describe('heartbeats and the fleet view', () => {
  it('refuses unsigned, wrongly signed and malformed heartbeats', async () => {
    expect((await app.fetch(new Request('http://central.test/v1/heartbeats', { method: 'POST', body: '{}' }))).status).toBe(401);
    expect((await beat('FLT0001', sampleHeartbeat({ at: clock }), 'y'.repeat(40))).status).toBe(401);
    const bad = await beat('FLT0001', { ...sampleHeartbeat({ at: clock }), queue: { pending: -1 } });
    expect(bad.status).toBe(400);
    expect((await fleet()).terminals.find((t: { terminalId: string }) => t.terminalId === 'FLT0001').flags).toEqual(['never-reported']);
  });

  it('flags the terminal that is down, out of paper, behind on sync, and the one that stopped reporting', async () => {
    expect((await beat('FLT0001', sampleHeartbeat({ at: clock }))).status).toBe(200);
    await beat('FLT0002', sampleHeartbeat({ at: clock, paper: 'out' }));
    await beat('FLT0003', sampleHeartbeat({ at: clock, pending: 4, lastSyncAgoMs: 3_600_000 }));
    await beat('FLT0004', sampleHeartbeat({ at: clock, scannerOffline: true }));
    await beat('FLT0005', sampleHeartbeat({ at: clock, intervalSec: 60 }));
    clock += 150_000; // 2.5 intervals: nobody is silent yet
    for (const id of ['FLT0001', 'FLT0002', 'FLT0003', 'FLT0004'])
      await beat(
        id,
        sampleHeartbeat({ at: clock, paper: id === 'FLT0002' ? 'out' : 'ok', pending: id === 'FLT0003' ? 4 : 0, lastSyncAgoMs: id === 'FLT0003' ? 3_600_000 : 5000, scannerOffline: id === 'FLT0004' }),
      );
    let flags = Object.fromEntries((await fleet()).terminals.map((t: { terminalId: string; flags: string[] }) => [t.terminalId, t.flags]));
    expect(flags).toEqual({ FLT0001: [], FLT0002: ['down', 'paper-out'], FLT0003: ['behind-sync'], FLT0004: ['down'], FLT0005: [] });
    clock += 40_000; // FLT0005 last reported 190 s ago, more than 3 × 60 s
    flags = Object.fromEntries((await fleet()).terminals.map((t: { terminalId: string; flags: string[] }) => [t.terminalId, t.flags]));
    expect(flags.FLT0005).toEqual(['silent']);
    expect(flags.FLT0001).toEqual([]);

    const page = await app.fetch(new Request('http://central.test/fleet', { headers: { Authorization: `Bearer ${ADMIN}` } }));
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('data-terminal="FLT0005" data-flags="silent"');
    expect(html).toMatch(/data-testid="count-paper-out">1</);
    expect(html).toContain('<svg id="chart-per-day"');
  });

  it("words a down device as the kiosk's maintenance screen does, and keeps an older terminal's own sentence", async () => {
    const hb = sampleHeartbeat({ at: clock, scannerOffline: true });
    const a4Stopped = { device: 'a4-printer', health: 'offline', state: 'stopped', status: { state: 'stopped', detail: 'media-empty' }, paper: null, heldJobs: null };
    await beat('FLT0001', { ...hb, devices: [...hb.devices.filter((d) => d.device !== 'a4-printer'), a4Stopped] });
    // A terminal before contract 1.1 sends its sentence and no status.
    const old = { device: 'scanner', health: 'offline', state: 'offline', message: '扫描仪 / scanner：设备已断开 / device disconnected（USB 3-1）', paper: null, heldJobs: null };
    expect((await beat('FLT0002', { ...hb, devices: [...hb.devices.filter((d) => d.device !== 'scanner'), old] })).status).toBe(200);
    const down = Object.fromEntries((await fleet()).terminals.map((t: { terminalId: string; downDevices: unknown }) => [t.terminalId, t.downDevices]));
    expect(down.FLT0001).toEqual([
      { device: 'scanner', message: '扫描仪 / scanner：设备已断开 / device disconnected' },
      { device: 'a4-printer', message: 'A4 打印机 / A4 printer：打印队列已停止 / print queue stopped: media-empty' },
    ]);
    expect(down.FLT0002).toEqual([{ device: 'scanner', message: '扫描仪 / scanner：设备已断开 / device disconnected（USB 3-1）' }]);
    const html = await (await app.fetch(new Request('http://central.test/fleet', { headers: { Authorization: `Bearer ${ADMIN}` } }))).text();
    expect(html).toContain('A4 打印机 / A4 printer：打印队列已停止 / print queue stopped: media-empty');
  });

  it('sums usage over terminals, replacing a day when a terminal reports it again', async () => {
    await beat('FLT0001', sampleHeartbeat({ at: clock, kiosk: 3, helper: 1 }));
    await beat('FLT0002', sampleHeartbeat({ at: clock, kiosk: 2, helper: 2 }));
    await beat('FLT0001', sampleHeartbeat({ at: clock + 60_000, kiosk: 4, helper: 1 })); // later figures for today
    const { usage } = await fleet();
    const today = usage.perDay.at(-1);
    expect(today).toMatchObject({ kiosk: 6, helper: 3 });
    expect(usage.total).toBe(6 + 3 + 12); // plus 6 each yesterday
    expect(usage.noVisit).toBe(4 + 2 + 10);
    expect(usage.ratings).toEqual([0, 0, 2, 0, 4]);
    expect(usage.steps.find((s: { step: string }) => s.step === 'materials')).toMatchObject({ reached: 14, abandoned: 4, completed: 10 });
  });

  it('keeps the fleet page behind the admin token, with a cookie login for browsers', async () => {
    expect((await app.fetch(new Request('http://central.test/fleet'))).status).toBe(401);
    expect((await app.fetch(new Request('http://central.test/fleet/login?token=wrong'))).status).toBe(401);
    const login = await app.fetch(new Request(`http://central.test/fleet/login?token=${ADMIN}`));
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.fetch(new Request('http://central.test/fleet', { headers: { Cookie: cookie } }))).status).toBe(200);
  });
});
