// Cases and their events: intake exactly once per idempotency key, status changes through the
// one transition table, the per-terminal feed.
import { checkTransition, type CaseFacts } from '../case-transitions';
import type { CaseEvent, CaseStatus, CaseUpdate, ResultDocument, SubmissionManifest } from '../../common/central-api';
import { digestAlgOf } from '../../common/content-digest';
import type { AttachmentTables } from './attachment-tables';
import type { Db } from './database';
import type { DocumentTables } from './document-tables';

export interface CaseRow {
  case_no: string;
  terminal_id: string;
  idempotency_key: string;
  receipt_no: string;
  service_code: string;
  content_hash: string;
  manifest: string;
  status: CaseStatus;
  created_at: string;
  /** digest of the receipt's claim; null for cases filed before claims existed */
  claim_digest: string | null;
}

export type IntakeOutcome =
  { kind: 'created' | 'duplicate'; caseNo: string; receivedAt: string } | { kind: 'missing-attachments'; missing: string[] } | { kind: 'key-reused'; caseNo: string } | { kind: 'receipt-taken' };

export class TransitionError extends Error {}

/**
 * Whether `sent` is `filed` sent again by a terminal that changed suite in between (an answer lost
 * across its switch to sm): the same manifest except for digests, each of which is either equal
 * or made with the other algorithm. Nothing else may differ; the same algorithm with another
 * value is other content.
 */
function resentInOtherDigests(filed: SubmissionManifest, sent: SubmissionManifest): boolean {
  const digests = (m: SubmissionManifest) => [...m.materials.flatMap((x) => x.pages.map((p) => p.sha256)), m.claimDigest ?? null];
  const without = (m: SubmissionManifest) =>
    JSON.stringify({ ...m, claimDigest: m.claimDigest ? 'digest' : null, materials: m.materials.map((x) => ({ ...x, pages: x.pages.map((p) => ({ ...p, sha256: '' })) })) });
  if (without(filed) !== without(sent)) return false;
  const a = digests(filed);
  const b = digests(sent);
  return a.length === b.length && a.every((d, i) => d === b[i] || (d !== null && b[i] !== null && digestAlgOf(d) !== digestAlgOf(b[i]!)));
}

interface EventRow {
  seq: number;
  case_no: string;
  at: string;
  body: string;
  receipt_no: string;
  idempotency_key: string;
}

function toEvent(r: EventRow): CaseEvent {
  return { seq: r.seq, caseNo: r.case_no, receiptNo: r.receipt_no, idempotencyKey: r.idempotency_key, at: r.at, update: JSON.parse(r.body) as CaseUpdate };
}

export class CaseTables {
  constructor(
    private readonly db: Db,
    private readonly attachments: AttachmentTables,
    private readonly documents: DocumentTables,
  ) {}

