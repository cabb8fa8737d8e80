// The A4 / certificate printer through CUPS: printer state polled over IPP (stopped, paused,
// missing, scheduler down all become a status), PDFs submitted with Print-Job and followed to
// completion. A job that cannot finish is cancelled, so a citizen's document never comes out
// later in front of the next person.
import type { A4Failure } from '../../common/device-failures';
import type { A4PrinterStatus, Offline } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { PollingSession } from '../core/polling-session';
import { sleep } from '../core/session';
import { attr, attrAll, IppStatus, JobState, PrinterState, type IppMessage } from './ipp-codec';
import type { IppClient } from './ipp-client';

/** Why a print failed: the kind, the code the screens word, and CUPS's own detail for the technician. */
export type A4Error =
  | { kind: 'stopped'; code: A4Failure; detail: string }
  | { kind: 'offline'; code: A4Failure; detail: string }
  | { kind: 'failed'; code: A4Failure; detail: string; jobId: number }
  | { kind: 'timeout'; code: A4Failure; detail: string; jobId: number };

export interface A4Printed {
  jobId: number;
  pages: number | null;
  ms: number;
}

export interface CupsOptions {
  pollMs?: number;
  /** how long a job may sit in a stopped queue before it is cancelled */
  stoppedGraceMs?: number;
  jobTimeoutMs?: number;
}

export function printerStatusFrom(msg: IppMessage): A4PrinterStatus {
  const state = attr(msg, 'printer-state');
  const reasons = attrAll(msg, 'printer-state-reasons')
    .map(String)
    .filter((r) => r !== 'none');
  const message = String(attr(msg, 'printer-state-message') ?? '');
  const accepting = attr(msg, 'printer-is-accepting-jobs');
  if (state === PrinterState.stopped) return { state: 'stopped', detail: message || reasons.join(', ') || 'stopped' };
  if (accepting === false) return { state: 'stopped', detail: message || 'not accepting jobs' };
  if (reasons.some((r) => r.endsWith('-error') || r === 'paused')) return { state: 'stopped', detail: reasons.join(', ') };
  return { state: 'ready' };
}

export class CupsPrinterSession extends PollingSession<A4PrinterStatus> {
  private activeJob: number | null = null;
  private readonly opts: Required<CupsOptions>;

  private constructor(
    private readonly client: IppClient,
    readonly queue: string,
    initial: A4PrinterStatus,
    options: CupsOptions,
  ) {
    super(initial);
    this.opts = { pollMs: 2000, stoppedGraceMs: 3000, jobTimeoutMs: 120_000, ...options };
    this.startPolling({ everyMs: this.opts.pollMs });
  }

  static async connect(client: IppClient, queue: string, options: CupsOptions = {}): Promise<Result<CupsPrinterSession, Offline>> {
    const probe = await probePrinter(client, queue);
    if (!probe.ok) return probe;
    return ok(new CupsPrinterSession(client, queue, probe.value, options));
  }

  protected override async pollOnce(): Promise<void> {
    const r = await probePrinter(this.client, this.queue);
    if (!this.polling) return;
    if (!r.ok) return this.lose(r.error);
    if (this.activeJob === null || r.value.state !== 'ready') this.cell.set(r.value);
  }

  async printPdf(pdf: Uint8Array, title: string): Promise<Result<A4Printed, A4Error>> {
    const started = Date.now();
    const submit = await this.client.printJob(this.queue, pdf, title);
    if (!submit.ok) return err({ kind: 'offline', code: 'service-unavailable', detail: submit.error.detail });
    if (submit.value.code === IppStatus.notAcceptingJobs) return err({ kind: 'stopped', code: 'stopped', detail: String(attr(submit.value, 'status-message') ?? 'not accepting jobs') });
    if (submit.value.code > IppStatus.okIgnoredOrSubstituted)
      return err({
        kind: 'offline',
        code: 'refused',
        detail: `IPP status 0x${submit.value.code.toString(16)} ${String(attr(submit.value, 'status-message') ?? '')}`,
      });
    const jobId = Number(attr(submit.value, 'job-id'));
    this.activeJob = jobId;
    this.cell.set({ state: 'printing', jobId });
    try {
      return await this.follow(jobId, started);
    } finally {
      this.activeJob = null;
      const now = await probePrinter(this.client, this.queue);
      this.cell.set(now.ok ? now.value : now.error);
    }
  }

  private async follow(jobId: number, started: number): Promise<Result<A4Printed, A4Error>> {
    let stoppedSince: number | null = null;
    for (;;) {
      const job = await this.client.getJob(jobId);
      if (!job.ok) return err({ kind: 'offline', code: 'service-lost', detail: job.error.detail });
      const state = Number(attr(job.value, 'job-state'));
      const reasons = attrAll(job.value, 'job-state-reasons').map(String).join(', ');
      if (state === JobState.completed) {
        const pages = attr(job.value, 'job-impressions-completed') ?? attr(job.value, 'job-media-sheets-completed');
        return ok({ jobId, pages: typeof pages === 'number' && pages > 0 ? pages : null, ms: Date.now() - started });
      }
      if (state === JobState.canceled || state === JobState.aborted)
        return err({
          kind: 'failed',
          jobId,
          code: 'failed',
          detail: `${state === JobState.aborted ? 'aborted' : 'canceled'}: ${reasons || String(attr(job.value, 'job-state-message') ?? '')}`,
        });
      const printer = await probePrinter(this.client, this.queue);
      const stopped = !printer.ok || printer.value.state === 'stopped' || state === JobState.stopped || state === JobState.held;
      stoppedSince = stopped ? (stoppedSince ?? Date.now()) : null;
      if (stoppedSince !== null && Date.now() - stoppedSince > this.opts.stoppedGraceMs) {
        await this.client.cancelJob(jobId);
        const detail = printer.ok ? (printer.value.state === 'stopped' ? printer.value.detail : reasons) : printer.error.detail;
        return err({ kind: 'stopped', code: 'stopped-cancelled', detail });
      }
      if (Date.now() - started > this.opts.jobTimeoutMs) {
        await this.client.cancelJob(jobId);
        return err({ kind: 'timeout', jobId, code: 'timeout', detail: reasons });
      }
      await sleep(250);
    }
  }
}

async function probePrinter(client: IppClient, queue: string): Promise<Result<A4PrinterStatus, Offline>> {
  const r = await client.getPrinter(queue);
  if (!r.ok) return err({ state: 'offline', reason: r.error.kind === 'unavailable' ? 'unavailable' : 'error', detail: r.error.detail });
  if (r.value.code === IppStatus.notFound) return err({ state: 'offline', reason: 'not-found', detail: `no CUPS queue "${queue}"` });
  if (r.value.code > IppStatus.okIgnoredOrSubstituted) return err({ state: 'offline', reason: 'error', detail: `IPP status 0x${r.value.code.toString(16)}` });
  return ok(printerStatusFrom(r.value));
}
