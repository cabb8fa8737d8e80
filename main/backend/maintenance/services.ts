// Technician maintenance mode and terminal health, as one bundle on the backend context:
// technician auth, the audit trail, last device errors, usage statistics and the heartbeat.
import type { DeviceLayer } from '../../../devices/device-layer';
import type { Store } from '../../../offline-queue/store/store';
import type { KioskConfig } from '../config/schema';
import type { EventBus } from '../event-bus';
import { HeartbeatSender, type HeartbeatSources } from '../health/heartbeat';
import { UsageTracker } from '../health/usage-tracker';
import type { Logger } from '../log/logger';
import { Auditor } from './audit';
import { DeviceErrorLog } from './device-errors';
import { TechnicianAuth, type LockoutState } from './technician-auth';

const LOCKOUT_META = 'maintenance_lockout';

import type { AtRestKeyFacts } from './at-rest-key';

export interface MaintenanceDeps {
  config: KioskConfig;
  store: Store;
  logger: Logger;
  bus: EventBus;
  devices: DeviceLayer;
  dataDir: string;
  /** the file config edits are written to; null when the kiosk runs on defaults with no file */
  configFile: string | null;
  /** where the outbox key lives (OS keystore or the 0600 fallback file), for the terminal panel */
  atRestKey?: AtRestKeyFacts;
}

export class MaintenanceServices {
  readonly auth: TechnicianAuth;
  readonly audit: Auditor;
  readonly deviceErrors: DeviceErrorLog;
  readonly usage: UsageTracker;
  heartbeat: HeartbeatSender | null = null;

  constructor(readonly deps: MaintenanceDeps) {
    const { config, store, logger } = deps;
    this.audit = new Auditor(store.maintenance, logger);
    this.auth = new TechnicianAuth({
      pinHash: config.maintenance.pinHash,
      maxFailures: config.maintenance.maxFailures,
      lockoutSec: config.maintenance.lockoutSec,
      sessionIdleSec: config.maintenance.sessionIdleSec,
      load: () => {
        const raw = store.outbox.getMeta(LOCKOUT_META);
        return raw ? (JSON.parse(raw) as LockoutState) : null;
      },
      save: (s) => store.outbox.setMeta(LOCKOUT_META, JSON.stringify(s)),
      onEvent: (e) => {
        switch (e.kind) {
          case 'signed-in':
            logger.log('maintenance.signed-in', { session: e.tag });
            store.maintenance.audit({ at: new Date().toISOString(), sessionTag: e.tag, action: 'sign-in', outcome: 'ok', detail: '{}' });
            break;
          case 'pin-rejected':
            logger.log('maintenance.pin-rejected', { failures: e.failures });
            store.maintenance.audit({ at: new Date().toISOString(), sessionTag: null, action: 'sign-in', outcome: 'refused', detail: JSON.stringify({ failures: e.failures }) });
            break;
          case 'locked-out':
            logger.log('maintenance.locked-out', { until: e.until });
            store.maintenance.audit({ at: new Date().toISOString(), sessionTag: null, action: 'lockout', outcome: 'refused', detail: JSON.stringify({ until: e.until }) });
            break;
          case 'refused-while-locked':
            logger.log('maintenance.locked-out', { until: e.until, attempt: true });
            store.maintenance.audit({ at: new Date().toISOString(), sessionTag: null, action: 'sign-in-while-locked', outcome: 'refused', detail: JSON.stringify({ until: e.until }) });
            break;
          case 'signed-out':
            logger.log('maintenance.signed-out', { session: e.tag, reason: e.reason });
            store.maintenance.audit({ at: new Date().toISOString(), sessionTag: e.tag, action: 'sign-out', outcome: 'ok', detail: JSON.stringify({ reason: e.reason }) });
            break;
        }
      },
    });
    this.deviceErrors = new DeviceErrorLog(deps.bus, deps.devices.list());
    this.usage = new UsageTracker(store.maintenance, (config.idle.warnAfterSec + config.idle.countdownSec) * 1000);
  }

  get dataDir(): string {
    return this.deps.dataDir;
  }

  get configFile(): string | null {
    return this.deps.configFile;
  }

  /** Starts the heartbeat once the context exists (it reads devices, queue and catalog). */
  startHeartbeat(sources: HeartbeatSources): void {
    this.heartbeat = new HeartbeatSender(sources, this.usage, this.deps.dataDir);
    this.heartbeat.start();
  }

  async close(): Promise<void> {
    await this.heartbeat?.stop();
    this.deviceErrors.close();
  }
}
