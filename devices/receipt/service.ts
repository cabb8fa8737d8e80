// What the backend calls to print a receipt. A job that fails (paper out, cover open, cable
// pulled) is kept with its reason and can be reprinted; the caller always learns which.
import type { KioskEvent } from '../../common/events';
import { err, ok, type Result } from '../../common/result';
import type { DeviceLogger } from '../core/log';
import type { DeviceSupervisor } from '../supervisor/supervisor';
import { encodeReceipt } from './escpos-encoder';
import { HeldJobs, type HeldJob } from './held-jobs';
import type { PrintFailure, ReceiptPrinterSession } from './printer';
import { receiptDocSchema, type ReceiptDoc } from '../../documents/model/receipt-doc';

export type ReceiptError = { kind: 'held'; jobId: string; reason: PrintFailure['reason']; message: string } | { kind: 'invalid'; message: string } | { kind: 'not-found'; message: string };

export interface Printed {
  jobId: string;
  bytes: number;
}

const REASON_TEXT: Record<PrintFailure['reason'], string> = {
  'paper-out': '凭条打印机缺纸，凭条已保留，装纸后可重新打印 / Out of paper: the receipt is kept and can be reprinted.',
  'cover-open': '凭条打印机机盖打开，凭条已保留 / Printer cover open: the receipt is kept and can be reprinted.',
  'cutter-error': '凭条打印机切刀故障，凭条已保留 / Cutter error: the receipt is kept and can be reprinted.',
  'printer-error': '凭条打印机故障，凭条已保留 / Printer error: the receipt is kept and can be reprinted.',
  unplugged: '凭条打印机未连接，凭条已保留 / Printer not connected: the receipt is kept and can be reprinted.',
  'no-response': '凭条打印机无响应，凭条已保留 / Printer not answering: the receipt is kept and can be reprinted.',
};

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
    if (!parsed.success) return err({ kind: 'invalid', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return this.attempt(HeldJobs.newId(), parsed.data, 0);
  }

  heldJobs(): HeldJob[] {
    return this.held.list();
  }

  async reprint(jobId: string): Promise<Result<Printed, ReceiptError>> {
    const job = this.held.get(jobId);
    if (!job) return err({ kind: 'not-found', message: '没有这张待重打的凭条 / no such held receipt' });
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
    const message = REASON_TEXT[r.error.reason];
    this.opts.logger.log('receipt.held', { jobId, reason: r.error.reason, detail: r.error.detail, attempts: attempts + 1 });
    this.opts.emit({ type: 'receipt.held', jobId, reason: r.error.reason, message });
    return err({ kind: 'held', jobId, reason: r.error.reason, message });
  }
}
