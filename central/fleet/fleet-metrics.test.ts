// GET /metrics as Prometheus scrapes it: simulated terminals send heartbeats, the exposition is
// parsed and its figures checked against what an operator would see on the fleet page; no
// personal data reaches a label whatever a terminal sends; the token is required.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../catalog/sample-catalog';
import { CentralStore } from '../store';
import { testCentralApp, type CheckedApp } from '../test-support/checked-app';
import { signedRequest } from '../test-support/signed-client';
import { sampleHeartbeat } from './sample-heartbeat';

const ADMIN = 'admin-token-for-metrics-tests';
const METRICS = 'metrics-token-for-metrics-tests';
const SERVICE = '321300-GG-00201-001';
const TERMINALS = ['MTR0001', 'MTR0002', 'MTR0003', 'MTR0004', 'MTR0005', 'MTR0006'];
let dir: string;
let store: CentralStore;
let clock: number;
let app: CheckedApp;
const secret = (id: string) => `${id}-secret-`.padEnd(40, 'x');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-'));
  store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  clock = Date.parse('2026-11-22T04:00:00Z');
  for (const id of TERMINALS) store.registerTerminal(id, secret(id));
  app = testCentralApp({ store, adminToken: ADMIN, metricsToken: METRICS, now: () => clock });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const beat = async (terminalId: string, body: unknown) => {
  const r = await app.fetch(await signedRequest('http://central.test', { terminalId, secret: secret(terminalId), method: 'POST', path: '/v1/heartbeats', json: body, timestamp: clock }));
  expect(r.status).toBe(200);
};
const scrape = (headers: Record<string, string> = { Authorization: `Bearer ${METRICS}` }) => app.fetch(new Request('http://central.test/metrics', { headers }));

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The sample lines of a text-format or OpenMetrics exposition (comments and `# EOF` skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const hit = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (hit.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${hit.length} samples`);
  return hit[0]?.value;
}

async function figures(): Promise<Sample[]> {
  const r = await scrape();
  expect(r.status).toBe(200);
  return parseExposition(await r.text());
}

describe('GET /metrics', () => {
  it('needs the metrics or the admin token: the figures say which hall has a broken machine', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await scrape({ Authorization: `Bearer ${METRICS}` })).status).toBe(200);
    expect((await scrape({ Authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    // the metrics token opens nothing else
    expect((await app.fetch(new Request('http://central.test/fleet/json', { headers: { Authorization: `Bearer ${METRICS}` } }))).status).toBe(401);
    expect((await app.fetch(new Request('http://central.test/metrics', { method: 'POST', headers: { Authorization: `Bearer ${METRICS}` } }))).status).toBe(405);
  });

  it('shows the fleet as the simulated terminals report it, and a terminal going silent', async () => {
    await beat('MTR0001', sampleHeartbeat({ at: clock, kiosk: 3, helper: 1 }));
    await beat('MTR0002', sampleHeartbeat({ at: clock, paper: 'out', kiosk: 2, helper: 0 }));
    await beat('MTR0003', sampleHeartbeat({ at: clock, pending: 4, lastSyncAgoMs: 3_600_000 }));
    await beat('MTR0004', sampleHeartbeat({ at: clock, scannerOffline: true, paper: 'near-end' }));
    await beat('MTR0005', { ...sampleHeartbeat({ at: clock }), queue: { state: 'auth-failed', pending: 0, sent: 40, dead: 2, lastSyncAt: null } });
    // MTR0006 never reports

    let s = await figures();
    expect(value(s, 'kiosk_fleet_terminals', { health: 'ok' })).toBe(1);
    expect(value(s, 'kiosk_fleet_terminals', { health: 'down' })).toBe(2); // paper out takes the printer offline; the scanner
    expect(value(s, 'kiosk_fleet_terminals', { health: 'degraded' })).toBe(2); // behind on sync; dead letters
    expect(value(s, 'kiosk_fleet_terminals', { health: 'never_reported' })).toBe(1);
    expect(value(s, 'kiosk_fleet_terminals', { health: 'silent' })).toBe(0);
    expect(value(s, 'kiosk_fleet_receipt_paper', { terminal: 'MTR0002', state: 'out' })).toBe(1);
    expect(value(s, 'kiosk_fleet_receipt_paper', { terminal: 'MTR0004', state: 'near_end' })).toBe(1);
    expect(value(s, 'kiosk_fleet_receipt_paper', { terminal: 'MTR0001', state: 'ok' })).toBe(1);
    expect(value(s, 'kiosk_fleet_receipt_paper', { terminal: 'MTR0001', state: 'out' })).toBeUndefined();
    expect(value(s, 'kiosk_fleet_devices_down', { terminal: 'MTR0004', device: 'scanner' })).toBe(1);
    expect(value(s, 'kiosk_fleet_devices_down', { terminal: 'MTR0002', device: 'receipt-printer' })).toBe(1);
    expect(value(s, 'kiosk_fleet_devices_down', { terminal: 'MTR0001' })).toBeUndefined(); // all its devices work
    expect(value(s, 'kiosk_fleet_queue_pending', { terminal: 'MTR0003' })).toBe(4);
    expect(value(s, 'kiosk_fleet_queue_unsynced_age_seconds', { terminal: 'MTR0003' })).toBe(3600);
    expect(value(s, 'kiosk_fleet_queue_unsynced_age_seconds', { terminal: 'MTR0001' })).toBe(0);
    expect(value(s, 'kiosk_fleet_queue_dead', { terminal: 'MTR0005' })).toBe(2);
    expect(value(s, 'kiosk_fleet_sync_state', { state: 'auth-failed' })).toBe(1);
    expect(value(s, 'kiosk_fleet_sync_state', { state: 'idle' })).toBe(4);
    expect(value(s, 'kiosk_fleet_release', { version: '0.1.0' })).toBe(5);
    // today: 3 + 2 + 3 × 3 kiosk submissions (the sample's default is 3), helpers 1 + 0 + 3 × 1
    expect(value(s, 'kiosk_fleet_submissions_today', { channel: 'kiosk', service: SERVICE })).toBe(14);
    expect(value(s, 'kiosk_fleet_submissions_today', { channel: 'helper', service: SERVICE })).toBe(4);
    expect(value(s, 'kiosk_fleet_ratings_today', { rating: '5' })).toBe(10);
    expect(value(s, 'kiosk_fleet_ratings_today', { rating: '1' })).toBe(0);
    expect(value(s, 'kiosk_fleet_terminal_heartbeat_age_seconds', { terminal: 'MTR0006' })).toBeUndefined();

    clock += 200_000; // 3 intervals and more without a heartbeat, except from MTR0001, whose paper ran out meanwhile
    await beat('MTR0001', sampleHeartbeat({ at: clock, kiosk: 3, helper: 1, paper: 'out' }));
    s = await figures();
    expect(value(s, 'kiosk_fleet_receipt_paper', { terminal: 'MTR0001', state: 'out' })).toBe(1);
    expect(value(s, 'kiosk_fleet_terminal_silent', { terminal: 'MTR0002' })).toBe(1);
    expect(value(s, 'kiosk_fleet_terminal_silent', { terminal: 'MTR0001' })).toBe(0);
    expect(value(s, 'kiosk_fleet_terminal_heartbeat_age_seconds', { terminal: 'MTR0002' })).toBe(200);
    expect(value(s, 'kiosk_fleet_terminals', { health: 'silent' })).toBe(4);
    // a silent terminal's last paper and queue figures are stale: not exported as current
    expect(value(s, 'kiosk_fleet_receipt_paper', { terminal: 'MTR0002', state: 'out' })).toBeUndefined();
    expect(value(s, 'kiosk_fleet_queue_pending', { terminal: 'MTR0003' })).toBeUndefined();
  });

  it('shows each terminal’s update step and remote configuration version and drift', async () => {
    const at = new Date(clock).toISOString();
    const update = (step: 'done' | 'rolled-back') => ({ step, current: '0.1.0', target: '0.2.0', reason: step === 'rolled-back' ? ('unhealthy' as const) : null, message: '', at });
    await beat('MTR0001', sampleHeartbeat({ at: clock, update: update('done'), config: { applied: { group: 3, terminal: null }, drift: false, driftFields: [], refused: null } }));
    await beat(
      'MTR0002',
      sampleHeartbeat({ at: clock, update: update('rolled-back'), config: { applied: { group: 3, terminal: 7 }, drift: true, driftFields: ['idle.warnAfterSec'], refused: null } }),
    );
    await beat('MTR0003', sampleHeartbeat({ at: clock })); // an older terminal: neither part
    const s = await figures();
    expect(value(s, 'kiosk_fleet_update_state', { terminal: 'MTR0001', state: 'done' })).toBe(1);
    expect(value(s, 'kiosk_fleet_update_state', { terminal: 'MTR0002', state: 'rolled-back' })).toBe(1);
    expect(value(s, 'kiosk_fleet_update_state', { terminal: 'MTR0002', state: 'done' })).toBeUndefined();
    expect(value(s, 'kiosk_fleet_update_state', { terminal: 'MTR0003', state: 'idle' })).toBeUndefined();
    expect(value(s, 'kiosk_fleet_config_version', { terminal: 'MTR0001', scope: 'group' })).toBe(3);
    expect(value(s, 'kiosk_fleet_config_version', { terminal: 'MTR0001', scope: 'terminal' })).toBeUndefined();
    expect(value(s, 'kiosk_fleet_config_version', { terminal: 'MTR0002', scope: 'terminal' })).toBe(7);
    expect(value(s, 'kiosk_fleet_config_drift', { terminal: 'MTR0001' })).toBe(0);
    expect(value(s, 'kiosk_fleet_config_drift', { terminal: 'MTR0002' })).toBe(1);
    expect(value(s, 'kiosk_fleet_config_drift', { terminal: 'MTR0003' })).toBeUndefined();
  });

  it('answers OpenMetrics to a scraper that asks for it, the text format otherwise', async () => {
    await beat('MTR0001', sampleHeartbeat({ at: clock }));
    const om = await scrape({ Authorization: `Bearer ${METRICS}`, Accept: 'application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5' });
    expect(om.headers.get('content-type')).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    const omText = await om.text();
    expect(omText.endsWith('# EOF\n')).toBe(true);
    expect(value(parseExposition(omText), 'kiosk_fleet_terminals', { health: 'ok' })).toBe(1);
    const plain = await scrape();
    expect(plain.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await plain.text()).not.toContain('# EOF');
  });

  it('never puts personal data in a label, whatever a terminal sends in its free fields', async () => {
    const idNumber = '32130219800101123X';
    const hb = sampleHeartbeat({ at: clock, scannerOffline: true, serviceCode: idNumber });
    await beat('MTR0001', {
      ...hb,
      version: idNumber,
      devices: [
        // the sentence older terminals send and the status parameters newer ones send
        ...hb.devices.map((d) => ({ ...d, message: `张三 ${idNumber} 读卡失败`, status: { state: `张三${idNumber}`.slice(0, 40), reason: idNumber, detail: `张三 ${idNumber}` } })),
        { device: 'zhangsan', health: 'offline', state: 'x', message: idNumber, paper: null, heldJobs: null },
      ],
    });
    const r = await scrape();
    const text = await r.text();
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('zhangsan');
    const s = parseExposition(text);
    expect(value(s, 'kiosk_fleet_submissions_today', { channel: 'kiosk', service: 'other' })).toBe(3);
    expect(value(s, 'kiosk_fleet_release', { version: 'other' })).toBe(1);
    expect(value(s, 'kiosk_fleet_devices_down', { terminal: 'MTR0001', device: 'other' })).toBe(1);
    const labelValues = new Set(s.flatMap((x) => Object.values(x.labels)));
    for (const v of labelValues) expect(v).toMatch(/^(MTR\d{4}|[a-z][a-z0-9_-]*|[1-5]|0\.1\.0|321300-GG-00201-001)$/);
  });

  it('keeps each central app’s figures in its own registry', async () => {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-other-'));
    const other = new CentralStore(path.join(otherDir, 'central.db'));
    try {
      other.registerTerminal('OTH0001', secret('OTH0001'));
      const otherApp = testCentralApp({ store: other, adminToken: ADMIN, now: () => clock });
      await beat('MTR0001', sampleHeartbeat({ at: clock }));
      const mine = await figures();
      const theirs = parseExposition(await (await otherApp.fetch(new Request('http://central.test/metrics', { headers: { Authorization: `Bearer ${ADMIN}` } }))).text());
      expect(value(mine, 'kiosk_fleet_terminals', { health: 'never_reported' })).toBe(5);
      expect(value(theirs, 'kiosk_fleet_terminals', { health: 'never_reported' })).toBe(1);
      expect(value(theirs, 'kiosk_fleet_terminals', { health: 'ok' })).toBe(0);
    } finally {
      other.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
