// QR / barcode scanner sessions: serial (a Link, CR/LF-terminated codes) and HID (keyboard
// reports read below the OS keyboard layer). Both report each code once, as an event.
import type { CodeScannerStatus } from '../../common/devices';
import { Emitter } from '../core/emitter';
import type { Link } from '../core/link';
import { PollingSession } from '../core/polling-session';
import { HidKeyboardDecoder } from './hid-keyboard';
import { SerialLineDecoder } from './serial-lines';

export interface ScannedCode {
  text: string;
  source: 'hid' | 'serial';
}

interface CodeEvents {
  code: ScannedCode;
  /** a code longer than any real symbol: dropped, and said so */
  overflow: { source: 'hid' | 'serial' };
}

// A scanner pushes codes by itself: nothing to ask it; the base carries status and loss.
abstract class CodeScannerSessionBase extends PollingSession<CodeScannerStatus> {
  readonly events = new Emitter<CodeEvents>();

  constructor() {
    super({ state: 'ready' });
  }
}

export class SerialCodeScannerSession extends CodeScannerSessionBase {
  private readonly decoder = new SerialLineDecoder();

  // A scanner sends nothing unasked, so the link's own watch on the device node is what notices an
  // unplugged one in time (`SerialLink`).
  constructor(private readonly link: Link) {
    super();
    link.onData((chunk) => {
      for (const e of this.decoder.push(chunk)) {
        if (e.type === 'code') this.events.emit('code', { text: e.text, source: 'serial' });
        else this.events.emit('overflow', { source: 'serial' });
      }
    });
    link.onLost((why) => this.unplugged(why));
  }

  protected override release(): Promise<void> {
    return this.link.close();
  }
}

/** The part of node-hid's HID device a scanner session uses (tests inject reports through it). */
export interface HidDeviceLike {
  on(event: 'data', cb: (report: Buffer) => void): unknown;
  on(event: 'error', cb: (e: Error) => void): unknown;
  close(): void;
}

export class HidCodeScannerSession extends CodeScannerSessionBase {
  private readonly decoder = new HidKeyboardDecoder();
  private closed = false;

  constructor(private readonly device: HidDeviceLike) {
    super();
    device.on('data', (report) => {
      for (const e of this.decoder.push(new Uint8Array(report.buffer, report.byteOffset, report.byteLength))) {
        if (e.type === 'code') this.events.emit('code', { text: e.text, source: 'hid' });
        else this.events.emit('overflow', { source: 'hid' });
      }
    });
    device.on('error', (e) => {
      if (!this.closed) this.unplugged(e.message);
    });
  }

  protected override async release(): Promise<void> {
    this.closed = true;
    try {
      this.device.close();
    } catch {
      // already gone
    }
  }
}
