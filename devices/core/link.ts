// A byte link to a device: serial / USB-CDC, TCP (port 9100) or a character device such as
// /dev/usb/lp0. Drivers speak their protocol over a Link and never see which one it is; the
// supervisor learns from onClose that the cable was pulled and reopens.
import fs from 'node:fs';
import net from 'node:net';
import { SerialPort } from 'serialport';
import { err, ok, type Result } from '../../common/result';

export interface Link {
  readonly description: string;
  readonly isOpen: boolean;
  /** Rejects when the device is gone. */
  write(data: Uint8Array): Promise<void>;
  onData(cb: (chunk: Uint8Array) => void): () => void;
  /** Called once, when the link dies for any reason other than close(). */
  onLost(cb: (reason: string) => void): void;
  close(): Promise<void>;
}

export type LinkOpenError = { reason: 'not-found' | 'busy' | 'error'; detail: string };

/** Shared bookkeeping: data fan-out and a single "lost" notification. */
export abstract class BaseLink implements Link {
  abstract readonly description: string;
  protected open = true;
  private closing = false;
  private readonly dataCbs = new Set<(chunk: Uint8Array) => void>();
  private lostCb: ((reason: string) => void) | null = null;
  private lostReason: string | null = null;
  /** writes still waiting for the device, failed at once when the link dies or closes */
  private readonly pendingWrites = new Set<(e: Error) => void>();

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

  protected deliver(chunk: Uint8Array): void {
    for (const cb of this.dataCbs) {
      try {
        cb(chunk);
      } catch {
        // a driver bug must not kill the link
      }
    }
  }

  /**
   * Runs one write that settles when `start` reports, when the link dies or closes, or after
   * `timeoutMs` (a device that stopped taking bytes — power lost, flow control held — never
   * drains: the job must fail, be held and be reprinted, not hang in front of the citizen).
   */
  protected boundedWrite(timeoutMs: number, start: (done: (e?: Error | null) => void) => void): Promise<void> {
    if (!this.open) return Promise.reject(new Error('link closed'));
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (e?: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pendingWrites.delete(finish);
        if (e) reject(e);
        else resolve();
      };
      const timer = setTimeout(() => {
        const e = new Error(`the device took no data for ${timeoutMs} ms`);
        finish(e);
        this.lost(e.message);
      }, timeoutMs);
      this.pendingWrites.add(finish);
      start(finish);
    });
  }

  private failPendingWrites(reason: string): void {
    for (const f of [...this.pendingWrites]) f(new Error(reason));
  }

  protected lost(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.failPendingWrites(reason);
    if (this.closing) return;
    this.lostReason = reason;
    this.lostCb?.(reason);
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.closing = true;
    this.open = false;
    this.failPendingWrites('link closed');
    await this.doClose().catch(() => undefined);
  }

  abstract write(data: Uint8Array): Promise<void>;
  protected abstract doClose(): Promise<void>;
}

function classify(e: NodeJS.ErrnoException | Error): LinkOpenError {
  const m = e.message;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT' || /ENOENT|No such file/i.test(m)) return { reason: 'not-found', detail: m };
  if (code === 'EBUSY' || /EBUSY|lock|busy/i.test(m)) return { reason: 'busy', detail: m };
  return { reason: 'error', detail: m };
}

/** Bounds for a write: twice its time on the wire, plus what a printer may take to print it. */
export function writeTimeoutMs(bytes: number, bytesPerSecond: number, graceMs = WRITE_GRACE_MS): number {
  return Math.ceil((bytes / bytesPerSecond) * 2000) + graceMs;
}
const WRITE_GRACE_MS = 10_000;

/** How often an open serial port's device node is looked for: a stat, nothing on the wire. */
export const SERIAL_PRESENCE_CHECK_MS = 1000;

class SerialLink extends BaseLink {
  private presence: NodeJS.Timeout | null = null;

