// A Link over a USB HID reader: writes become output reports, input reports become the byte
// stream the SAM driver already reads. The reader session above cannot tell it from a serial port.
import type { Link } from '../../core/link';
import type { HidReportProfile } from './hid-profiles';
import { encodeReports, HidReportDecoder } from './hid-reports';

/** The part of node-hid's HIDAsync device the link uses (the test double implements the same). */
export interface HidReaderDevice {
  on(event: 'data', cb: (report: Buffer) => void): unknown;
  on(event: 'error', cb: (e: Error) => void): unknown;
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

/** An output report the device does not take within this long means it has stopped listening. */
const WRITE_TIMEOUT_MS = 2000;

export class HidLink implements Link {
  private open = true;
  private closing = false;
  private readonly decoder: HidReportDecoder;
  private readonly dataCbs = new Set<(chunk: Uint8Array) => void>();
  private lostCb: ((reason: string) => void) | null = null;
  private lostReason: string | null = null;
  /** input reports that did not fit the profile (wrong id, impossible count): counted, not fatal */
  rejectedReports = 0;

  constructor(
    private readonly device: HidReaderDevice,
    private readonly profile: HidReportProfile,
    readonly description: string,
    private readonly writeTimeoutMs = WRITE_TIMEOUT_MS,
  ) {
    this.decoder = new HidReportDecoder(profile);
    device.on('data', (report) => {
      if (!this.open) return;
      const d = this.decoder.push(new Uint8Array(report.buffer, report.byteOffset, report.byteLength));
      if (d.problem) this.rejectedReports++;
      if (d.bytes.length) for (const cb of this.dataCbs) cb(d.bytes);
    });
    device.on('error', (e) => this.lost(e.message));
  }

  get isOpen(): boolean {
    return this.open;
  }

  onData(cb: (chunk: Uint8Array) => void): () => void {
    this.dataCbs.add(cb);
    return () => this.dataCbs.delete(cb);
  }

  onLost(cb: (reason: string) => void): void {
    this.lostCb = cb;
    if (this.lostReason !== null) cb(this.lostReason);
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.open) throw new Error('link closed');
    // a new command: whatever half-frame the last answer left behind is of no use any more
    this.decoder.reset();
    for (const report of encodeReports(this.profile, data)) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`读卡器 ${this.writeTimeoutMs} ms 内未接收数据 / the reader took no report for ${this.writeTimeoutMs} ms`)), this.writeTimeoutMs);
      });
      try {
        await Promise.race([this.device.write(Buffer.from(report)), stalled]);
      } catch (e) {
        this.lost((e as Error).message);
        throw e;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  private lost(reason: string): void {
    if (!this.open) return;
    this.open = false;
    if (this.closing) return;
    this.lostReason = reason;
    this.lostCb?.(reason);
    void this.device.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.closing = true;
    this.open = false;
    await this.device.close().catch(() => undefined);
  }
}
