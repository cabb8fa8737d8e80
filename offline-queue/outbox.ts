// The durable outbox: validates a submission, seals its personal data and commits it with its
// receipt number in one transaction. The citizen is told "submitted" only after this returns.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentRef, SubmissionManifest } from '../common/central-api';
import { err, ok, type Result } from '../common/result';
import { newReceiptClaim } from '../common/receipt-claim';
import { submissionSchema, type PageMime, type Submission, type SubmissionInput } from '../common/submission';
import { uuidv7 } from '../common/uuidv7';
import { chinaDay } from '../common/china-time';
import { WrongSuiteError, type Sealer } from './crypto/sealer';
import type { NewPage, SubmissionRow } from './store/outbox-tables';
import { PageFiles } from './store/page-files';
import type { Store } from './store/store';

export interface EnqueueReceipt {
  receiptNo: string;
  idempotencyKey: string;
  serviceCode: string;
  submittedAt: string;
  pageCount: number;
  /** true when the same submission (same key, same content) had already been queued */
  duplicate: boolean;
  /** the receipt's claim, for its QR (null only for a submission queued before claims existed) */
  claim: string | null;
}

/**
 * Why an application was not queued: codes with their parameters (the kiosk's screens word them,
 * renderer/src/i18n/refusals.ts); `issues` are the schema's findings, `detail` the storage error.
 */
export type EnqueueError = { kind: 'invalid'; issues: { path: string; message: string }[] } | { kind: 'key-reused' } | { kind: 'disk-full' } | { kind: 'storage'; detail: string };

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/**
 * Sealed page bytes per submission above which they go to a page file instead of the database.
 * Below it one SQLite commit (one fsync) beats a file plus its directory entry plus the commit
 * (three); above it SQLite's second copy (the checkpoint) costs more than the two extra fsyncs.
 */
export const PAGE_FILE_THRESHOLD = 128 * 1024;

/** The document part of a submission (no page bytes), as stored sealed and later sent to central. */
type ManifestBody = Omit<SubmissionManifest, 'receiptNo' | 'submittedAt'>;

