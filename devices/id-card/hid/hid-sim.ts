// The USB HID reader in software, below node-hid: an object shaped like node-hid's HIDAsync
// device whose other side is the SAM simulator (IdCardReaderSim), with the report framing of a
// profile. Faults behave as a real device would show them: answers split over many reports or
// merged into shared ones, reports that fit no profile, a device that stops taking reports
// (stall) and one pulled from the port (error event, then gone from the device list).
import { EventEmitter } from 'node:events';
import { concatBytes } from '../../../common/bytes';
import type { Link } from '../../core/link';
import { parseVidPid } from '../../core/usb-lookup';
import { IdCardReaderSim } from '../simulator';
import type { HidBinding, HidDeviceInfo } from './connect-hid';
import type { HidReaderDevice } from './hid-link';
import { HID_PROFILES, type HidProfileName, type HidReportProfile } from './hid-profiles';
import { asReceived, encodeReports, HidReportDecoder } from './hid-reports';

export interface HidSimFaults {
  /** answers written in the same tick share reports (length-byte / id-is-length framings) */
  merge: boolean;
  /** pause between two input reports, ms */
  reportGapMs: number;
  /** the device takes no more output reports (write never completes) */
  stall: boolean;
  /** an input report of this many garbage bytes before every answer */
  garbageReport: number;
}

/** The simulator's end: what the SAM simulator writes goes out as input reports. */
class DeviceSideLink implements Link {
  readonly description = 'hid-sim device end';
  isOpen = true;
  private readonly dataCbs = new Set<(c: Uint8Array) => void>();
  constructor(private readonly send: (bytes: Uint8Array) => Promise<void>) {}
  write(data: Uint8Array): Promise<void> {
    return this.isOpen ? this.send(data) : Promise.reject(new Error('unplugged'));
  }
  onData(cb: (c: Uint8Array) => void): () => void {
    this.dataCbs.add(cb);
    return () => this.dataCbs.delete(cb);
  }
  hostBytes(b: Uint8Array): void {
    for (const cb of this.dataCbs) cb(b);
  }
  onLost(): void {}
  async close(): Promise<void> {
    this.isOpen = false;
  }
}

class FakeHidDevice extends EventEmitter implements HidReaderDevice {
  closed = false;
  constructor(private readonly owner: HidReaderSim) {
    super();
  }
  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('HID device closed');
    if (!this.owner.plugged) throw new Error('could not write to HID device');
    if (this.owner.faults.stall) return new Promise<number>(() => undefined);
    this.owner.fromHost(Uint8Array.from(values));
    return values.length;
  }
  async close(): Promise<void> {
    this.closed = true;
    this.owner.forget(this);
  }
}

export class HidReaderSim {
  readonly sim: IdCardReaderSim;
  readonly profile: HidReportProfile;
  readonly faults: HidSimFaults = { merge: false, reportGapMs: 0, stall: false, garbageReport: 0 };
  readonly vendorId: number;
  readonly productId: number;
  plugged = true;
  /** input reports sent to the host, for tests */
  reportsSent = 0;
  private device: FakeHidDevice | null = null;
  private link: DeviceSideLink | null = null;
  private readonly fromHostDecoder: HidReportDecoder;
  private pending: Uint8Array[] = [];
  private flushing: Promise<void> | null = null;
  private outQueue: Promise<void> = Promise.resolve();

  constructor(opts: { vidPid: string; profile: HidProfileName; sim?: IdCardReaderSim }) {
    this.profile = HID_PROFILES[opts.profile];
    const { vendorId, productId } = parseVidPid(opts.vidPid);
    this.vendorId = parseInt(vendorId, 16);
    this.productId = parseInt(productId, 16);
    this.sim = opts.sim ?? new IdCardReaderSim();
    this.fromHostDecoder = new HidReportDecoder(this.profile);
  }

  /** node-hid as the connector sees it, with this device attached while plugged. */
  binding(): HidBinding {
    return {
      devices: async (): Promise<HidDeviceInfo[]> => (this.plugged ? [{ vendorId: this.vendorId, productId: this.productId, path: this.path, product: 'ID card reader (simulated HID)' }] : []),
      open: async (p) => {
        if (!this.plugged || p !== this.path) throw new Error(`cannot open HID device ${p}`);
        if (this.device && !this.device.closed) throw new Error('HID device busy');
        this.device = new FakeHidDevice(this);
        this.link = new DeviceSideLink((b) => this.toHost(b));
        this.sim.attachLink(this.link);
        return this.device;
      },
    };
  }

  get path(): string {
    return `sim-hidraw:${this.vendorId.toString(16)}:${this.productId.toString(16)}`;
  }

  /** Pulls the cable: the open handle reports an error, the device leaves the list. */
  unplug(): void {
    this.plugged = false;
    const d = this.device;
    void this.link?.close();
    this.link = null;
    this.device = null;
    if (d && !d.closed) d.emit('error', new Error('could not read from HID device'));
  }

  replug(): void {
    this.plugged = true;
  }

  forget(d: FakeHidDevice): void {
    if (this.device === d) {
      this.device = null;
      void this.link?.close();
      this.link = null;
    }
  }

  fromHost(wire: Uint8Array): void {
    // an output report reaches the device with its report id byte, numbered or not
    const r = this.profile.framing === 'id-is-length' || this.profile.reportId !== 0 ? wire : wire.subarray(1);
    const d = this.fromHostDecoder.push(r);
    if (d.bytes.length) this.link?.hostBytes(d.bytes);
  }

  private toHost(bytes: Uint8Array): Promise<void> {
    if (this.faults.merge && this.profile.framing !== 'frame-padded') {
      // answers written in the same tick go out together, sharing reports
      this.pending.push(bytes.slice());
      this.flushing ??= new Promise<void>((r) => setTimeout(r, 0)).then(() => {
        const all = concatBytes(...this.pending);
        this.pending = [];
        this.flushing = null;
        return this.send(all);
      });
      return this.flushing;
    }
    return this.send(bytes);
  }

  private send(bytes: Uint8Array): Promise<void> {
    const run = async () => {
      const device = this.device;
      if (!device) return;
      if (this.faults.garbageReport > 0)
        this.emitReport(
          device,
          Uint8Array.from({ length: this.faults.garbageReport }, (_, i) => (0xc3 + i * 29) & 0xff),
        );
      for (const wire of encodeReports(this.profile, bytes)) {
        if (this.faults.reportGapMs) await new Promise((r) => setTimeout(r, this.faults.reportGapMs));
        if (this.device !== device) return;
        this.emitReport(device, asReceived(this.profile, wire));
      }
    };
    const next = this.outQueue.then(run, run);
    this.outQueue = next.catch(() => undefined);
    return next;
  }

  private emitReport(device: FakeHidDevice, report: Uint8Array): void {
    this.reportsSent++;
    device.emit('data', Buffer.from(report));
  }
}
