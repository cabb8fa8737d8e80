// A thermal receipt printer in software, on the device end of a pty pair (or a TCP socket for
// the port-9100 mode). It decodes what it receives back into what a citizen would hold: text
// lines, QR payloads and cut marks; and it answers real-time status like the hardware.
import net from 'node:net';
import { Emitter } from '../core/emitter';
import type { Link } from '../core/link';
import { DeviceEnd } from '../sim/device-end';
import { EscPosDecoder, type LineStyle } from './escpos-decoder';
import { statusByte, type PrinterCondition } from './rt-status';

export type PrintedItem = { type: 'line'; text: string; style: LineStyle } | { type: 'qr'; payload: string; moduleSize: number; ecc: 'L' | 'M' | 'Q' | 'H' } | { type: 'feed'; lines: number };

export interface PrintedReceipt {
  items: PrintedItem[];
  /** the text lines alone, as printed */
  lines: string[];
  qrPayloads: string[];
  cut: 'partial' | 'full';
  chineseMode: boolean;
}

export const RECEIPTS_KEPT = 50;

export class ReceiptPrinterSim {
  readonly events = new Emitter<{ receipt: PrintedReceipt; line: string; 'status-request': number; discarded: number }>();
  readonly condition: PrinterCondition = { paperNearEnd: false, paperOut: false, coverOpen: false, cutterError: false };
  /** run out of paper after printing this many more lines (mid-job fault) */
  paperOutAfterLines: number | null = null;
  /** never answer status requests (a printer that hangs) */
  silent = false;
  /** the latest receipts printed, newest last (the paper a citizen took away is not kept forever) */
  readonly receipts: PrintedReceipt[] = [];
  private decoder = new EscPosDecoder();
  private current: PrintedItem[] = [];
  private readonly end = new DeviceEnd();
  private server: net.Server | null = null;
  private halted = false;
  discardedBytes = 0;
  bytesReceived = 0;

  async attach(devicePath: string): Promise<void> {
    this.attachLink(await DeviceEnd.open(devicePath, 115200));
  }

  /** Loses power now: whatever else arrives is gone (until attached again). */
  halt(): void {
    this.halted = true;
    this.current = [];
  }

  attachLink(link: Link): void {
    this.halted = false;
    this.decoder = new EscPosDecoder();
    this.current = [];
    this.end.plug(link, (d) => this.receive(d));
  }

  detach(): Promise<void> {
    return this.end.unplug();
  }

  /** Listens like a network printer on port 9100 (0 = any free port); returns the port. */
  async listenTcp(port = 0): Promise<number> {
    this.server = net.createServer((socket) => {
      this.decoder = new EscPosDecoder();
      this.current = [];
      socket.on('data', (d) => this.receive(new Uint8Array(d), (b) => socket.write(Uint8Array.of(b))));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    return (this.server.address() as net.AddressInfo).port;
  }

  async stopTcp(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private get stopped(): boolean {
    const c = this.condition;
    return c.paperOut || c.coverOpen || c.cutterError;
  }

  private reply(b: number): void {
    void this.end.link?.write(Uint8Array.of(b)).catch(() => undefined);
  }

  private receive(chunk: Uint8Array, reply: (b: number) => void = (b) => this.reply(b)): void {
    this.bytesReceived += chunk.length;
    for (const ev of this.decoder.push(chunk)) {
      if (this.halted) return;
      switch (ev.type) {
        case 'status-request':
          this.events.emit('status-request', ev.n);
          if (!this.silent) reply(statusByte(ev.n, this.condition));
          break;
        case 'clear-buffers':
          this.current = [];
          break;
        case 'init':
          break;
        case 'line':
          if (this.stopped) {
            this.discardedBytes += ev.text.length;
            this.events.emit('discarded', ev.text.length);
            break;
          }
          this.current.push({ type: 'line', text: ev.text, style: ev.style });
          this.events.emit('line', ev.text);
          if (this.paperOutAfterLines !== null && --this.paperOutAfterLines <= 0) {
            this.paperOutAfterLines = null;
            this.condition.paperOut = true;
          }
          break;
        case 'qr':
          if (this.stopped) break;
          this.current.push({ type: 'qr', payload: new TextDecoder().decode(ev.data), moduleSize: ev.moduleSize, ecc: ev.ecc });
          break;
        case 'feed':
          if (!this.stopped) this.current.push({ type: 'feed', lines: ev.lines });
          break;
        case 'cut': {
          if (this.stopped) break;
          const items = this.current;
          this.current = [];
          const receipt: PrintedReceipt = {
            items,
            lines: items.flatMap((i) => (i.type === 'line' ? [i.text] : [])),
            qrPayloads: items.flatMap((i) => (i.type === 'qr' ? [i.payload] : [])),
            cut: ev.partial ? 'partial' : 'full',
            chineseMode: this.decoder.chineseMode,
          };
          this.receipts.push(receipt);
          // A kiosk running on the simulator (demo, soak) prints for days: keeping every receipt
          // grew its heap by ~6 KB per submission (the soak bench's heap snapshots).
          if (this.receipts.length > RECEIPTS_KEPT) this.receipts.splice(0, this.receipts.length - RECEIPTS_KEPT);
          this.events.emit('receipt', receipt);
          break;
        }
        case 'unknown':
          break;
      }
    }
  }
}
