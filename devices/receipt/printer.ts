// The receipt printer driver: real-time status (DLE EOT 1–4) polled while idle, and jobs
// written only to a printer that says it is ready, with the status checked again afterwards so
// a job that ran into paper-out or an open cover is reported, not assumed printed.
import type { ReceiptHeldReason } from '../../common/device-failures';
import type { Offline, ReceiptPrinterStatus } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import type { Link } from '../core/link';
import { PollingSession } from '../core/polling-session';
import { Commands } from './escpos-encoder';
import { interpretStatus, isStatusByte, type RtStatus } from './rt-status';

export type PrintFailureReason = ReceiptHeldReason;
export interface PrintFailure {
  reason: PrintFailureReason;
  detail: string;
}

export interface PrinterOptions {
  statusPollMs?: number;
  statusTimeoutMs?: number;
  missedPollsOffline?: number;
}

type QueryError = { kind: 'timeout' } | { kind: 'closed'; detail: string };

export class ReceiptPrinterSession extends PollingSession<ReceiptPrinterStatus> {
  private byteWaiter: ((b: number) => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private missed = 0;
  private readonly opts: Required<PrinterOptions>;

  constructor(
    private readonly link: Link,
    options: PrinterOptions = {},
  ) {
    super({ state: 'ready', paperNearEnd: false });
    this.opts = { statusPollMs: 1000, statusTimeoutMs: 500, missedPollsOffline: 3, ...options };
    link.onData((chunk) => {
      for (const b of chunk) {
        // Answers are single bytes with a fixed bit pattern; anything else is line noise.
        if (this.byteWaiter && isStatusByte(b)) {
          const w = this.byteWaiter;
          this.byteWaiter = null;
          w(b);
        }
      }
    });
    link.onLost((reason) => this.unplugged(reason));
  }

  async start(): Promise<Result<void, Offline>> {
    const s = await this.serial(() => this.queryStatus());
    if (!s.ok)
      return err({
        state: 'offline',
        reason: s.error.kind === 'timeout' ? 'no-response' : 'unplugged',
        detail: s.error.kind === 'timeout' ? 'no answer to DLE EOT' : s.error.detail,
      });
    this.cell.set(s.value);
    this.startPolling({ everyMs: this.opts.statusPollMs });
    return ok(undefined);
  }

  protected override release(): Promise<void> {
    return this.link.close();
  }

  /** Runs operations one at a time: a status poll never interleaves with a job. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const r = this.queue.then(op, op);
    this.queue = r.catch(() => undefined);
    return r;
  }

  protected override async pollOnce(): Promise<void> {
    const s = await this.serial(() => this.queryStatus());
    if (!this.polling) return;
    if (s.ok) {
      this.missed = 0;
      this.cell.set(s.value);
    } else if (s.error.kind === 'timeout' && ++this.missed >= this.opts.missedPollsOffline) {
      this.cell.set({ state: 'offline', reason: 'no-response', detail: `${this.missed} status requests unanswered` });
    }
  }

  private async statusByte(n: 1 | 2 | 3 | 4, timeoutMs: number): Promise<Result<number, QueryError>> {
    if (!this.link.isOpen) return err({ kind: 'closed', detail: 'link closed' });
    const answer = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        this.byteWaiter = null;
        resolve(null);
      }, timeoutMs);
      this.byteWaiter = (b) => {
        clearTimeout(timer);
        resolve(b);
      };
    });
    try {
      await this.link.write(Uint8Array.from(Commands.status(n)));
    } catch (e) {
      this.byteWaiter = null;
      return err({ kind: 'closed', detail: (e as Error).message });
    }
    const b = await answer;
    if (b === null) return err(this.link.isOpen ? { kind: 'timeout' } : { kind: 'closed', detail: 'link closed' });
    return ok(b);
  }

  private async queryStatus(timeoutMs = this.opts.statusTimeoutMs): Promise<Result<ReceiptPrinterStatus, QueryError>> {
    const bytes: number[] = [];
    for (const n of [1, 2, 3, 4] as const) {
      const b = await this.statusByte(n, timeoutMs);
      if (!b.ok) return b;
      bytes.push(b.value);
    }
    const rt: RtStatus = { printer: bytes[0]!, offlineCause: bytes[1]!, errorCause: bytes[2]!, paperSensor: bytes[3]! };
    return ok(interpretStatus(rt));
  }

  /** Asks the printer for its status now (technician probe, before a job). */
  refreshStatus(): Promise<Result<ReceiptPrinterStatus, PrintFailure>> {
    return this.serial(async () => {
      const s = await this.queryStatus();
      if (!s.ok) return err(toFailure(s.error));
      this.cell.set(s.value);
      return ok(s.value);
    });
  }

  // A citizen's receipt hangs on the answers around its job. The answer after a job queues behind
  // the job's bytes on the link (a 10 KB receipt is ~0.9 s of wire at 115200 baud) and a USB
  // bridge's buffers, so one late answer there must not hold a receipt that printed: the idle poll
  // keeps the short timeout (three misses make the printer offline), a job waits longer.
  private jobStatusTimeoutMs(): number {
    return Math.max(this.opts.statusTimeoutMs, 3000);
  }

  /** Writes one job. ok means the printer reported ready after the job; it is on paper and cut. */
  printBytes(job: Uint8Array): Promise<Result<void, PrintFailure>> {
    return this.serial(async () => {
      const before = await this.queryStatus(this.jobStatusTimeoutMs());
      if (!before.ok) return err(toFailure(before.error));
      this.cell.set(before.value);
      if (before.value.state !== 'ready') return err(statusFailure(before.value));
      const paperNearEnd = before.value.paperNearEnd;
      this.cell.set({ state: 'printing', paperNearEnd });
      try {
        await this.link.write(job);
      } catch (e) {
        return err({ reason: 'unplugged', detail: (e as Error).message });
      }
      const after = await this.queryStatus(this.jobStatusTimeoutMs());
      if (!after.ok) return err(toFailure(after.error));
      this.cell.set(after.value);
      if (after.value.state !== 'ready') {
        // The job stopped part way. Clear what the printer still holds so that the reprint
        // is the only copy that comes out once paper is loaded or the cover is closed.
        await this.link.write(Uint8Array.from(Commands.clearBuffers)).catch(() => undefined);
        return err(statusFailure(after.value));
      }
      return ok(undefined);
    });
  }
}

function toFailure(e: QueryError): PrintFailure {
  return e.kind === 'timeout' ? { reason: 'no-response', detail: 'the printer does not answer' } : { reason: 'unplugged', detail: e.detail };
}

function statusFailure(s: ReceiptPrinterStatus): PrintFailure {
  switch (s.state) {
    case 'paper-out':
    case 'cover-open':
    case 'cutter-error':
      // the state is the reason; the log's detail is the same in words ("paper out")
      return { reason: s.state, detail: s.state.replace('-', ' ') };
    case 'printer-error':
      return { reason: 'printer-error', detail: s.detail };
    case 'offline':
      return { reason: s.reason === 'no-response' ? 'no-response' : 'unplugged', detail: s.detail };
    default:
      return { reason: 'printer-error', detail: s.state };
  }
}
