// The device layer as the backend sees it: one supervisor per device class, built from the
// configuration, with a small service API (print a receipt, print a PDF, scan, read cards as
// events) and, in simulator mode, the simulators behind the real drivers.
// Starting never blocks on a device: each one opens (or reports why not) in the background.
import path from 'node:path';
import { DEVICE_KINDS, OPTIONAL_DEVICE_KINDS, type DeviceKind, type DeviceLimitation, type DeviceStatusView, type Offline } from '../common/devices';
import type { KioskEvent } from '../common/events';
import { err, type Result } from '../common/result';
import { A4Service } from './a4/service';
import type { DeviceConfig } from './config';
import type { DeviceLayer } from './device-layer';
import { DEVICE_KIND_SPECS, type KindEnv, type SessionMap } from './device-kinds';
import type { DeviceLogger } from './core/log';
import { noPhotoDecoder, type PhotoDecoder } from './id-card/photo-decoder';
import { wltPhotoDecoder, type ClosablePhotoDecoder } from './id-card/sdk/wlt-decoder';
import { PageInbox } from './materials/page-inbox';
import { HeldJobs } from './receipt/held-jobs';
import { ReceiptService } from './receipt/service';
import { ScannerService } from './scanner/service';
import type { DeviceSimulators } from './sim/simulators';
import { DeviceSupervisor } from './supervisor/supervisor';

export interface DeviceManagerOptions {
  devices: DeviceConfig[];
  /** held receipts are kept under <dataDir>/devices */
  dataDir: string;
  logger: DeviceLogger;
  emit: (e: KioskEvent) => void;
  /** the reader vendor's WLT decoder in production; simulator mode uses a test image */
  photoDecoder?: PhotoDecoder;
  /** pause between attempts to open a missing device */
  retryMs?: number;
}

type Supervisors = { [K in DeviceKind]: DeviceSupervisor<K, SessionMap[K]> };

/** Devices a terminal may lack without being degraded (the 社保卡 reader: ID cards are the rule). */
const OPTIONAL_KINDS: ReadonlySet<DeviceKind> = new Set(OPTIONAL_DEVICE_KINDS);

const notConfigured = async (): Promise<Result<never, Offline>> => err({ state: 'offline', reason: 'not-configured', detail: 'not in the configuration' });

export class DeviceManager implements DeviceLayer {
  private readonly supervisors: Supervisors;
  readonly receipt: ReceiptService;
  readonly a4: A4Service;
  readonly scanner: ScannerService;
  /** scanned and camera pages waiting to be attached to a case */
  readonly pages = new PageInbox();
  /** present when at least one device runs in simulator mode (tests, the developer panel) */
  readonly sim: DeviceSimulators | null;
  /** why 人证核验 cannot work on this terminal (no card photo), or null */
  readonly faceCheckProblem: DeviceLimitation | null;
  private readonly vendorDecoder: ClosablePhotoDecoder | null;
  private readonly configured: Set<DeviceKind>;

