// The document scanner through SANE. Opening = finding the device and learning its option
// names; while open, a light probe (scanimage -L) notices it being unplugged. Scans report
// SANE's failures as statuses: a jam or open cover stays on show until the next scan succeeds.
import type { Offline, ScannerStatus } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { PollingSession } from '../core/polling-session';
import { deviceOptions, fault, listDevices, scan, type DeviceOptions, type SaneEnv, type ScanFault, type ScannedPage, type ScanOptions } from './scanimage';

export interface ScannerConfig {
  env: SaneEnv;
  /** SANE device name; the first device found when absent */
  device?: string;
  probeMs?: number;
}

export class SaneScannerSession extends PollingSession<ScannerStatus> {
  private busy = false;

  private constructor(
    private readonly cfg: ScannerConfig,
    readonly device: string,
    private readonly options: DeviceOptions,
  ) {
    super({ state: 'ready' });
    this.startPolling({ everyMs: cfg.probeMs ?? 3000 });
  }

  static async connect(cfg: ScannerConfig): Promise<Result<SaneScannerSession, Offline>> {
    const devices = await listDevices(cfg.env);
    if (!devices.ok) return err({ state: 'offline', reason: 'unavailable', detail: devices.error.detail });
    const device = cfg.device ?? devices.value[0];
    if (!device || !devices.value.includes(device)) return err({ state: 'offline', reason: 'not-found', detail: cfg.device ? `SANE does not see ${cfg.device}` : 'SANE sees no scanner' });
    const options = await deviceOptions(cfg.env, device);
    if (!options.ok) return err({ state: 'offline', reason: options.error.kind === 'not-found' ? 'not-found' : 'error', detail: options.error.detail });
    return ok(new SaneScannerSession(cfg, device, options.value));
  }

  get hasFeeder(): boolean {
    return this.options.sources.some((s) => /feeder|adf/i.test(s));
  }

  /** A light probe (scanimage -L) while idle: a scan in progress shows an unplug by itself. */
  protected override async pollOnce(): Promise<void> {
    if (this.busy) return;
    const devices = await listDevices(this.cfg.env);
    if (!this.polling) return;
    if (!devices.ok) this.lose({ state: 'offline', reason: 'unavailable', detail: devices.error.detail });
    else if (!devices.value.includes(this.device)) this.unplugged(`${this.device} disappeared`);
  }

  async scan(opts: ScanOptions): Promise<Result<ScannedPage[], ScanFault>> {
    if (this.busy) return err(fault('busy', 'a scan is already running'));
    this.busy = true;
    this.cell.set({ state: 'scanning' });
    try {
      const r = await scan(this.cfg.env, this.device, opts, this.options);
      if (r.ok) this.cell.set({ state: 'ready' });
      else if (r.error.kind === 'jammed') this.cell.set({ state: 'jammed' });
      else if (r.error.kind === 'cover-open') this.cell.set({ state: 'cover-open' });
      else if (r.error.kind === 'not-found' || r.error.kind === 'io-error') this.unplugged(r.error.detail);
      else this.cell.set({ state: 'ready' });
      return r;
    } finally {
      this.busy = false;
    }
  }
}
