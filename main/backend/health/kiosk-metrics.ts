// This terminal's own figures for a Prometheus on the machine (or a technician's curl): device
// health and paper, the offline queue and its sync, disk, and whether a kiosk window is
// listening to the backend's events. Computed when scraped; a registry per backend (tests boot
// several in one process). No personal data: labels are device kinds and fixed states.
import { Gauge, Registry } from 'prom-client';
import type { BackendContext } from '../context';
import { diskUse } from './disk-use';

const HEALTH = ['ok', 'degraded', 'offline'] as const;
const PAPER = ['ok', 'near-end', 'out'] as const;
const SYNC_STATES = ['idle', 'syncing', 'offline', 'backoff', 'auth-failed', 'stopped'] as const;

export function kioskMetrics(ctx: BackendContext, dataDir: string, now: () => number = Date.now): Registry {
  const registry = new Registry();
  const registers = [registry];
  new Gauge({
    name: 'kiosk_build_info',
    help: 'Always 1; the release this terminal runs and its terminal id.',
    labelNames: ['version', 'terminal'],
    registers,
    collect() {
      this.reset();
      this.set({ version: ctx.version, terminal: ctx.config.terminalId }, 1);
    },
  });
  new Gauge({
    name: 'kiosk_device_health',
    help: 'Each configured device: 1 on its health (ok, degraded, offline), 0 on the others.',
    labelNames: ['device', 'health'],
    registers,
    collect() {
      this.reset();
      for (const d of ctx.devices.list()) for (const h of HEALTH) this.set({ device: d.device, health: h }, d.health === h ? 1 : 0);
    },
  });
  new Gauge({
    name: 'kiosk_receipt_paper',
    help: 'Receipt paper: 1 on the state the printer reports (ok, near-end, out), 0 on the others; absent when it cannot tell.',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      const paper = ctx.devices.list().find((d) => d.device === 'receipt-printer')?.consumables?.paper;
      if (paper) for (const p of PAPER) this.set({ state: p }, paper === p ? 1 : 0);
    },
  });
  new Gauge({
    name: 'kiosk_queue_submissions',
    help: 'Submissions in the offline queue by state: pending (not yet at central), dead (refused for good).',
    labelNames: ['state'],
    registers,
    collect() {
      const q = ctx.queue.status();
      this.set({ state: 'pending' }, q.pending);
      this.set({ state: 'dead' }, q.dead);
    },
  });
  new Gauge({
    name: 'kiosk_sync_state',
    help: 'The sync engine: 1 on its current state, 0 on the others.',
    labelNames: ['state'],
    registers,
    collect() {
      const s = ctx.queue.status().state;
      for (const st of SYNC_STATES) this.set({ state: st }, s === st ? 1 : 0);
    },
  });
  new Gauge({
    name: 'kiosk_sync_last_success_age_seconds',
    help: 'Seconds since the last successful sync with central (absent before the first).',
    registers,
    collect() {
      this.reset();
      const last = ctx.queue.status().lastSyncAt;
      if (last) this.set(Math.max(0, Math.round((now() - Date.parse(last)) / 1000)));
    },
  });
  new Gauge({
    name: 'kiosk_disk_free_bytes',
    help: 'Free bytes on the disk holding the kiosk data (database, keys, logs).',
    registers,
    collect() {
      this.reset();
      const d = diskUse(dataDir);
      if (d) this.set(d.freeBytes);
    },
  });
  new Gauge({
    name: 'kiosk_ui_streams',
    help: 'Kiosk windows listening to the backend’s event stream: 0 means nothing on screen is driving the kiosk.',
    registers,
    collect() {
      this.set(ctx.bus.streams);
    },
  });
  return registry;
}
