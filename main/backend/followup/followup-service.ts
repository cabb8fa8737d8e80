// Follow-up at the kiosk: progress lookups (central live, whichever terminal took the case; else
// this kiosk's last known state of its own cases),
// printing notices and results on A4 (a result once), postal delivery of a result, and
// reporting result prints to central (retried until central has heard).
import crypto from 'node:crypto';
import type { CaseLookupRequest, PostalAddress } from '../../../common/central-api';
import { isPostRefusal, type PostRefusal } from '../../../common/post-refusals';
import type { CaseProof } from '../../../common/receipt-claim';
import { err, ok, type Result } from '../../../common/result';
import { uuidv7 } from '../../../common/uuidv7';
import type { DeviceLayer } from '../../../devices/device-layer';
import type { SubmissionQueue } from '../../../offline-queue/queue';
import type { Store } from '../../../offline-queue/store/store';
import type { CallFailure } from '../../../offline-queue/sync/central-client';
import type { CatalogService } from '../catalog/catalog-service';
import type { A4Failure } from '../../../common/device-failures';
import type { Logger } from '../log/logger';
import { statusOnlyOf, viewFromCentral, viewFromLocal, viewStatusOnly, type CaseProgressView, type NotPrintable, type ProgressAnswer } from './progress-view';

/**
 * Codes with their parameters (the renderer words them, area `followup`). Central's refusal of a
 * postal delivery is its code (common/post-refusals.ts, `other` for one the contract does not
 * name); what central said in words goes to the log (`followup.central-refused`), never to the
 * screen. A printer failure is the A4 printer's code (common/device-failures.ts).
 */
export type FollowupError =
  | { kind: 'not-found'; what: 'case' | 'document' }
  | { kind: 'refused'; why: 'already-printed'; printedAt: string }
  | { kind: 'refused'; why: NotPrintable }
  | { kind: 'refused'; why: 'no-post' }
  | { kind: 'refused'; why: 'central'; code: PostRefusal | 'other' }
  | typeof NOT_PROVEN
  | { kind: 'busy' }
  | { kind: 'offline'; what: 'central' | 'document' }
  | { kind: 'printer'; failure: A4Failure }
  | { kind: 'central'; why: 'answer' }
  | { kind: 'central'; why: 'document-check' };

const OFFLINE = { kind: 'offline', what: 'central' } as const;
/** No proof of this citizen's opens the case: scan the receipt's QR or place the card. */
export const NOT_PROVEN = { kind: 'not-yours' } as const;
const NO_CASE = { kind: 'not-found', what: 'case' } as const;
const REPORT_EVERY_MS = 60_000;

function isOffline(f: CallFailure | { kind: 'invalid' }): boolean {
  return f.kind === 'network' || (f.kind === 'unavailable' && f.status !== 429);
}

function isBusy(f: CallFailure): boolean {
  return f.kind === 'unavailable' && f.status === 429;
}

/** A lookup as the kiosk makes it: by receipt number (with the claim of a scanned QR, if any) or by the card's number. */
export type KioskLookup = { by: 'receiptNo'; receiptNo: string; claim: string | null } | { by: 'idNumber'; idNumber: string };

/** What the follow-up needs of the backend: the outbox and its central client, names of services, the A4 printer. */
export interface FollowupDeps {
  readonly queue: SubmissionQueue;
  readonly catalog: Pick<CatalogService, 'service'>;
  readonly store: Store;
  readonly logger: Logger;
  readonly devices: Pick<DeviceLayer, 'a4'>;
}

