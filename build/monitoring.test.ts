// The monitoring an operations team installs (build/monitoring/): promtool accepts the alert
// rules and the example Prometheus config, the alerts fire on synthetic series (promtool's own
// rule unit tests), and the Grafana dashboard's every query parses and asks only for figures
// central really exports — read from a scrape of a central that received heartbeats.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleHeartbeat } from '../central/fleet/sample-heartbeat';
import { CentralStore } from '../central/store';
import { testCentralApp } from '../central/test-support/checked-app';
import { signedRequest } from '../central/test-support/signed-client';

const dir = path.join(import.meta.dirname, 'monitoring');
/** Series Prometheus makes itself for every scrape target. */
const PROMETHEUS_OWN = new Set(['up']);

let tmp: string;
let exported: Set<string>;

const promtool = (...args: string[]) => execFileSync('promtool', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const metricNames = (expr: string) => new Set([...expr.matchAll(/\b(kiosk_[a-z_]+|up)\b(?!\s*\()/g)].map((m) => m[1]!));

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'monitoring-'));
  const store = new CentralStore(path.join(tmp, 'central.db'));
  try {
    const secret = 'm'.repeat(40);
    store.registerTerminal('MON0001', secret);
    const app = testCentralApp({ store, adminToken: 'admin-token-for-monitoring' });
    const beat = await app.fetch(await signedRequest('http://central.test', { terminalId: 'MON0001', secret, method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat() }));
    expect(beat.status).toBe(200);
    const scrape = await app.fetch(new Request('http://central.test/metrics', { headers: { Authorization: 'Bearer admin-token-for-monitoring' } }));
    exported = new Set([...(await scrape.text()).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
  } finally {
    store.close();
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('alert rules', () => {
  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', 'kiosk-alerts.yml')).toMatch(/SUCCESS: 9 rules found/);
  });

  it('fire on the series they are meant for, after their delay, and not on healthy ones (promtool test rules)', () => {
    expect(promtool('test', 'rules', 'kiosk-alerts.test.yml')).toMatch(/SUCCESS/);
  });

  it('cover a silent terminal, paper out, a sync backlog and a failed update', () => {
    const rules = fs.readFileSync(path.join(dir, 'kiosk-alerts.yml'), 'utf8');
    for (const alert of ['KioskTerminalSilent', 'KioskReceiptPaperOut', 'KioskSyncBacklog', 'KioskUpdateFailed']) expect(rules).toContain(`alert: ${alert}\n`);
  });

  it('ask only for figures central exports (or that wait for the update heartbeat, named here)', () => {
    const rules = fs.readFileSync(path.join(dir, 'kiosk-alerts.yml'), 'utf8');
    const used = new Set([...rules.matchAll(/^\s+expr: (.*)$/gm)].flatMap((m) => [...metricNames(m[1]!)]));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) if (!PROMETHEUS_OWN.has(name)) expect(exported, name).toContain(name);
  });

  it('go with an example Prometheus config that promtool accepts', () => {
    const token = path.join(tmp, 'kiosk-central.token');
    fs.writeFileSync(token, 'metrics-token\n', { mode: 0o600 });
    fs.copyFileSync(path.join(dir, 'kiosk-alerts.yml'), path.join(tmp, 'kiosk-alerts.yml'));
    const config = fs.readFileSync(path.join(dir, 'prometheus.example.yml'), 'utf8').replace('/etc/prometheus/kiosk-central.token', token);
    fs.writeFileSync(path.join(tmp, 'prometheus.yml'), config);
    expect(execFileSync('promtool', ['check', 'config', 'prometheus.yml'], { cwd: tmp, encoding: 'utf8' })).toMatch(/is valid prometheus config file/);
  });
});

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(fs.readFileSync(path.join(dir, 'grafana-dashboard.json'), 'utf8')) as {
    uid: string;
    panels: { title: string; gridPos: { x: number; w: number }; targets: { expr: string }[] }[];
  };
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ panel: p.title, expr: t.expr })));

  it('has panels for the fleet figures the issue names', () => {
    const all = exprs.map((e) => e.expr).join('\n');
    for (const name of [
      'kiosk_fleet_terminals',
      'kiosk_fleet_devices_down',
      'kiosk_fleet_receipt_paper',
      'kiosk_fleet_queue_pending',
      'kiosk_fleet_queue_unsynced_age_seconds',
      'kiosk_fleet_sync_state',
      'kiosk_fleet_submissions_today',
      'kiosk_fleet_ratings_today',
      'kiosk_fleet_release',
    ])
      expect(all).toContain(name);
    for (const p of dashboard.panels) expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
  });

  it('has only queries PromQL parses (each checked by promtool as a recording rule)', () => {
    const rules = ['groups:', '  - name: dashboard-queries', '    rules:', ...exprs.flatMap((e, i) => [`      - record: dashboard:query_${i}`, `        expr: ${JSON.stringify(e.expr)}`])].join('\n');
    fs.writeFileSync(path.join(tmp, 'dashboard-queries.yml'), `${rules}\n`);
    expect(execFileSync('promtool', ['check', 'rules', 'dashboard-queries.yml'], { cwd: tmp, encoding: 'utf8' })).toContain(`SUCCESS: ${exprs.length} rules found`);
  });

  it('asks only for metrics central exports', () => {
    for (const { panel, expr } of exprs) {
      const names = metricNames(expr);
      expect(names.size, panel).toBeGreaterThan(0);
      for (const name of names) if (!PROMETHEUS_OWN.has(name)) expect(exported, `${panel}: ${name}`).toContain(name);
    }
  });
});