function isDiskFull(e: unknown, dir: string): boolean {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
  if (code.startsWith('SQLITE_IOERR')) {
    // An I/O error while the volume is (nearly) full is the full disk speaking.
    try {
      const st = fs.statfsSync(dir);
      return st.bavail * st.bsize < 1024 * 1024;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The name central gets for a scanned page: the material id (lower-case letters, digits, '-') and
 * the page number, so never a device name, a path or an invisible character (text-hygiene test).
 */
export function pageFileName(materialId: string, index: number, mime: PageMime): string {
  return `${materialId}-${index + 1}.${EXT[mime]}`;
}

export class Outbox {
  constructor(
    private readonly deps: {
      store: Store;
      sealer: Sealer;
      terminalId: string;
      dbFile: string;
      now?: () => Date;
      /** Refuse up front when free space is clearly short (default). Tests turn it off to reach SQLite's own SQLITE_FULL. */
      freeSpaceCheck?: boolean;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  enqueue(input: SubmissionInput): Result<EnqueueReceipt, EnqueueError> {
    const parsed = submissionSchema.safeParse(input);
    if (!parsed.success) {
      return err({
        kind: 'invalid',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    return this.enqueueValid(parsed.data);
  }

  enqueueValid(s: Submission): Result<EnqueueReceipt, EnqueueError> {
    const { store, sealer, terminalId } = this.deps;
    const key = s.idempotencyKey ?? uuidv7();
    const sealedPages: (Omit<NewPage, 'stored'> & { sealed: Buffer[] })[] = [];
    const refs = new Map<string, AttachmentRef[]>();
    let totalBytes = 0;
    let sealedBytes = 0;
    for (const m of s.materials) {
      const list: AttachmentRef[] = [];
      m.pages.forEach((p, i) => {
        const seq = sealedPages.length;
        const sha256 = crypto.createHash('sha256').update(p.data).digest('hex');
        // as its pieces: a page file writes them as they are, only a page kept in its row is joined
        const sealed = sealer.sealParts(p.data, `page:${key}:${seq}`);
        sealedPages.push({ seq, materialId: m.materialId, mime: p.mime, size: p.data.byteLength, sha256, sealed });
        list.push({ sha256, size: p.data.byteLength, mime: p.mime, name: pageFileName(m.materialId, i, p.mime) });
        totalBytes += p.data.byteLength;
        for (const part of sealed) sealedBytes += part.length;
      });
      refs.set(m.materialId, list);
    }
    const body: ManifestBody = {
      idempotencyKey: key,
      serviceCode: s.serviceCode,
      applicant: s.applicant,
      form: s.form,
      materials: s.materials.map((m) => ({ materialId: m.materialId, provision: m.provision, pages: refs.get(m.materialId)! })),
      commitment: s.commitment,
      signature: s.signature,
      channel: s.channel,
      helperId: s.helperId,
      authorisation: s.authorisation,
      delivery: s.delivery,
      helperProof: s.helperProof,
    };
    // The proof is not content: the same application resent under a fresh helper session is still the same.
    const contentMac = sealer.mac(contentMacInput(body));

    const existing = store.outbox.byKey(key);
    if (existing) return this.sameKeyAgain(existing, sealer.macs(contentMacInput(body)));

    const now = this.now();
    const submittedAt = now.toISOString();
    const claim = newReceiptClaim();
    let pageFile: string | null = null;
    try {
      this.checkFreeSpace(sealedBytes);
      let pages: NewPage[];
      if (sealedBytes > PAGE_FILE_THRESHOLD) {
        // The file is on disk before the row that names it commits; if the commit fails it goes.
        pageFile = PageFiles.nameOf(key, sealer.suite);
        const places = store.pageFiles.write(
          pageFile,
          sealedPages.map((p) => p.sealed),
        );
        pages = sealedPages.map(({ sealed: _sealed, ...p }, i) => ({ ...p, stored: { file: { suite: sealer.suite, place: places[i]! } } }));
      } else {
        pages = sealedPages.map(({ sealed, ...p }) => ({ ...p, stored: { data: Buffer.concat(sealed) } }));
      }
      const { receiptNo } = store.outbox.insertSubmission({
        idempotencyKey: key,
        terminalId,
        day: chinaDay(now),
        serviceCode: s.serviceCode,
        channel: s.channel,
        createdAt: submittedAt,
        contentMac,
        pageCount: pages.length,
        totalBytes,
        pages,
        applicantRef: applicantRef(sealer, s.applicant.idNumber),
        helperId: s.helperId,
        claim: sealer.seal(Buffer.from(claim, 'utf8'), `claim:${key}`),
        sealDocument: (receiptNo) => sealer.sealJson({ ...body, receiptNo, submittedAt } satisfies SubmissionManifest, `submission:${key}`),
      });
      return ok({ receiptNo, idempotencyKey: key, serviceCode: s.serviceCode, submittedAt, pageCount: sealedPages.length, duplicate: false, claim });
    } catch (e) {
      if (pageFile) store.pageFiles.remove([pageFile]);
      if (isDiskFull(e, path.dirname(this.deps.dbFile))) return err({ kind: 'disk-full' });
      return err({ kind: 'storage', detail: (e as Error).message });
    }
  }

  private sameKeyAgain(existing: SubmissionRow, contentMacs: string[]): Result<EnqueueReceipt, EnqueueError> {
    if (!contentMacs.includes(existing.content_mac)) {
      return err({ kind: 'key-reused' });
    }
    return ok({
      receiptNo: existing.receipt_no,
      idempotencyKey: existing.idempotency_key,
      serviceCode: existing.service_code,
      submittedAt: existing.created_at,
      pageCount: existing.page_count,
      duplicate: true,
      claim: this.claim(existing),
    });
  }

  /**
   * Refuses before writing when the volume clearly cannot take the submission (sealed pages, in
   * the WAL and then the database, or once in a page file), so the citizen hears it before
   * anything is half-written. ENOSPC and SQLite's own SQLITE_FULL are still handled for what this
   * estimate misses.
   */
  private checkFreeSpace(payloadBytes: number): void {
    if (this.deps.freeSpaceCheck === false) return;
    let st: fs.StatsFs;
    try {
      st = fs.statfsSync(path.dirname(this.deps.dbFile));
    } catch {
      return;
    }
    const free = st.bavail * st.bsize;
    const need = (payloadBytes > PAGE_FILE_THRESHOLD ? payloadBytes : payloadBytes * 2) + 256 * 1024;
    if (free < need) throw Object.assign(new Error('insufficient free space'), { code: 'ENOSPC' });
  }

  /** The sealed document of a queued submission, opened. */
  manifest(row: SubmissionRow): SubmissionManifest {
    return this.openFresh(row, (r) => {
      if (!r.document) throw new Error('submission data was purged');
      return this.deps.sealer.openJson<SubmissionManifest>(r.document, `submission:${r.idempotency_key}`);
    });
  }

  /** The receipt's claim, opened (null before claims existed, or after purge). */
  claim(row: SubmissionRow): string | null {
    return this.openFresh(row, (r) => (r.claim ? this.deps.sealer.open(r.claim, `claim:${r.idempotency_key}`).toString('utf8') : null));
  }

  /**
   * Opens a row's sealed cells; a row read before a suite switch ended (the sync engine holds
   * rows across its awaits) may hold the old suite's bytes that are re-sealed by now: read it
   * again rather than refuse it.
   */
  private openFresh<T>(row: SubmissionRow, open: (r: SubmissionRow) => T): T {
    try {
      return open(row);
    } catch (e) {
      const fresh = e instanceof WrongSuiteError ? this.deps.store.outbox.byId(row.id) : undefined;
      if (!fresh) throw e;
      return open(fresh);
    }
  }

  pageBytes(row: SubmissionRow, seq: number): Buffer {
    const { store, sealer } = this.deps;
    const stored = store.outbox.pageStored(row.id, seq);
    if (!stored) throw new Error('page data missing');
    const sealed = 'data' in stored ? stored.data : store.pageFiles.read(PageFiles.nameOf(row.idempotency_key, stored.file.suite), stored.file.place);
    return sealer.open(sealed, `page:${row.idempotency_key}:${seq}`);
  }
}

/** The keyed MAC under which a submission is found again when its applicant places the card. */
export function applicantRef(sealer: Sealer, idNumber: string): string {
  return sealer.mac(`applicant:${idNumber.toUpperCase()}`);
}

/** Every MAC a submission of this applicant may be stored under (both suites' while switching). */
export function applicantRefs(sealer: Sealer, idNumber: string): string[] {
  return sealer.macs(`applicant:${idNumber.toUpperCase()}`);
}

/** The content MAC a submission's key is compared by: the manifest less what a resend may change. */
export function contentMacInput(body: ManifestBody): string {
  return JSON.stringify({ ...body, helperProof: undefined });
}