export class FollowupService {
  private reportTimer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: FollowupDeps) {}

  private get client() {
    return this.ctx.queue.client;
  }

  private serviceName(code: string): string | null {
    return this.ctx.catalog.service(code)?.name ?? null;
  }

  private localPrintedAt = (id: string): string | null => this.ctx.store.followup.printedAt(id);

  /**
   * Cases of a receipt number or of the applicant whose card is on the reader. Whole cases only
   * against a proof (the receipt's claim, or the card); a receipt number alone shows its status.
   * Offline, this kiosk's copy is opened the same way: the claim is checked against the one it
   * drew for the receipt, the card by the keyed MAC of its number.
   */
  async lookup(q: KioskLookup, signal?: AbortSignal): Promise<Result<ProgressAnswer, FollowupError>> {
    const localReceipts = q.by === 'receiptNo' ? [q.receiptNo] : this.ctx.queue.receiptsOfApplicant(q.idNumber);
    const local = localReceipts.map((r) => this.ctx.queue.caseStatus(r)).filter((v) => v !== null);
    const localProven = q.by === 'idNumber' || (q.claim !== null && (await this.ctx.queue.claimMatches(q.receiptNo, q.claim)));
    const localView = (l: (typeof local)[number]) => {
      const v = viewFromLocal(l, this.serviceName(l.serviceCode), this.localPrintedAt);
      return localProven ? v : statusOnlyOf(v);
    };
    const wire: CaseLookupRequest = q.by === 'idNumber' ? q : { by: 'receiptNo', receiptNo: q.receiptNo, ...(q.claim ? { claim: q.claim } : {}) };
    const r = await this.client.call('caseLookup', { json: wire, signal, timeoutMs: 8000 });
    if (!r.ok && isBusy(r.failure)) {
      this.ctx.logger.log('followup.lookup-limited', { by: q.by });
      return err({ kind: 'busy' });
    }
    if (r.ok) {
      const submittedAt = (receiptNo: string) => local.find((l) => l.receiptNo === receiptNo)?.submittedAt ?? null;
      const cases: CaseProgressView[] = [
        ...r.body.cases.map((c) => viewFromCentral(c, this.serviceName(c.serviceCode), this.localPrintedAt, submittedAt(c.receiptNo))),
        ...r.body.statusOnly.map((c) => viewStatusOnly(c, this.serviceName(c.serviceCode), submittedAt(c.receiptNo))),
      ];
      // Submitted here but not at central yet (still uploading): shown from the local copy.
      for (const l of local) if (!cases.some((c) => c.receiptNo === l.receiptNo)) cases.push(localView(l));
      this.ctx.logger.log('followup.lookup', { by: q.by, source: 'live', cases: cases.length, proven: cases.filter((c) => c.access === 'full').length });
      return ok({ source: 'live', asOf: new Date().toISOString(), cases });
    }
    this.ctx.logger.log('followup.lookup', { by: q.by, source: 'local', cases: local.length, proven: localProven ? local.length : 0, why: r.failure.kind });
    return ok({ source: 'local', asOf: this.ctx.queue.feedPulledAt(), cases: local.map(localView) });
  }

  /** The proven case of a receipt: looked up again with the citizen's proof. */
  private async provenCase(receiptNo: string, proof: CaseProof): Promise<Result<{ answer: ProgressAnswer; c: CaseProgressView }, FollowupError>> {
    const answer = await this.lookup(proof.by === 'claim' ? { by: 'receiptNo', receiptNo, claim: proof.claim } : { by: 'idNumber', idNumber: proof.idNumber });
    if (!answer.ok) return answer;
    const c = answer.value.cases.find((x) => x.receiptNo === receiptNo);
    if (!c) return err(NO_CASE);
    if (c.access !== 'full') return err(NOT_PROVEN);
    return ok({ answer: answer.value, c });
  }

  /** The PDF of a document of this receipt: the downloaded copy, else fetched from central now with the citizen's proof. */
  private async documentBytes(documentId: string, sha256: string | null, proof: CaseProof): Promise<Result<Uint8Array, FollowupError>> {
    const local = this.ctx.queue.resultDocument(documentId);
    if (local) return ok(new Uint8Array(local.bytes));
    const r = await this.client.call('documentFetch', { params: { documentId }, json: { proof }, timeoutMs: 30_000 });
    if (!r.ok) {
      if (isOffline(r.failure)) return err({ kind: 'offline', what: 'document' });
      if (r.failure.kind === 'rejected' && r.failure.status === 403) return err(NOT_PROVEN);
      this.centralRefused('document', r.failure);
      return err({ kind: 'central', why: 'answer' });
    }
    const bytes = r.bytes ?? new Uint8Array();
    const digest = crypto.createHash('sha256').update(bytes).digest('hex');
    if (sha256 && digest !== sha256) return err({ kind: 'central', why: 'document-check' });
    return ok(bytes);
  }

  /**
   * Prints one notice or result of a receipt's case, for the citizen whose proof opens it. A
   * result prints once: the print is claimed in the kiosk database before the printer starts,
   * given back only if the printer failed; central hears of it with the same proof.
   */
  async print(
    receiptNo: string,
    documentId: string,
    proof: CaseProof,
  ): Promise<Result<{ name: string; kind: 'notice' | 'result'; printedAt: string; pages: number | null; jobId: number }, FollowupError>> {
    const found = await this.provenCase(receiptNo, proof);
    if (!found.ok) return found;
    const doc = found.value.c.documents.find((d) => d.id === documentId);
    if (!doc) return err({ kind: 'not-found', what: 'document' });
    if (!doc.printable && doc.kind === 'result') {
      this.ctx.logger.log('followup.result-print-refused', { receiptNo, documentId, why: doc.printedAt ? 'already-printed' : 'posted' });
      return err(doc.printedAt ? { kind: 'refused', why: 'already-printed', printedAt: doc.printedAt } : { kind: 'refused', why: doc.why ?? 'result-posted' });
    }
    // A case from another terminal has no local copy: its download is checked against central's digest.
    const sha = this.ctx.store.outbox.document(documentId)?.sha256 ?? doc.sha256;
    const bytes = await this.documentBytes(documentId, sha, proof);
    if (!bytes.ok) {
      this.ctx.logger.log('followup.print-failed', { receiptNo, documentId, kind: bytes.error.kind });
      return bytes;
    }
    const at = new Date().toISOString();
    if (doc.kind === 'result' && !this.ctx.store.followup.claimPrint(documentId, at)) {
      this.ctx.logger.log('followup.result-print-refused', { receiptNo, documentId, why: 'already-printed' });
      return err({ kind: 'refused', why: 'result-printed' });
    }
    const printed = await this.ctx.devices.a4.printPdf(bytes.value, doc.name);
    if (!printed.ok) {
      if (doc.kind === 'result') this.ctx.store.followup.releasePrint(documentId, at);
      this.ctx.logger.log('followup.print-failed', { receiptNo, documentId, kind: printed.error.kind });
      return err({ kind: 'printer', failure: printed.error.code });
    }
    if (doc.kind === 'notice') {
      this.ctx.logger.log('followup.notice-printed', { receiptNo, documentId });
    } else {
      this.ctx.logger.log('followup.result-printed', { receiptNo, documentId });
      this.ctx.queue.keepPrintProof(documentId, proof);
      void this.reportPrints().catch(() => undefined);
    }
    return ok({ name: doc.name, kind: doc.kind, printedAt: at, pages: printed.value.pages ?? null, jobId: printed.value.jobId });
  }

  /** Tells central of result prints it has not heard of yet. */
  async reportPrints(): Promise<number> {
    let n = 0;
    for (const p of this.ctx.store.followup.unreportedPrints()) {
      const proof = this.ctx.queue.printProof(p.id, p.proof);
      if (!proof) {
        // Printed before proofs were kept, of a case this kiosk holds no claim for: central
        // cannot be told; the technician sees it in the log, the print stays claimed here.
        this.ctx.logger.log('followup.print-report-failed', { documentId: p.id, why: 'no proof' });
        continue;
      }
      const r = await this.client.call('documentPrinted', { params: { documentId: p.id }, json: { printedAt: p.printedAt, proof } });
      if (!r.ok) {
        this.ctx.logger.log('followup.print-report-failed', { documentId: p.id, why: r.failure.kind });
        return n;
      }
      this.ctx.store.followup.markPrintReported(p.id, new Date().toISOString());
      this.ctx.logger.log('followup.print-reported', { documentId: p.id });
      n++;
    }
    return n;
  }

  startReporting(): void {
    if (this.reportTimer) return;
    // A closed store (shutdown) or any other failure waits for the next round; it is logged there.
    this.reportTimer = setInterval(() => void this.reportPrints().catch(() => undefined), REPORT_EVERY_MS);
    this.reportTimer.unref();
  }

  stopReporting(): void {
    if (this.reportTimer) clearInterval(this.reportTimer);
    this.reportTimer = null;
  }

  /** Central's refusal (or odd answer) for the technician: its code and words go to the log, the screen words the kiosk's code. */
  private centralRefused(action: 'document' | 'delivery', f: CallFailure): void {
    this.ctx.logger.log('followup.central-refused', { action, kind: f.kind, status: 'status' in f ? f.status : null, error: 'error' in f ? f.error : null, message: f.message });
  }

  /** Asks central to post the result instead of printing it here, for the citizen whose proof opens the case. Needs central now. */
  async requestPost(receiptNo: string, address: PostalAddress, proof: CaseProof, idempotencyKey = uuidv7()): Promise<Result<CaseProgressView, FollowupError>> {
    const found = await this.provenCase(receiptNo, proof);
    if (!found.ok) return found;
    const { answer, c } = found.value;
    if (answer.source === 'local') return err(OFFLINE);
    if (!c.caseNo) return err(NO_CASE);
    if (!c.canRequestPost && !c.delivery) return err({ kind: 'refused', why: 'no-post' });
    const r = await this.client.call('deliveryRequest', { params: { caseNo: c.caseNo }, json: { idempotencyKey, address, proof }, timeoutMs: 8000 });
    if (!r.ok) {
      if (isOffline(r.failure)) return err(OFFLINE);
      if (r.failure.kind === 'rejected' && r.failure.status === 403) return err(NOT_PROVEN);
      this.centralRefused('delivery', r.failure);
      if (r.failure.kind !== 'rejected' || r.failure.status !== 409) return err({ kind: 'central', why: 'answer' });
      return err({ kind: 'refused', why: 'central', code: isPostRefusal(r.failure.error) ? r.failure.error : 'other' });
    }
    this.ctx.logger.log('followup.delivery-requested', { receiptNo });
    return ok(viewFromCentral(r.body, this.serviceName(r.body.serviceCode), this.localPrintedAt, c.submittedAt));
  }
}