  private constructor(opts: DeviceManagerOptions, sims: DeviceSimulators | null, simDecoder: PhotoDecoder | null) {
    this.sim = sims;
    const retryMs = opts.retryMs ?? 500;
    const reader = opts.devices.find((d) => d.kind === 'id-card-reader');
    this.vendorDecoder = !opts.photoDecoder && reader?.photoDecoder ? wltPhotoDecoder(reader.photoDecoder) : null;
    this.faceCheckProblem = photoProblem(reader, !!(opts.photoDecoder ?? this.vendorDecoder));
    const env: KindEnv = {
      sims,
      photoDecoder: opts.photoDecoder ?? this.vendorDecoder ?? noPhotoDecoder,
      simPhotoDecoder: simDecoder ?? noPhotoDecoder,
      held: new HeldJobs(path.join(opts.dataDir, 'devices', 'held-receipts')),
      logger: opts.logger,
      emit: opts.emit,
    };
    const build = <K extends DeviceKind>(kind: K): DeviceSupervisor<K, SessionMap[K]> => {
      const spec = DEVICE_KIND_SPECS[kind];
      const cfg = opts.devices.find((d): d is Extract<DeviceConfig, { kind: K }> => d.kind === kind);
      const supervisor = new DeviceSupervisor<K, SessionMap[K]>({
        kind,
        mode: cfg?.mode ?? 'none',
        logger: opts.logger,
        retryMs: spec.slowRetry ? Math.max(retryMs, 1000) : retryMs,
        connect: cfg ? spec.connect(cfg, env) : notConfigured,
        consumables: spec.consumables?.(env),
        onSession: spec.onSession?.(env),
        limitation: kind === 'id-card-reader' ? this.faceCheckProblem : null,
      });
      supervisor.events.on('view', (view) => opts.emit({ type: 'device.status', view }));
      return supervisor;
    };
    this.supervisors = {
      'id-card-reader': build('id-card-reader'),
      'receipt-printer': build('receipt-printer'),
      'a4-printer': build('a4-printer'),
      scanner: build('scanner'),
      'code-scanner': build('code-scanner'),
      'social-card-reader': build('social-card-reader'),
    };
    this.configured = new Set(opts.devices.map((d) => d.kind));
    const widthChars = opts.devices.find((d) => d.kind === 'receipt-printer')?.widthChars;
    this.receipt = new ReceiptService(this.supervisors['receipt-printer'], env.held, { widthChars: widthChars ?? 32, logger: opts.logger, emit: opts.emit });
    this.a4 = new A4Service(this.supervisors['a4-printer'], { fontPath: opts.devices.find((d) => d.kind === 'a4-printer')?.fontPath, logger: opts.logger });
    this.scanner = new ScannerService(this.supervisors.scanner, this.pages, opts.logger);
  }

  /** Builds the supervisors and starts opening every device in parallel; returns at once. */
  static async start(opts: DeviceManagerOptions): Promise<DeviceManager> {
    const simulated = opts.devices.some((d) => d.mode === 'simulator');
    let sims: DeviceSimulators | null = null;
    let simDecoder: PhotoDecoder | null = null;
    if (simulated) {
      // dynamic: the simulators (and their test-only dependencies) stay out of production paths;
      // production bundles fold this test and leave them out (their config check refuses simulator mode)
      if (typeof __KIOSK_PRODUCTION_BUILD__ === 'boolean' && __KIOSK_PRODUCTION_BUILD__) {
        throw new Error('device simulators are not part of a production build');
      } else {
        const mod = await import('./sim/simulators');
        let manager: DeviceManager | null = null;
        sims = new mod.DeviceSimulators(opts.logger, (kind) => manager?.supervisor(kind).poke());
        simDecoder = mod.testPhotoDecoder;
        manager = new DeviceManager(opts, sims, simDecoder);
        manager.startAll();
        return manager;
      }
    }
    const m = new DeviceManager(opts, null, null);
    m.startAll();
    return m;
  }

  /** In DEVICE_KINDS order, the order list() promises. */
  private get all() {
    return DEVICE_KINDS.map((k) => this.supervisors[k]);
  }

  /** An optional device that is not configured is not listed: a terminal without one is not degraded. */
  private get listed() {
    return this.all.filter((s) => !OPTIONAL_KINDS.has(s.kind) || this.configured.has(s.kind));
  }

  private startAll(): void {
    for (const s of this.all) s.start();
  }

  supervisor<K extends DeviceKind>(kind: K): Supervisors[K] {
    return this.supervisors[kind];
  }

  reconnect(kind: DeviceKind): void {
    this.supervisor(kind).poke();
  }

  list(): DeviceStatusView[] {
    return this.listed.map((s) => s.view());
  }

  /** Resolves when every device has had its first chance to open (tests, the technician CLI). */
  async settled(): Promise<void> {
    await Promise.all(this.all.map((s) => s.settled()));
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((s) => s.stop()));
    await this.vendorDecoder?.close();
    await this.sim?.close();
  }
}

/**
 * A real reader gives a card photo only through the vendor's WLT decoder; without one there is
 * nothing to compare a face with. Simulated readers decode with the test image or the stand-in.
 */
function photoProblem(reader: Extract<DeviceConfig, { kind: 'id-card-reader' }> | undefined, hasDecoder: boolean): DeviceLimitation | null {
  if (!reader || reader.mode === 'simulator' || hasDecoder) return null;
  return 'no-photo-decoder';
}
