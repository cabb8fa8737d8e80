// The device layer as the backend sees it: one supervisor per device class, built from the
// configuration, with a small service API (print a receipt, print a PDF, scan, read cards as
// events) and, in simulator mode, the simulators behind the real drivers.
// Starting never blocks on a device: each one opens (or reports why not) in the background.
import path from 'node:path';
import { DEVICE_KINDS, type DeviceKind, type DeviceStatusMap, type DeviceStatusView, type Offline } from '../common/devices';
import type { KioskEvent } from '../common/events';
import { maskIdNumber } from '../common/mask';
import { err, type Result } from '../common/result';
import { identityNumber } from '../common/devices';
import { CupsPrinterSession } from './a4/cups-printer';
import { IppClient } from './a4/ipp-client';
import { A4Service } from './a4/service';
import type { HidCodeScannerSession, SerialCodeScannerSession } from './code-scanner/code-scanner';
import { codeScannerConnector } from './code-scanner/connect';
import type { DeviceConfig } from './config';
import type { DeviceLayer } from './device-layer';
import type { DeviceLogger } from './core/log';
import type { DeviceSession } from './core/session';
import { idCardReaderConnector } from './id-card/connect';
import { noPhotoDecoder, type PhotoDecoder } from './id-card/photo-decoder';
import type { IdCardReaderSession } from './id-card/reader';
import { PageInbox } from './materials/page-inbox';
import { receiptPrinterConnector, type ReceiptPrinterPortConfig } from './receipt/connect';
import { HeldJobs } from './receipt/held-jobs';
import type { ReceiptPrinterSession } from './receipt/printer';
import { ReceiptService } from './receipt/service';
import { SaneScannerSession } from './scanner/scanner';
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

type CodeSession = SerialCodeScannerSession | HidCodeScannerSession;
type AnySupervisor = DeviceSupervisor<DeviceKind, DeviceSession<DeviceStatusMap[DeviceKind]>>;

const notConfigured = async (): Promise<Result<never, Offline>> => err({ state: 'offline', reason: 'not-configured', detail: '配置中没有此设备 / not in the configuration' });
const unavailable = (detail: string): Result<never, Offline> => err({ state: 'offline', reason: 'unavailable', detail });

export class DeviceManager implements DeviceLayer {
  readonly idCard: DeviceSupervisor<'id-card-reader', IdCardReaderSession>;
  readonly receiptPrinter: DeviceSupervisor<'receipt-printer', ReceiptPrinterSession>;
  readonly a4Printer: DeviceSupervisor<'a4-printer', CupsPrinterSession>;
  readonly scannerDevice: DeviceSupervisor<'scanner', SaneScannerSession>;
  readonly codeScanner: DeviceSupervisor<'code-scanner', CodeSession>;
  readonly receipt: ReceiptService;
  readonly a4: A4Service;
  readonly scanner: ScannerService;
  /** scanned and camera pages waiting to be attached to a case */
  readonly pages = new PageInbox();
  /** present when at least one device runs in simulator mode (tests, the developer panel) */
  readonly sim: DeviceSimulators | null;
  private readonly all: AnySupervisor[];

