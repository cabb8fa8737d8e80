// One SSIP connection to speech-dispatcher over its Unix socket (the protocol spd-say and Orca
// speak). Commands are answered in order, so a FIFO of waiting commands matches each reply; 7xx
// lines are events (BEGIN / END / CANCEL of a message) and arrive whenever the service likes.
// Why not spawn `spd-say` per prompt: a process per step adds its start-up to the delay before
// the first sound, and gives no event telling when speech began or failed.
import net from 'node:net';

export interface SsipReply {
  /** the three-digit code of the final line (2xx success, 3xx/4xx/5xx refusal) */
  code: number;
  /** the continuation lines' text (`NNN-text`), e.g. a message id or a list of modules */
  lines: string[];
  /** the final line's text after the code */
  text: string;
}

export interface SsipEvent {
  kind: 'begin' | 'end' | 'cancel' | 'pause' | 'resume' | 'index-mark';
  messageId: string;
}

const EVENT_KINDS: Record<string, SsipEvent['kind']> = { '700': 'index-mark', '701': 'begin', '702': 'end', '703': 'cancel', '704': 'pause', '705': 'resume' };

export class SsipError extends Error {}

/** speech-dispatcher answers in milliseconds; a busy terminal (a scan, a print) may take seconds. */
const REPLY_TIMEOUT_MS = 10_000;

/** The text of one SPEAK: one line (SSIP ends the data at a lone "."), no control characters. */
export function ssipData(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  // A data line that starts with "." is sent with the dot doubled (SSIP's escaping).
  return line.startsWith('.') ? `.${line}` : line;
}

export class SsipConnection {
  private buffer = '';
  private pending: Array<{ resolve: (r: SsipReply) => void; reject: (e: Error) => void; lines: string[] }> = [];
  private eventLines: string[] = [];
  private closed = false;
  private readonly closeListeners: Array<(why: string) => void> = [];
  private readonly eventListeners: Array<(e: SsipEvent) => void> = [];

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (e) => this.fail(e.message));
    socket.on('close', () => this.fail('connection closed'));
  }

  /** Connects, or fails within `timeoutMs` (a socket file with no service behind it refuses at once). */
  static open(socketPath: string, timeoutMs = 2000): Promise<SsipConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ path: socketPath });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SsipError(`no answer on ${socketPath} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new SsipConnection(socket));
      });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new SsipError(e.code === 'ENOENT' ? `no socket at ${socketPath}` : `${e.code ?? 'error'} on ${socketPath}`));
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  onClose(listener: (why: string) => void): void {
    this.closeListeners.push(listener);
  }

  onEvent(listener: (e: SsipEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /** One command line; resolves with its reply (any code: the caller decides what a refusal means). */
  command(line: string, timeoutMs = REPLY_TIMEOUT_MS): Promise<SsipReply> {
    return this.send(`${line}\r\n`, timeoutMs);
  }

  /** SPEAK with its data block; resolves with the message id the service queued it under. */
  async speak(text: string): Promise<string> {
    const ready = await this.command('SPEAK');
    if (ready.code !== 230) throw new SsipError(`SPEAK refused: ${ready.code} ${ready.text}`);
    const queued = await this.send(`${ssipData(text)}\r\n.\r\n`, REPLY_TIMEOUT_MS);
    if (queued.code !== 225) throw new SsipError(`message refused: ${queued.code} ${queued.text}`);
    return queued.lines[0] ?? '';
  }

  close(): void {
    if (this.closed) return;
    this.socket.end('QUIT\r\n');
    this.socket.destroySoon();
    this.fail('closed by the kiosk');
  }

  private send(raw: string, timeoutMs: number): Promise<SsipReply> {
    if (this.closed) return Promise.reject(new SsipError('connection closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A service that stops answering mid-conversation cannot be trusted to answer in order again.
        this.socket.destroy();
        this.fail(`no reply within ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending.push({
        lines: [],
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.write(raw);
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    const m = /^(\d{3})([- ])(.*)$/.exec(line);
    if (!m) return;
    const [, code, sep, text] = m as unknown as [string, string, string, string];
    if (code.startsWith('7')) {
      // Events: "7xx-msg_id", "7xx-client_id", then "7xx NAME".
      if (sep === '-') this.eventLines.push(text);
      else {
        const kind = EVENT_KINDS[code];
        const messageId = this.eventLines[0] ?? '';
        this.eventLines = [];
        if (kind) for (const l of this.eventListeners) l({ kind, messageId });
      }
      return;
    }
    const waiting = this.pending[0];
    if (!waiting) return;
    if (sep === '-') waiting.lines.push(text);
    else {
      this.pending.shift();
      waiting.resolve({ code: Number(code), lines: waiting.lines, text });
    }
  }

  private fail(why: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.splice(0)) p.reject(new SsipError(why));
    for (const l of this.closeListeners) l(why);
  }
}
