// A Link over a USB HID reader: writes become output reports, input reports become the byte
// stream the SAM driver already reads. The reader session above cannot tell it from a serial port.
import { BaseLink } from '../../core/link';
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

export class HidLink extends BaseLink {
  private readonly decoder: HidReportDecoder;
  /** input reports that did not fit the profile (wrong id, impossible count): counted, not fatal */
  rejectedReports = 0;

  constructor(
    private readonly device: HidReaderDevice,
    private readonly profile: HidReportProfile,
    readonly description: string,
    private readonly writeTimeoutMs = WRITE_TIMEOUT_MS,
  ) {
    super();
    this.decoder = new HidReportDecoder(profile);
    device.on('data', (report) => {
      if (!this.open) return;
      const d = this.decoder.push(new Uint8Array(report.buffer, report.byteOffset, report.byteLength));
      if (d.problem) this.rejectedReports++;
      if (d.bytes.length) this.deliver(d.bytes);
    });
    device.on('error', (e) => this.lost(e.message));
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.open) throw new Error('link closed');
    // a new command: whatever half-frame the last answer left behind is of no use any more
    this.decoder.reset();
    for (const report of encodeReports(this.profile, data)) {
      await this.boundedWrite(this.writeTimeoutMs, (done) => {
        this.device.write(Buffer.from(report)).then(
          () => done(),
          (e: Error) => {
            done(e);
            this.lost(e.message);
          },
        );
      });
    }
  }

  /** A reader that is gone is let go at once, so its replug opens a fresh device. */
  protected override lost(reason: string): void {
    const wasOpen = this.open;
    super.lost(reason);
    if (wasOpen) void this.device.close().catch(() => undefined);
  }

  protected doClose(): Promise<void> {
    return this.device.close();
  }
}
