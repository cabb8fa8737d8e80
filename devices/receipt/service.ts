// What the backend calls to print a receipt. A job that fails (paper out, cover open, cable
// pulled) is kept with its reason and can be reprinted; the caller always learns which.
import type { ReceiptHeldReason } from '../../common/device-failures';
import type { KioskEvent } from '../../common/events';
import { err, ok, type Result } from '../../common/result';
import type { DeviceLogger } from '../core/log';
import type { DeviceSupervisor } from '../supervisor/supervisor';
import { encodeReceipt } from './escpos-encoder';
import { HeldJobs, type HeldJob } from './held-jobs';
import type { PrintFailure, ReceiptPrinterSession } from './printer';
import { receiptDocSchema, type ReceiptDoc } from '../../documents/model/receipt-doc';

/**
 * Why a receipt did not print: held for reprint (with the printer's reason, a code the screens
 * word), a document that fails its schema (`detail`: the schema's issues, for the developer), or
 * no such held receipt.
 */
export type ReceiptError = { kind: 'held'; jobId: string; reason: ReceiptHeldReason } | { kind: 'invalid'; detail: string } | { kind: 'not-found' };

export interface Printed {
  jobId: string;
  bytes: number;
}

export class ReceiptService {
  constructor(
    private readonly supervisor: DeviceSupervisor<'receipt-printer', ReceiptPrinterSession>,
    readonly held: HeldJobs,
    private readonly opts: { widthChars: number; logger: DeviceLogger; emit: (e: KioskEvent) => void },
  ) {}

  /** The bytes a receipt becomes (also used by the bench and the technician CLI). */
  encode(doc: ReceiptDoc): Uint8Array {
    return encodeReceipt(doc, { widthChars: this.opts.widthChars });
  }

  async print(doc: ReceiptDoc): Promise<Result<Printed, ReceiptError>> {
    const parsed = receiptDocSchema.safeParse(doc);
    if (!parsed.success) return err({ kind: 'invalid', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return this.attempt(HeldJobs.newId(), parsed.data, 0);
  }

  heldJobs(): HeldJob[] {
    return this.held.list();
  }

  async reprint(jobId: string): Promise<Result<Printed, ReceiptError>> {
    const job = this.held.get(jobId);
    if (!job) return err({ kind: 'not-found' });
    return this.attempt(job.id, job.doc, job.attempts);
  }

  discard(jobId: string): boolean {
    const job = this.held.release(jobId);
    if (job) {
      this.opts.logger.log('receipt.discarded', { jobId });
      this.supervisor.refresh();
    }
    return !!job;
  }

  private async attempt(jobId: string, doc: ReceiptDoc, attempts: number): Promise<Result<Printed, ReceiptError>> {
    const bytes = this.encode(doc);
    const session = this.supervisor.session;
    const r: Result<void, PrintFailure> = session
      ? await session.printBytes(bytes)
      : err({ reason: 'unplugged', detail: (this.supervisor.view().status as { detail?: string }).detail ?? 'not connected' });
    if (r.ok) {
      if (this.held.release(jobId)) this.supervisor.refresh();
      this.opts.logger.log('receipt.printed', { jobId, bytes: bytes.length, reprint: attempts > 0 });
      return ok({ jobId, bytes: bytes.length });
    }
    this.held.hold({ id: jobId, doc, reason: r.error.reason, detail: r.error.detail, heldAt: this.held.get(jobId)?.heldAt ?? new Date().toISOString(), attempts: attempts + 1 });
    this.supervisor.refresh();
    this.opts.logger.log('receipt.held', { jobId, reason: r.error.reason, detail: r.error.detail, attempts: attempts + 1 });
    this.opts.emit({ type: 'receipt.held', jobId, reason: r.error.reason });
    return err({ kind: 'held', jobId, reason: r.error.reason });
  }
}
