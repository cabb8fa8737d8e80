// Test-only (uses pngjs, a dev dependency). An in-memory device layer for fast workflow and API tests: no ptys, CUPS or SANE. It keeps
// the real contracts (Result types, held receipts, page inbox, events) and records what was
// "printed" decoded back to text, so tests still assert on what a citizen would hold.
import { PNG } from 'pngjs';
import { DEVICE_KINDS, type AnyDeviceStatus, type CardIdentity, type DeviceKind, type DeviceStatusView } from '../../common/devices';
import type { KioskEvent } from '../../common/events';
import { err, ok, type Result } from '../../common/result';
import type { A4Error, A4Printed } from '../a4/cups-printer';
import type { A4Doc } from '../../documents/model/a4-doc';
import { buildA4Pdf, findCjkFont, type BuiltPdf } from '../a4/pdf-builder';
import type { DeviceLayer } from '../device-layer';
import type { SampleCardName } from '../id-card/sample-cards';
import { PageInbox, type PageMeta } from '../materials/page-inbox';
import { EscPosDecoder } from '../receipt/escpos-decoder';
import { encodeReceipt } from '../receipt/escpos-encoder';
import { HeldJobs, type HeldJob } from '../receipt/held-jobs';
import type { PrintFailureReason } from '../receipt/printer';
import { receiptDocSchema, type ReceiptDoc } from '../../documents/model/receipt-doc';
import type { Printed, ReceiptError } from '../receipt/service';
import { fault, type ScanFaultKind, type ScanOptions } from '../scanner/scanimage';
import type { ScanError } from '../scanner/service';
import { cardErrorEvent, cardReadEvent, codeScannedEvent, statusView } from './fake-events';

export interface FakeReceipt {
  jobId: string;
  lines: string[];
  qrPayloads: string[];
}

/** A white 800×600 page, as a scanner would return it. */
function blankPng(): Uint8Array {
  const png = new PNG({ width: 800, height: 600 });
  png.data.fill(0xff);
  return new Uint8Array(PNG.sync.write(png));
}

const RECEIPT_FAULT: Partial<Record<AnyDeviceStatus['state'], PrintFailureReason>> = {
  'paper-out': 'paper-out',
  'cover-open': 'cover-open',
  'cutter-error': 'cutter-error',
  'printer-error': 'printer-error',
  offline: 'unplugged',
};

export class FakeDevices implements DeviceLayer {
  readonly pages = new PageInbox();
  readonly sim = null;
  readonly printedReceipts: FakeReceipt[] = [];
  readonly printedPdfs: { title: string; bytes: number }[] = [];
  /** the next scan fails with this fault (then clears) */
  nextScanFault: ScanFaultKind | null = null;
  /** pages the fake feeder holds */
  feederPages = 3;
  private readonly statuses = new Map<DeviceKind, AnyDeviceStatus>(DEVICE_KINDS.map((k) => [k, k === 'receipt-printer' ? { state: 'ready', paperNearEnd: false } : { state: 'ready' }]));
  private readonly held = new HeldJobs(null);
  private nextA4Job = 1;

  constructor(private readonly emit: (e: KioskEvent) => void = () => undefined) {}

  // --- test controls ---
  setStatus(device: DeviceKind, status: AnyDeviceStatus): void {
    this.statuses.set(device, status);
    this.emit({ type: 'device.status', view: statusView(device, status) });
  }

  insertCard(card: SampleCardName | CardIdentity = 'resident'): void {
    this.emit(cardReadEvent(card));
  }

  failCard(reason: 'read-failed' | 'invalid-data' = 'read-failed'): void {
    this.emit(cardErrorEvent(reason));
  }

  scanCode(text: string): void {
    this.emit(codeScannedEvent(text));
  }

  // --- DeviceLayer ---
  list(): DeviceStatusView[] {
    return DEVICE_KINDS.map((k) => statusView(k, this.statuses.get(k)!));
  }

  readonly receipt = {
    encode: (doc: ReceiptDoc) => encodeReceipt(doc, { widthChars: 32 }),
    print: async (doc: ReceiptDoc): Promise<Result<Printed, ReceiptError>> => {
      const parsed = receiptDocSchema.safeParse(doc);
      if (!parsed.success) return err({ kind: 'invalid', detail: parsed.error.message });
      return this.printReceipt(HeldJobs.newId(), parsed.data, 0);
    },
    reprint: async (jobId: string): Promise<Result<Printed, ReceiptError>> => {
      const job = this.held.get(jobId);
      if (!job) return err({ kind: 'not-found' });
      return this.printReceipt(job.id, job.doc, job.attempts);
    },
    discard: (jobId: string) => !!this.held.release(jobId),
    heldJobs: (): HeldJob[] => this.held.list(),
  };

  private async printReceipt(jobId: string, doc: ReceiptDoc, attempts: number): Promise<Result<Printed, ReceiptError>> {
    const status = this.statuses.get('receipt-printer')!;
    const reason = RECEIPT_FAULT[status.state];
    if (reason) {
      this.held.hold({ id: jobId, doc, reason, detail: status.state, heldAt: new Date().toISOString(), attempts: attempts + 1 });
      this.emit({ type: 'receipt.held', jobId, reason });
      return err({ kind: 'held', jobId, reason });
    }
    const bytes = this.receipt.encode(doc);
    const events = new EscPosDecoder().push(bytes);
    this.printedReceipts.push({
      jobId,
      lines: events.flatMap((e) => (e.type === 'line' ? [e.text] : [])),
      qrPayloads: events.flatMap((e) => (e.type === 'qr' ? [new TextDecoder().decode(e.data)] : [])),
    });
    this.held.release(jobId);
    return ok({ jobId, bytes: bytes.length });
  }

  readonly a4 = {
    buildPdf: async (doc: A4Doc): Promise<Result<BuiltPdf, string>> => {
      const font = findCjkFont();
      if (!font.ok) return font;
      return ok(await buildA4Pdf(doc, font.value));
    },
    printPdf: async (pdf: Uint8Array, title = 'kiosk document'): Promise<Result<A4Printed, A4Error>> => {
      const status = this.statuses.get('a4-printer')!;
      if (status.state === 'stopped') return err({ kind: 'stopped', code: 'stopped', detail: status.detail });
      if (status.state === 'offline') return err({ kind: 'offline', code: 'not-available', detail: status.detail });
      this.printedPdfs.push({ title, bytes: pdf.length });
      return ok({ jobId: this.nextA4Job++, pages: null, ms: 0 });
    },
    printDoc: async (doc: A4Doc) => {
      const built = await this.a4.buildPdf(doc);
      if (!built.ok) return err({ kind: 'no-font' as const, code: 'no-font' as const, detail: built.error });
      return this.a4.printPdf(built.value.pdf, doc.title);
    },
  };

  readonly scanner = {
    scan: async (opts: ScanOptions): Promise<Result<PageMeta[], ScanError>> => {
      if (this.nextScanFault) {
        const f = fault(this.nextScanFault, 'fake');
        this.nextScanFault = null;
        return err({ ...f, accepted: [] });
      }
      const n = opts.source === 'adf' ? Math.min(this.feederPages, opts.maxPages ?? 100) : 1;
      if (n === 0) return err({ ...fault('no-documents', 'fake'), accepted: [] });
      const png = blankPng();
      const accepted: PageMeta[] = [];
      for (let i = 0; i < n; i++) {
        const r = this.pages.add('scanner', png);
        if (r.ok) accepted.push(r.value);
      }
      return ok(accepted);
    },
  };

  async settled(): Promise<void> {}
  async close(): Promise<void> {}
}
