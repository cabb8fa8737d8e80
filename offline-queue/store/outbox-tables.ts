// SQL for the submission outbox and what comes back from central (case events, result
// documents, calendars). Callers hand in sealed BLOBs; nothing here sees personal data in clear.
import type { SuiteTag } from '../../common/crypto-suite/suite';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import { PageFiles, type PagePlace } from './page-files';
import { upsert } from './upsert';

export type SubmissionState = 'pending' | 'sent' | 'dead';

export interface SubmissionRow {
  id: number;
  idempotency_key: string;
  receipt_no: string;
  terminal_id: string;
  service_code: string;
  channel: 'kiosk' | 'helper';
  created_at: string;
  content_mac: string;
  document: Buffer | null;
  page_count: number;
  total_bytes: number;
  state: SubmissionState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  dead_code: string | null;
  dead_reason: string | null;
  dead_at: string | null;
  case_no: string | null;
  acked_at: string | null;
  case_status: string | null;
  case_status_at: string | null;
  purged_at: string | null;
  /** the receipt's claim, sealed (null before claims existed, and after purge) */
  claim: Buffer | null;
}

export interface PageMeta {
  submission_id: number;
  seq: number;
  material_id: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_at: string | null;
}

/** Where a page's sealed bytes are: in its row, or at a place in its submission's page file. */
export type StoredPage = { data: Buffer } | { file: { suite: SuiteTag; place: PagePlace } };

export interface NewPage {
  seq: number;
  materialId: string;
  mime: string;
  size: number;
  sha256: string;
  stored: StoredPage;
}

export interface NewSubmission {
  idempotencyKey: string;
  terminalId: string;
  /** YYYYMMDD in China time: the receipt's date part */
  day: string;
  serviceCode: string;
  channel: 'kiosk' | 'helper';
  createdAt: string;
  contentMac: string;
  pageCount: number;
  totalBytes: number;
  pages: NewPage[];
  /** Builds the sealed document once the receipt number is known (inside the transaction). */
  sealDocument: (receiptNo: string) => Buffer;
  /** keyed MAC of the applicant's identity number (offline lookup by ID card) */
  applicantRef?: string;
  /** 帮办代办: the helper's staff id (not personal data of the citizen), for the helper's case list */
  helperId?: string | null;
  /** the receipt's claim, sealed */
  claim?: Buffer | null;
}

export interface ResultDocumentRow {
  id: string;
  submission_id: number;
  name: string;
  size: number;
  sha256: string;
  self_print: number;
  data: Buffer | null;
  fetched_at: string | null;
  printed_at: string | null;
  purged_at: string | null;
}

export function formatReceiptNo(terminalId: string, day: string, seq: number): string {
  return `${terminalId}-${day}-${String(seq).padStart(4, '0')}`;
}

export class OutboxTables {
  /**
   * Each statement is prepared once. Preparing per call made a native sqlite3_stmt each time,
   * freed only when V8 collects its small wrapper, which it does late: V8 does not see that
   * memory. A sync pass and every status() call prepared several.
   */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  private sql(source: string): Statement {
    let s = this.statements.get(source);
    if (!s) {
      s = this.db.prepare(source);
      this.statements.set(source, s);
    }
    return s;
  }