  /**
   * A device that sends nothing unasked (a code scanner) or is between polls shows its unplugging
   * only as the port's read error, which can come late or not at all (seen with a pty whose other
   * end went away on a loaded machine). udev removes the node on unplug, so it is looked for too,
   * and the loss is reported once, whichever notices first.
   */
  constructor(
    private readonly port: SerialPort,
    private readonly path: string,
    readonly description: string,
    private readonly baudRate: number,
    private readonly writeGraceMs: number,
  ) {
    super();
    port.on('data', (d: Buffer) => this.deliver(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
    port.on('error', (e: Error) => this.lost(e.message));
    port.on('close', (e: (Error & { disconnected?: boolean }) | null) => this.lost(e?.message ?? 'port closed'));
    this.presence = setInterval(() => this.checkPresence(), SERIAL_PRESENCE_CHECK_MS);
    this.presence.unref();
  }

  private checkPresence(): void {
    fs.stat(this.path, (e) => {
      if (e?.code === 'ENOENT') this.lost(`${this.path} is gone`);
    });
  }

  private stopPresenceCheck(): void {
    if (this.presence) clearInterval(this.presence);
    this.presence = null;
  }

  protected override lost(reason: string): void {
    this.stopPresenceCheck();
    super.lost(reason);
  }

  write(data: Uint8Array): Promise<void> {
    return this.boundedWrite(writeTimeoutMs(data.length, this.baudRate / 10, this.writeGraceMs), (done) => {
      this.port.write(Buffer.from(data), (e) => {
        if (e) {
          done(e);
          this.lost(e.message);
          return;
        }
        this.port.drain((e2) => done(e2));
      });
    });
  }

  protected doClose(): Promise<void> {
    this.stopPresenceCheck();
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

export async function openSerialLink(path: string, baudRate: number, opts: { writeGraceMs?: number } = {}): Promise<Result<Link, LinkOpenError>> {
  if (!fs.existsSync(path)) return err({ reason: 'not-found', detail: `${path} does not exist` });
  const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  return new Promise((resolve) => {
    port.open((e) => {
      if (e) resolve(err(classify(e)));
      else resolve(ok(new SerialLink(port, path, `serial:${path}@${baudRate}`, baudRate, opts.writeGraceMs ?? WRITE_GRACE_MS)));
    });
  });
}

class TcpLink extends BaseLink {
  constructor(
    private readonly socket: net.Socket,
    readonly description: string,
  ) {
    super();
    socket.on('data', (d) => this.deliver(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
    socket.on('error', (e) => this.lost(e.message));
    socket.on('close', () => this.lost('connection closed'));
  }

  write(data: Uint8Array): Promise<void> {
    // a network printer is at least as fast as a 115200 baud line
    return this.boundedWrite(writeTimeoutMs(data.length, 11_520), (done) => this.socket.write(data, (e) => done(e)));
  }

  protected doClose(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 500).unref();
    });
  }
}

export async function openTcpLink(host: string, port: number, timeoutMs = 3000): Promise<Result<Link, LinkOpenError>> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(err({ reason: 'not-found', detail: `${host}:${port} did not answer within ${timeoutMs} ms` }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setKeepAlive(true, 5000);
      socket.setNoDelay(true);
      resolve(ok(new TcpLink(socket, `tcp:${host}:${port}`)));
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err(e.code === 'ECONNREFUSED' || e.code === 'EHOSTUNREACH' ? { reason: 'not-found', detail: e.message } : classify(e)));
    });
  });
}

/** A character device (USB printer class /dev/usb/lp*): written with write(2), read back for status. */
class CharDeviceLink extends BaseLink {
  private readonly reader: fs.ReadStream;
  constructor(
    private readonly fd: number,
    readonly description: string,
  ) {
    super();
    this.reader = fs.createReadStream('', { fd, autoClose: false, highWaterMark: 256 });
    this.reader.on('data', (d) => {
      const b = d as Buffer;
      this.deliver(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    });
    this.reader.on('error', (e) => this.lost(e.message));
    this.reader.on('end', () => this.lost('device closed'));
  }

  write(data: Uint8Array): Promise<void> {
    // a USB printer takes bytes about as fast as it prints: like a 115200 baud line at the least
    return this.boundedWrite(writeTimeoutMs(data.length, 11_520), (done) =>
      fs.write(this.fd, data, (e) => {
        done(e);
        if (e) this.lost(e.message);
      }),
    );
  }

  protected async doClose(): Promise<void> {
    this.reader.destroy();
    await new Promise<void>((resolve) => fs.close(this.fd, () => resolve()));
  }
}

export async function openCharDeviceLink(path: string): Promise<Result<Link, LinkOpenError>> {
  return new Promise((resolve) =>
    fs.open(path, fs.constants.O_RDWR | fs.constants.O_NOCTTY, (e, fd) => {
      if (e) resolve(err(classify(e)));
      else resolve(ok(new CharDeviceLink(fd, `chardev:${path}`)));
    }),
  );
}