  private constructor(opts: DeviceManagerOptions, sims: DeviceSimulators | null, simDecoder: PhotoDecoder | null) {
    this.sim = sims;
    const { logger } = opts;
    const retryMs = opts.retryMs ?? 500;
    const cfg = <K extends DeviceKind>(kind: K) => opts.devices.find((d) => d.kind === kind) as Extract<DeviceConfig, { kind: K }> | undefined;
    const publish = (view: DeviceStatusView) => opts.emit({ type: 'device.status', view });

    // --- ID-card reader ---
    const ic = cfg('id-card-reader');
    this.idCard = new DeviceSupervisor({
      kind: 'id-card-reader',
      mode: ic?.mode ?? 'none',
      logger,
      retryMs,
      connect: !ic
        ? notConfigured
        : ic.mode === 'simulator'
          ? async () => {
              const s = await sims!.startIdCard();
              if (!s.ok) return unavailable(s.error);
              return idCardReaderConnector({ path: s.value.pair.hostPath, baudRate: ic.baudRate, pollMs: ic.pollMs }, simDecoder ?? noPhotoDecoder)();
            }
          : idCardReaderConnector({ path: ic.path, vidPid: ic.vidPid, baudRate: ic.baudRate, pollMs: ic.pollMs }, opts.photoDecoder ?? noPhotoDecoder),
      onSession: (s) => {
        s.events.on('card', (c) => {
          logger.log('idcard.read', { cardType: c.identity.cardType, idNumber: maskIdNumber(identityNumber(c.identity)), ms: Math.round(c.readMs), photoDecoded: !!c.photo });
          opts.emit({
            type: 'idcard.read',
            identity: c.identity,
            photo: c.photo ? { mime: c.photo.mime, dataUrl: `data:${c.photo.mime};base64,${Buffer.from(c.photo.bytes).toString('base64')}` } : null,
            photoProblem: c.photoProblem,
          });
        });
        s.events.on('card-error', (f) => {
          logger.log('idcard.rejected', { reason: f.reason, message: f.message });
          opts.emit({ type: 'idcard.error', reason: f.reason, message: f.message });
        });
        s.events.on('link-trouble', (t) => logger.log('device.link-trouble', { device: 'id-card-reader', ...t }));
      },
    });

    // --- receipt printer ---
    const rp = cfg('receipt-printer');
    const held = new HeldJobs(path.join(opts.dataDir, 'devices', 'held-receipts'));
    const port: ReceiptPrinterPortConfig | null = !rp
      ? null
      : rp.mode === 'tcp'
        ? { mode: 'tcp', host: rp.host ?? '127.0.0.1', port: rp.port ?? 9100 }
        : rp.mode === 'usb-lp'
          ? { mode: 'usb-lp', path: rp.path ?? '/dev/usb/lp0' }
          : rp.mode === 'serial'
            ? { mode: 'serial', path: rp.path ?? '', baudRate: rp.baudRate }
            : null;
    this.receiptPrinter = new DeviceSupervisor({
      kind: 'receipt-printer',
      mode: rp?.mode ?? 'none',
      logger,
      retryMs,
      consumables: (s) => ({ paper: s.state === 'paper-out' ? 'out' : 'paperNearEnd' in s && s.paperNearEnd ? 'near-end' : 'ok', heldJobs: held.size }),
      connect: !rp
        ? notConfigured
        : rp.mode === 'simulator'
          ? async () => {
              const s = await sims!.startReceipt();
              if (!s.ok) return unavailable(s.error);
              return receiptPrinterConnector({ mode: 'serial', path: s.value.pair.hostPath, baudRate: rp.baudRate })();
            }
          : receiptPrinterConnector(port!),
    });
    this.receipt = new ReceiptService(this.receiptPrinter, held, { widthChars: rp?.widthChars ?? 32, logger, emit: opts.emit });

    // --- A4 printer ---
    const a4 = cfg('a4-printer');
    const ipp = new IppClient();
    this.a4Printer = new DeviceSupervisor({
      kind: 'a4-printer',
      mode: a4?.mode ?? 'none',
      logger,
      retryMs: Math.max(retryMs, 1000),
      connect: !a4
        ? notConfigured
        : async () => {
            if (a4.mode === 'simulator') {
              const s = await sims!.startA4(a4.queue);
              if (!s.ok) return unavailable(s.error);
            }
            return CupsPrinterSession.connect(ipp, a4.queue);
          },
    });
    this.a4 = new A4Service(this.a4Printer, { fontPath: a4?.fontPath, logger });

    // --- scanner ---
    const sc = cfg('scanner');
    this.scannerDevice = new DeviceSupervisor({
      kind: 'scanner',
      mode: sc?.mode ?? 'none',
      logger,
      retryMs: Math.max(retryMs, 1000),
      connect: !sc
        ? notConfigured
        : sc.mode === 'simulator'
          ? () => {
              const s = sims!.startScanner();
              return SaneScannerSession.connect({ env: { configDir: s.configDir }, device: s.device, probeMs: 3000 });
            }
          : () => SaneScannerSession.connect({ env: { configDir: null }, device: sc.device }),
    });
    this.scanner = new ScannerService(this.scannerDevice, this.pages, logger);

    // --- QR / barcode scanner ---
    const cs = cfg('code-scanner');
    this.codeScanner = new DeviceSupervisor({
      kind: 'code-scanner',
      mode: cs?.mode ?? 'none',
      logger,
      retryMs,
      connect: !cs
        ? notConfigured
        : cs.mode === 'simulator'
          ? async () => {
              const s = await sims!.startCodeScanner();
              if (!s.ok) return unavailable(s.error);
              return codeScannerConnector({ mode: 'serial', path: s.value.pair.hostPath, baudRate: 9600 })();
            }
          : codeScannerConnector({ mode: cs.mode, path: cs.path, vidPid: cs.vidPid }),
      onSession: (s) => {
        s.events.on('code', (c) => {
          logger.log('code.scanned', { source: c.source, length: c.text.length });
          opts.emit({ type: 'code.scanned', text: c.text, source: c.source });
        });
      },
    });

    this.all = [this.idCard, this.receiptPrinter, this.a4Printer, this.scannerDevice, this.codeScanner] as unknown as AnySupervisor[];
    for (const s of this.all) s.events.on('view', publish);
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

  private startAll(): void {
    for (const s of this.all) s.start();
  }

  supervisor<K extends DeviceKind>(kind: K): AnySupervisor {
    return this.all[DEVICE_KINDS.indexOf(kind)]!;
  }

  reconnect(kind: DeviceKind): void {
    this.supervisor(kind).poke();
  }

  list(): DeviceStatusView[] {
    return this.all.map((s) => s.view());
  }

  /** Resolves when every device has had its first chance to open (tests, the technician CLI). */
  async settled(): Promise<void> {
    await Promise.all(this.all.map((s) => s.settled()));
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((s) => s.stop()));
    await this.sim?.close();
  }
}
