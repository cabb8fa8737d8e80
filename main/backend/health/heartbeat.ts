// The heartbeat: every heartbeatSec seconds the kiosk tells central how it is (devices,
// consumables, queue, version) and the last two days of usage aggregates, signed like every
// other terminal call. The aggregates ride along only when they changed since central last got
// them (or an hour has passed): central keeps each day's latest figures, so a quiet terminal's
// heartbeat stays small. A failed beat is not retried: the next one carries fresher figures.
import type { HeartbeatConfig, HeartbeatUpdate } from '../../../common/fleet-updates';
import type { AnyDeviceStatus } from '../../../common/devices';
import type { Heartbeat, HeartbeatDeviceStatus } from '../../../common/heartbeat';
import type { DeviceLayer } from '../../../devices/device-layer';
import type { SubmissionQueue } from '../../../offline-queue/queue';
import type { CatalogService } from '../catalog/catalog-service';
import type { KioskConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { diskUse } from './disk-use';
import type { UsageTracker } from './usage-tracker';

/** Resend unchanged usage aggregates at least this often (central may have lost a day). */
export const USAGE_RESEND_MS = 3_600_000;

/**
 * What a heartbeat reads and how it is sent. Named here, not taken as the whole backend context:
 * the context holds the maintenance services, which start the heartbeat.
 */
export interface HeartbeatSources {
  readonly bootId: string;
  readonly version: string;
  readonly config: Pick<KioskConfig, 'heartbeatSec' | 'crypto'>;
  readonly catalog: Pick<CatalogService, 'catalog'>;
  readonly devices: Pick<DeviceLayer, 'list'>;
  readonly queue: Pick<SubmissionQueue, 'status' | 'client'>;
  readonly logger: Logger;
  /** the updater's progress (absent where no updater runs) */
  readonly updates?: { heartbeat(): HeartbeatUpdate };
  /** the remote configuration's applied version and drift (absent where none is fetched) */
  readonly remoteConfig?: { heartbeat(): HeartbeatConfig };
}

export function buildHeartbeat(ctx: HeartbeatSources, usage: UsageTracker, dataDir: string): Heartbeat {
  const q = ctx.queue.status();
  const disk = diskUse(dataDir);
  return {
    sentAt: new Date().toISOString(),
    intervalSec: ctx.config.heartbeatSec,
    version: ctx.version,
    bootId: ctx.bootId,
    catalogVersion: ctx.catalog.catalog?.version ?? null,
    devices: ctx.devices.list().map((v) => ({
      device: v.device,
      health: v.health,
      state: v.status.state,
      status: heartbeatStatus(v.status),
      paper: v.consumables?.paper ?? null,
      heldJobs: v.consumables?.heldJobs ?? null,
    })),
    queue: { state: q.state, pending: q.pending, sent: q.sent, dead: q.dead, lastSyncAt: q.lastSyncAt },
    disk: disk ? { freeBytes: disk.freeBytes, totalBytes: disk.totalBytes } : null,
    usage: usage.report(2),
    update: ctx.updates?.heartbeat() ?? null,
    config: ctx.remoteConfig?.heartbeat() ?? null,
    cryptoSuite: ctx.config.crypto.suite,
  };
}

/** The status's parameters as the heartbeat carries them (central words them, common/device-words.ts). */
function heartbeatStatus(s: AnyDeviceStatus): HeartbeatDeviceStatus {
  return {
    state: s.state,
    ...('reason' in s ? { reason: s.reason } : {}),
    ...('detail' in s ? { detail: s.detail.slice(0, 300) } : {}),
    ...('sw3' in s ? { sw3: s.sw3 } : {}),
    ...('paperNearEnd' in s ? { paperNearEnd: s.paperNearEnd } : {}),
  };
}

export interface HeartbeatOutcome {
  at: string;
  ok: boolean;
  bytes: number;
  /** why it failed, as the central link said it (English, for the technician) */
  detail: string | null;
}

export class HeartbeatSender {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<HeartbeatOutcome> | null = null;
  last: HeartbeatOutcome | null = null;
  lastOk: string | null = null;

  constructor(
    private readonly ctx: HeartbeatSources,
    private readonly usage: UsageTracker,
    private readonly dataDir: string,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.ctx.config.heartbeatSec * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => undefined);
  }

  beat(): Promise<HeartbeatOutcome> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.send().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private lastUsage: { json: string; at: number } | null = null;

  private async send(): Promise<HeartbeatOutcome> {
    const full = buildHeartbeat(this.ctx, this.usage, this.dataDir);
    const usageJson = JSON.stringify(full.usage);
    const unchanged = this.lastUsage && this.lastUsage.json === usageJson && Date.now() - this.lastUsage.at < USAGE_RESEND_MS;
    const body = unchanged ? { ...full, usage: null } : full;
    const bytes = Buffer.byteLength(JSON.stringify(body));
    const r = await this.ctx.queue.client.call('heartbeat', { json: body, timeoutMs: 10_000 });
    const at = new Date().toISOString();
    if (r.ok) {
      if (!unchanged) this.lastUsage = { json: usageJson, at: Date.now() };
      this.ctx.logger.log('heartbeat.sent', { bytes });
      this.lastOk = at;
      this.last = { at, ok: true, bytes, detail: null };
    } else {
      this.ctx.logger.log('heartbeat.failed', { kind: r.failure.kind, message: r.failure.message });
      this.last = { at, ok: false, bytes, detail: r.failure.message };
    }
    return this.last;
  }
}