  /**
   * Creates the case for a submission exactly once: the same idempotency key always returns
   * the same case number; the same key with different content is refused.
   */
  intake(terminalId: string, m: SubmissionManifest, contentHash: string, now = new Date()): IntakeOutcome {
    return this.db.transaction((): IntakeOutcome => {
      const existing = this.db.prepare('SELECT case_no, content_hash, created_at, manifest FROM cases WHERE terminal_id = ? AND idempotency_key = ?').get(terminalId, m.idempotencyKey) as
        { case_no: string; content_hash: string; created_at: string; manifest: string } | undefined;
      if (existing) {
        if (existing.content_hash !== contentHash && !resentInOtherDigests(JSON.parse(existing.manifest) as SubmissionManifest, m)) return { kind: 'key-reused', caseNo: existing.case_no };
        return { kind: 'duplicate', caseNo: existing.case_no, receivedAt: existing.created_at };
      }
      // One case per receipt number across central: a second claim on it (any terminal) is refused.
      if (this.db.prepare('SELECT 1 FROM cases WHERE receipt_no = ?').get(m.receiptNo)) return { kind: 'receipt-taken' };
      const refs = m.materials.flatMap((x) => x.pages);
      const missing = refs.filter((r) => !this.attachments.attachment(terminalId, r.sha256)?.complete).map((r) => r.sha256);
      if (missing.length) return { kind: 'missing-attachments', missing: [...new Set(missing)] };
      const day = now.toISOString().slice(0, 10).replace(/-/g, '');
      const { last } = this.db.prepare('INSERT INTO case_counters (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last').get(day) as { last: number };
      const caseNo = `AJ${day}${String(last).padStart(6, '0')}`;
      const at = now.toISOString();
      this.db
        .prepare('INSERT INTO cases (case_no, terminal_id, idempotency_key, receipt_no, service_code, content_hash, manifest, status, created_at, claim_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(caseNo, terminalId, m.idempotencyKey, m.receiptNo, m.serviceCode, contentHash, JSON.stringify(m), 'received', at, m.claimDigest ?? null);
      this.db.prepare('INSERT INTO case_events (case_no, terminal_id, at, body) VALUES (?, ?, ?, ?)').run(caseNo, terminalId, at, JSON.stringify({ status: 'received' }));
      return { kind: 'created', caseNo, receivedAt: at };
    })();
  }

  /** Whether this terminal already filed a case under this idempotency key. */
  hasCaseKey(terminalId: string, idempotencyKey: string): boolean {
    return this.db.prepare('SELECT 1 FROM cases WHERE terminal_id = ? AND idempotency_key = ?').get(terminalId, idempotencyKey) !== undefined;
  }

  caseRow(caseNo: string): CaseRow | null {
    return (this.db.prepare('SELECT * FROM cases WHERE case_no = ?').get(caseNo) as CaseRow | undefined) ?? null;
  }

  cases(opts: { terminalId?: string; limit?: number } = {}): CaseRow[] {
    const limit = opts.limit ?? 1000;
    return (
      opts.terminalId
        ? this.db.prepare('SELECT * FROM cases WHERE terminal_id = ? ORDER BY created_at, case_no LIMIT ?').all(opts.terminalId, limit)
        : this.db.prepare('SELECT * FROM cases ORDER BY created_at, case_no LIMIT ?').all(limit)
    ) as CaseRow[];
  }

  countCases(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n;
  }

  /** Moves a case on, with its notice, and stores any result documents it releases. */
  advanceCase(caseNo: string, update: CaseUpdate, docs: { meta: ResultDocument; data: Buffer; kind?: 'notice' | 'result' }[] = [], now = new Date()): CaseEvent {
    return this.db.transaction(() => {
      const c = this.caseRow(caseNo);
      if (!c) throw new TransitionError(`无此案件 / no case ${caseNo}`);
      const allowed = checkTransition(c.status, update, this.caseFacts(caseNo));
      if (!allowed.ok) throw new TransitionError(allowed.error);
      const at = now.toISOString();
      for (const d of docs)
        this.db
          .prepare('INSERT INTO documents (id, case_no, name, size, sha256, self_print, data, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(d.meta.id, caseNo, d.meta.name, d.meta.size, d.meta.sha256, d.meta.selfPrint ? 1 : 0, d.data, at, d.kind ?? 'result');
      const { lastInsertRowid } = this.db.prepare('INSERT INTO case_events (case_no, terminal_id, at, body) VALUES (?, ?, ?, ?)').run(caseNo, c.terminal_id, at, JSON.stringify(update));
      this.db.prepare('UPDATE cases SET status = ? WHERE case_no = ?').run(update.status, caseNo);
      return { seq: Number(lastInsertRowid), caseNo, receiptNo: c.receipt_no, idempotencyKey: c.idempotency_key, at, update };
    })();
  }

  /** What the transition table needs to know about a case besides its status. */
  caseFacts(caseNo: string): CaseFacts {
    return {
      postalRequested: this.documents.delivery(caseNo) !== null,
      resultPrinted: this.db.prepare("SELECT 1 FROM documents WHERE case_no = ? AND kind = 'result' AND printed_at IS NOT NULL").get(caseNo) !== undefined,
    };
  }

  /** This terminal's case events after `after`, oldest first. */
  feed(terminalId: string, after: number, limit: number): CaseEvent[] {
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.case_no, e.at, e.body, c.receipt_no, c.idempotency_key FROM case_events e JOIN cases c ON c.case_no = e.case_no
         WHERE e.terminal_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
      )
      .all(terminalId, after, limit) as EventRow[];
    return rows.map((r) => toEvent(r));
  }

  caseEvents(caseNo: string): CaseEvent[] {
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.case_no, e.at, e.body, c.receipt_no, c.idempotency_key FROM case_events e JOIN cases c ON c.case_no = e.case_no
         WHERE e.case_no = ? ORDER BY e.seq`,
      )
      .all(caseNo) as EventRow[];
    return rows.map((r) => toEvent(r));
  }

  /** The applicant's cases at every terminal, newest first (the number compared case-insensitively: a final x or X). */
  casesOfApplicant(idNumber: string, limit = 100): CaseRow[] {
    return this.db.prepare(`SELECT * FROM cases WHERE upper(json_extract(manifest, '$.applicant.idNumber')) = ? ORDER BY created_at DESC LIMIT ?`).all(idNumber.toUpperCase(), limit) as CaseRow[];
  }

  /** The case of a receipt number, whichever terminal issued it (numbers carry the terminal id). */
  caseByReceiptNo(receiptNo: string): CaseRow | null {
    return (this.db.prepare('SELECT * FROM cases WHERE receipt_no = ? ORDER BY created_at DESC LIMIT 1').get(receiptNo) as CaseRow | undefined) ?? null;
  }

  caseByReceipt(terminalId: string, receiptNo: string): CaseRow | null {
    return (this.db.prepare('SELECT * FROM cases WHERE terminal_id = ? AND receipt_no = ?').get(terminalId, receiptNo) as CaseRow | undefined) ?? null;
  }

  /** Cases submitted through a helper, for the admin view (the helper id is in the manifest). */
  casesOfHelper(helperId: string, limit = 200): CaseRow[] {
    return this.db.prepare(`SELECT * FROM cases WHERE json_extract(manifest, '$.helperId') = ? ORDER BY created_at DESC LIMIT ?`).all(helperId, limit) as CaseRow[];
  }
}