  /**
   * Allocates the receipt number and stores the submission with all its pages in ONE
   * transaction: when this returns, the submission survives a crash or power loss; when it
   * throws, nothing of it (not even a receipt number) was used.
   */
  insertSubmission(s: NewSubmission): { id: number; receiptNo: string } {
    return this.db.transaction(() => {
      const seqRow = this.sql(
        `INSERT INTO receipt_sequences (terminal_id, day, last_seq) VALUES (?, ?, 1)
           ON CONFLICT (terminal_id, day) DO UPDATE SET last_seq = last_seq + 1
           RETURNING last_seq`,
      ).get(s.terminalId, s.day) as { last_seq: number };
      const receiptNo = formatReceiptNo(s.terminalId, s.day, seqRow.last_seq);
      const document = s.sealDocument(receiptNo);
      const { lastInsertRowid } = this.sql(
        `INSERT INTO submissions (idempotency_key, receipt_no, terminal_id, service_code, channel, created_at, content_mac, document, page_count, total_bytes, applicant_ref, helper_id, claim)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        s.idempotencyKey,
        receiptNo,
        s.terminalId,
        s.serviceCode,
        s.channel,
        s.createdAt,
        s.contentMac,
        document,
        s.pageCount,
        s.totalBytes,
        s.applicantRef ?? null,
        s.helperId ?? null,
        s.claim ?? null,
      );
      const id = Number(lastInsertRowid);
      const insertPage = this.sql(
        'INSERT INTO submission_pages (submission_id, seq, material_id, mime, size, sha256, data, file_suite, file_offset, sealed_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const p of s.pages) {
        const f = 'file' in p.stored ? p.stored.file : null;
        insertPage.run(id, p.seq, p.materialId, p.mime, p.size, p.sha256, 'data' in p.stored ? p.stored.data : null, f?.suite ?? null, f?.place.offset ?? null, f?.place.size ?? null);
      }
      return { id, receiptNo };
    })();
  }

  byKey(key: string): SubmissionRow | undefined {
    return this.sql('SELECT * FROM submissions WHERE idempotency_key = ?').get(key) as SubmissionRow | undefined;
  }

  byReceipt(receiptNo: string): SubmissionRow | undefined {
    return this.sql('SELECT * FROM submissions WHERE receipt_no = ?').get(receiptNo) as SubmissionRow | undefined;
  }

  byId(id: number): SubmissionRow | undefined {
    return this.sql('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
  }

  byCaseNo(caseNo: string): SubmissionRow | undefined {
    return this.sql('SELECT * FROM submissions WHERE case_no = ?').get(caseNo) as SubmissionRow | undefined;
  }

  /** Oldest-first pending submissions whose next attempt is due: bounded, so a huge backlog never loads at once. */
  due(nowMs: number, limit: number): SubmissionRow[] {
    // Walks the pending rows oldest first and stops at `limit`: the cost does not grow with the backlog.
    return this.sql("SELECT * FROM submissions INDEXED BY submissions_pending_order WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?").all(nowMs, limit) as SubmissionRow[];
  }

  nextDueAt(): number | null {
    const r = this.sql("SELECT MIN(next_attempt_at) AS t FROM submissions WHERE state = 'pending'").get() as { t: number | null };
    return r.t;
  }

  pages(submissionId: number): PageMeta[] {
    return this.sql('SELECT submission_id, seq, material_id, mime, size, sha256, uploaded_at FROM submission_pages WHERE submission_id = ? ORDER BY seq').all(submissionId) as PageMeta[];
  }

  /** Where a page's sealed bytes are (undefined: no such page, e.g. purged). */
  pageStored(submissionId: number, seq: number): StoredPage | undefined {
    const r = this.sql('SELECT data, file_suite, file_offset, sealed_size FROM submission_pages WHERE submission_id = ? AND seq = ?').get(submissionId, seq) as
      { data: Buffer | null; file_suite: SuiteTag | null; file_offset: number | null; sealed_size: number | null } | undefined;
    if (!r) return undefined;
    if (r.data) return { data: r.data };
    return { file: { suite: r.file_suite!, place: { offset: r.file_offset!, size: r.sealed_size! } } };
  }

  /** The names of every page file a page row refers to (whatever is not among them is an orphan). */
  pageFileNames(): Set<string> {
    const rows = this.db
      .prepare('SELECT DISTINCT s.idempotency_key AS k, p.file_suite AS suite FROM submission_pages p JOIN submissions s ON s.id = p.submission_id WHERE p.file_suite IS NOT NULL')
      .all() as { k: string; suite: SuiteTag }[];
    return new Set(rows.map((r) => PageFiles.nameOf(r.k, r.suite)));
  }

  markPageUploaded(submissionId: number, seq: number, at: string | null): void {
    this.sql('UPDATE submission_pages SET uploaded_at = ? WHERE submission_id = ? AND seq = ?').run(at, submissionId, seq);
  }

  /** Pages of several submissions in one transaction (one commit, not one per page or per submission). */
  markPagesUploaded(pages: readonly { submissionId: number; seqs: readonly number[] }[], at: string): void {
    if (!pages.some((p) => p.seqs.length)) return;
    const mark = this.db.prepare('UPDATE submission_pages SET uploaded_at = ? WHERE submission_id = ? AND seq = ?');
    this.db.transaction(() => {
      for (const { submissionId, seqs } of pages) for (const seq of seqs) mark.run(at, submissionId, seq);
    })();
  }

  markSent(id: number, caseNo: string, ackedAt: string): void {
    this.db
      .prepare(
        `UPDATE submissions SET state = 'sent', case_no = ?, acked_at = ?, last_error = NULL,
           case_status = COALESCE(case_status, 'received'), case_status_at = COALESCE(case_status_at, ?)
         WHERE id = ? AND state = 'pending'`,
      )
      .run(caseNo, ackedAt, ackedAt, id);
  }

  /** `markSent` for every submission central filed in one batch answer, in one commit (one fsync, not one each). */
  markSentAll(sent: readonly { id: number; caseNo: string }[], ackedAt: string): void {
    if (sent.length) this.db.transaction(() => sent.forEach((s) => this.markSent(s.id, s.caseNo, ackedAt)))();
  }

  markDead(id: number, code: string, reason: string, at: string): void {
    this.sql("UPDATE submissions SET state = 'dead', dead_code = ?, dead_reason = ?, dead_at = ?, last_error = ? WHERE id = ? AND state = 'pending'").run(code, reason, at, reason, id);
  }

  defer(id: number, nextAttemptAt: number, error: string): void {
    this.sql('UPDATE submissions SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?').run(nextAttemptAt, error, id);
  }

  /** A technician sends a dead letter again: it goes back to the queue, nothing else changes. */
  retryDead(id: number): boolean {
    return (
      this.sql("UPDATE submissions SET state = 'pending', attempts = 0, next_attempt_at = 0, dead_code = NULL, dead_reason = NULL, dead_at = NULL WHERE id = ? AND state = 'dead'").run(id).changes ===
      1
    );
  }

  counts(): { pending: number; sent: number; dead: number } {
    // kept by triggers (migration 10): reading them costs the same at 100 and at 100,000 rows
    const rows = this.sql('SELECT state, n FROM submission_counts').all() as { state: SubmissionState; n: number }[];
    const out = { pending: 0, sent: 0, dead: 0 };
    for (const r of rows) out[r.state] = r.n;
    return out;
  }

  deadLetters(limit = 200): SubmissionRow[] {
    return this.sql("SELECT * FROM submissions WHERE state = 'dead' ORDER BY dead_at DESC LIMIT ?").all(limit) as SubmissionRow[];
  }

  pendingBytes(): number {
    return (this.sql("SELECT COALESCE(SUM(total_bytes), 0) AS b FROM submissions WHERE state = 'pending'").get() as { b: number }).b;
  }

  // ── downstream ────────────────────────────────────────────────────────────────────────────

  /** Stores one case event (idempotent by central's feed seq) and moves the case's status on. */
  insertCaseEvent(e: { seq: number; submissionId: number; status: string; at: string; notice: Buffer | null }): boolean {
    return this.db.transaction(() => {
      const { changes } = this.db
        .prepare('INSERT INTO case_events (seq, submission_id, status, at, notice) VALUES (?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING')
        .run(e.seq, e.submissionId, e.status, e.at, e.notice);
      if (changes) this.sql('UPDATE submissions SET case_status = ?, case_status_at = ? WHERE id = ?').run(e.status, e.at, e.submissionId);
      return changes === 1;
    })();
  }

  caseEvents(submissionId: number): { seq: number; status: string; at: string; notice: Buffer | null }[] {
    return this.sql('SELECT seq, status, at, notice FROM case_events WHERE submission_id = ? ORDER BY seq').all(submissionId) as {
      seq: number;
      status: string;
      at: string;
      notice: Buffer | null;
    }[];
  }

  upsertResultDocument(d: { id: string; submissionId: number; name: string; size: number; sha256: string; selfPrint: boolean }): void {
    this.db
      .prepare(
        `INSERT INTO result_documents (id, submission_id, name, size, sha256, self_print) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET self_print = excluded.self_print`,
      )
      .run(d.id, d.submissionId, d.name, d.size, d.sha256, d.selfPrint ? 1 : 0);
  }

  /**
   * Documents to download ahead, with the sealed claim of their receipt: central releases a
   * document only against it. Without one (purged, or queued before claims) the document is
   * fetched when the citizen prints it, with the citizen's own proof.
   */
  documentsToFetch(limit: number): (ResultDocumentRow & { claim: Buffer; idempotency_key: string })[] {
    return this.db
      .prepare(
        `SELECT d.*, s.claim, s.idempotency_key FROM result_documents d JOIN submissions s ON s.id = d.submission_id
         WHERE d.data IS NULL AND d.purged_at IS NULL AND d.self_print = 1 AND s.claim IS NOT NULL ORDER BY d.rowid LIMIT ?`,
      )
      .all(limit) as (ResultDocumentRow & { claim: Buffer; idempotency_key: string })[];
  }

  storeDocumentData(id: string, sealed: Buffer, at: string): void {
    this.sql('UPDATE result_documents SET data = ?, fetched_at = ? WHERE id = ?').run(sealed, at, id);
  }

  documentsOf(submissionId: number): ResultDocumentRow[] {
    return this.sql('SELECT * FROM result_documents WHERE submission_id = ? ORDER BY rowid').all(submissionId) as ResultDocumentRow[];
  }

  document(id: string): ResultDocumentRow | undefined {
    return this.sql('SELECT * FROM result_documents WHERE id = ?').get(id) as ResultDocumentRow | undefined;
  }

  markDocumentPrinted(id: string, at: string): void {
    this.sql('UPDATE result_documents SET printed_at = ? WHERE id = ?').run(at, id);
  }

  putCalendar(year: number, version: string, body: string, at: string): void {
    upsert(this.db, 'calendars', 'year', { year, version, body, fetched_at: at });
  }

  calendar(year: number): { version: string; body: string; fetched_at: string } | undefined {
    return this.sql('SELECT version, body, fetched_at FROM calendars WHERE year = ?').get(year) as { version: string; body: string; fetched_at: string } | undefined;
  }

  // ── evaluations (好差评) ──────────────────────────────────────────────────────────────────

  insertEvaluation(e: { idempotencyKey: string; submissionId: number; rating: number; comment: Buffer | null; createdAt: string }): { id: number; duplicate: boolean } {
    const existing = this.sql('SELECT id FROM evaluations WHERE idempotency_key = ?').get(e.idempotencyKey) as { id: number } | undefined;
    if (existing) return { id: existing.id, duplicate: true };
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO evaluations (idempotency_key, submission_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(e.idempotencyKey, e.submissionId, e.rating, e.comment, e.createdAt);
    return { id: Number(lastInsertRowid), duplicate: false };
  }

  /** Evaluations ready to send: due, and central has given their case a number. */
  dueEvaluations(nowMs: number, limit: number): { id: number; idempotency_key: string; rating: number; comment: Buffer | null; case_no: string; attempts: number }[] {
    return this.db
      .prepare(
        `SELECT e.id, e.idempotency_key, e.rating, e.comment, s.case_no, e.attempts FROM evaluations e JOIN submissions s ON s.id = e.submission_id
         WHERE e.state = 'pending' AND e.next_attempt_at <= ? AND s.case_no IS NOT NULL ORDER BY e.id LIMIT ?`,
      )
      .all(nowMs, limit) as { id: number; idempotency_key: string; rating: number; comment: Buffer | null; case_no: string; attempts: number }[];
  }

  markEvaluationSent(id: number, evaluationId: string, at: string): void {
    this.sql("UPDATE evaluations SET state = 'sent', evaluation_id = ?, sent_at = ? WHERE id = ?").run(evaluationId, at, id);
  }

  markEvaluationDead(id: number, reason: string): void {
    this.sql("UPDATE evaluations SET state = 'dead', dead_reason = ? WHERE id = ?").run(reason, id);
  }

  evaluationsOf(submissionId: number): { idempotency_key: string; rating: number; state: SubmissionState; created_at: string; dead_reason: string | null }[] {
    return this.sql('SELECT idempotency_key, rating, state, created_at, dead_reason FROM evaluations WHERE submission_id = ? ORDER BY id').all(submissionId) as {
      idempotency_key: string;
      rating: number;
      state: SubmissionState;
      created_at: string;
      dead_reason: string | null;
    }[];
  }

  // ── retention ─────────────────────────────────────────────────────────────────────────────

  /**
   * Removes the personal data of submissions central acknowledged before `cutoff`, keeping the
   * audit row (receipt number, service, times, status). Dead letters and unsent submissions are
   * never purged: they were not delivered.
   */
  purgeAcknowledgedBefore(cutoff: string, now: string): { submissions: number; pageFiles: string[] } {
    return this.db.transaction(() => {
      const ids = (this.sql("SELECT id FROM submissions INDEXED BY submissions_purgeable WHERE state = 'sent' AND purged_at IS NULL AND acked_at < ?").all(cutoff) as { id: number }[]).map(
        (r) => r.id,
      );
      const filesOf = this.sql(
        'SELECT DISTINCT s.idempotency_key AS k, p.file_suite AS suite FROM submission_pages p JOIN submissions s ON s.id = p.submission_id WHERE p.submission_id = ? AND p.file_suite IS NOT NULL',
      );
      const pageFiles: string[] = [];
      const delPages = this.sql('DELETE FROM submission_pages WHERE submission_id = ?');
      const clearDoc = this.sql('UPDATE submissions SET document = NULL, applicant_ref = NULL, claim = NULL, purged_at = ? WHERE id = ?');
      const clearNotices = this.sql('UPDATE case_events SET notice = NULL WHERE submission_id = ?');
      // Only comments of evaluations already delivered: an unsent one still has to reach central.
      const clearComments = this.sql("UPDATE evaluations SET comment = NULL WHERE submission_id = ? AND state = 'sent'");
      for (const id of ids) {
        for (const f of filesOf.all(id) as { k: string; suite: SuiteTag }[]) pageFiles.push(PageFiles.nameOf(f.k, f.suite));
        delPages.run(id);
        clearNotices.run(id);
        clearComments.run(id);
        clearDoc.run(now, id);
      }
      // the files go once this commits (the caller removes them): a crash in between leaves orphans the next start removes
      return { submissions: ids.length, pageFiles };
    })();
  }

  /** Result documents are personal too: dropped once they are older than the retention. */
  purgeDocumentsFetchedBefore(cutoff: string, now: string): number {
    return this.sql('UPDATE result_documents SET data = NULL, purged_at = ? WHERE data IS NOT NULL AND fetched_at < ?').run(now, cutoff).changes;
  }

  /** Notices of cases whose submission was purged arrive later too; they are not kept either. */
  clearNoticesOfPurged(): number {
    return this.sql('UPDATE case_events SET notice = NULL WHERE notice IS NOT NULL AND submission_id IN (SELECT id FROM submissions WHERE purged_at IS NOT NULL)').run().changes;
  }

  // ── meta ──────────────────────────────────────────────────────────────────────────────────

  getMeta(key: string): string | null {
    const r = this.sql('SELECT value FROM store_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Writes the WAL back into the database and truncates it (after a purge, so old frames go too). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Gives the pages a purge freed back to the file system (the database is auto_vacuum=INCREMENTAL). */
  reclaimFreePages(): void {
    this.db.pragma('incremental_vacuum');
  }

  /** Rebuilds the database, packing half-empty pages; false when it cannot now (a full disk: it needs room for a copy). */
  compact(): boolean {
    try {
      this.db.exec('VACUUM');
      return true;
    } catch {
      return false;
    }
  }
}
