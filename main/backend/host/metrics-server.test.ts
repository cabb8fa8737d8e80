// The terminal's own metrics as a local Prometheus scrapes them: on their own 127.0.0.1 port,
// not through the kiosk's API origin; device health, the queue and whether a kiosk window is
// listening, with no personal data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHeadless } from './headless';

const SECRET = 'metrics-test-secret-' + 'm'.repeat(24);
let host: Awaited<ReturnType<typeof runHeadless>> | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

async function start() {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-metrics-'));
  host = await runHeadless({ dataDir, configFile: null, rendererDir: null, secret: SECRET, metricsPort: 0, firstSyncWaitMs: 0 });
  return host;
}

const sample = (text: string, name: string, labels = '') => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

describe('kiosk metrics on loopback', () => {
  it('shows device health, the queue and a kiosk window connecting and leaving', async () => {
    const h = await start();
    const scrape = async () => (await fetch(`http://127.0.0.1:${h.metrics!.port}/metrics`)).text();
    let text = await scrape();
    expect(text).toMatch(/^kiosk_build_info\{version="[^"]+",terminal="[^"]+"\} 1$/m);
    expect(sample(text, 'kiosk_queue_submissions', 'state="pending"')).toBe(0);
    expect(sample(text, 'kiosk_ui_streams')).toBe(0);
    expect(sample(text, 'kiosk_disk_free_bytes')).toBeGreaterThan(0);
    // A device may change health between a scrape and reading the list (a simulator still coming
    // up on a loaded machine): compare a scrape taken between two equal readings of the list.
    const health = () => h.backend.ctx.devices.list().map((d) => ({ device: d.device, health: d.health }));
    let devices = health();
    for (let tries = 0; tries < 50; tries++) {
      text = await scrape();
      const now = health();
      if (JSON.stringify(now) === JSON.stringify(devices)) break;
      devices = now;
    }
    expect(devices.length).toBeGreaterThan(0);
    for (const d of devices) expect(sample(text, 'kiosk_device_health', `device="${d.device}",health="${d.health}"`)).toBe(1);

    // a kiosk window opens the event stream (as the renderer does), then goes away
    const ac = new AbortController();
    const events = await fetch(`${h.server.origin}/api/events`, { headers: { Authorization: `Bearer ${SECRET}` }, signal: ac.signal });
    expect(events.status).toBe(200);
    text = await scrape();
    expect(sample(text, 'kiosk_ui_streams')).toBe(1);
    ac.abort();
    await expect.poll(async () => sample(await scrape(), 'kiosk_ui_streams'), { timeout: 5000 }).toBe(0);
  });

  it('is only on its own port: the kiosk origin has no /metrics, the metrics port nothing else', async () => {
    const h = await start();
    const viaKiosk = await fetch(`${h.server.origin}/metrics`, { headers: { Authorization: `Bearer ${SECRET}` } });
    expect(await viaKiosk.text()).not.toContain('kiosk_queue_submissions');
    expect((await fetch(`http://127.0.0.1:${h.metrics!.port}/api/events`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${h.metrics!.port}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('is not started unless asked for', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-metrics-'));
    host = await runHeadless({ dataDir, configFile: null, rendererDir: null, secret: SECRET, firstSyncWaitMs: 0 });
    expect(host.metrics).toBeNull();
  });
});
