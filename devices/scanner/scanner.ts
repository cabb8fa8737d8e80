// The document scanner through SANE. Opening = finding the device and learning its option
// names; while open, a light probe (scanimage -L) notices it being unplugged. Scans report
// SANE's failures as statuses: a jam or open cover stays on show until the next scan succeeds.
import type { Offline, ScannerStatus } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import type { DeviceSession } from '../core/session';
import { StatusCell } from '../core/status-cell';
import { deviceOptions, fault, listDevices, scan, type DeviceOptions, type SaneEnv, type ScanFault, type ScannedPage, type ScanOptions } from './scanimage';

export interface ScannerConfig {
  env: SaneEnv;
  /** SANE device name; the first device found when absent */
  device?: string;
  probeMs?: number;
}

export class SaneScannerSession implements DeviceSession<ScannerStatus> {
  private readonly cell = new StatusCell<ScannerStatus>({ state: 'ready' });
  private lostCb: ((r: Offline) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = true;
  private busy = false;

  private constructor(
    private readonly cfg: ScannerConfig,
    readonly device: string,
    private readonly options: DeviceOptions,
  ) {
    this.schedule();
  }

  static async connect(cfg: ScannerConfig): Promise<Result<SaneScannerSession, Offline>> {
    const devices = await listDevices(cfg.env);
    if (!devices.ok) return err({ state: 'offline', reason: 'unavailable', detail: devices.error.detail });
    const device = cfg.device ?? devices.value[0];
    if (!device || !devices.value.includes(device))
      return err({ state: 'offline', reason: 'not-found', detail: cfg.device ? `SANE 未发现 ${cfg.device} / SANE does not see ${cfg.device}` : 'SANE 未发现扫描仪 / SANE sees no scanner' });
    const options = await deviceOptions(cfg.env, device);
    if (!options.ok) return err({ state: 'offline', reason: options.error.kind === 'not-found' ? 'not-found' : 'error', detail: options.error.detail });
    return ok(new SaneScannerSession(cfg, device, options.value));
  }

  get status(): ScannerStatus {
    return this.cell.get();
  }

  get hasFeeder(): boolean {
    return this.options.sources.some((s) => /feeder|adf/i.test(s));
  }

  onStatus(cb: (s: ScannerStatus) => void): () => void {
    return this.cell.onChange(cb);
  }

  onLost(cb: (r: Offline) => void): void {
    this.lostCb = cb;
  }

  async close(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.probe(), this.cfg.probeMs ?? 3000);
  }

  private async probe(): Promise<void> {
    if (!this.busy) {
      const devices = await listDevices(this.cfg.env);
      if (!this.running) return;
      if (!devices.ok || !devices.value.includes(this.device)) {
        this.running = false;
        const off: Offline = { state: 'offline', reason: devices.ok ? 'unplugged' : 'unavailable', detail: devices.ok ? `${this.device} 已断开 / ${this.device} disappeared` : devices.error.detail };
        this.cell.set(off);
        this.lostCb?.(off);
        return;
      }
    }
    this.schedule();
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
      else if (r.error.kind === 'not-found' || r.error.kind === 'io-error') {
        const off: Offline = { state: 'offline', reason: 'unplugged', detail: r.error.detail };
        this.running = false;
        this.cell.set(off);
        this.lostCb?.(off);
      } else this.cell.set({ state: 'ready' });
      return r;
    } finally {
      this.busy = false;
    }
  }
}
