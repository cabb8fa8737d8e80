// Central's own SQLite store: the only module of central/ that speaks SQL.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { catalogSchema, type Catalog } from '../common/catalog';
import { checkTransition, type CaseFacts } from './case-transitions';
import type { LockoutState } from '../common/lockout';
import type { StaffMember } from '../common/staff-registry';
import type { AttachmentRef, AttachmentState, Calendar, CaseEvent, CaseStatus, CaseUpdate, ResultDocument, SubmissionManifest } from '../common/central-api';

export interface PublishedCatalog {
  version: string;
  etag: string;
  body: string;
  publishedAt: string;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE catalog_versions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     version TEXT NOT NULL UNIQUE,
     etag TEXT NOT NULL,
     body TEXT NOT NULL,
     published_at TEXT NOT NULL
   ) STRICT;`,
  `CREATE TABLE terminals (
     terminal_id TEXT PRIMARY KEY,
     secret TEXT NOT NULL,
     created_at TEXT NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
   ) STRICT;
   CREATE TABLE nonces (
     terminal_id TEXT NOT NULL,
     nonce TEXT NOT NULL,
     seen_at INTEGER NOT NULL,
     PRIMARY KEY (terminal_id, nonce)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX nonces_age ON nonces (seen_at);
   CREATE TABLE attachments (
     terminal_id TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     size INTEGER NOT NULL,
     mime TEXT NOT NULL,
     name TEXT NOT NULL,
     received INTEGER NOT NULL DEFAULT 0,
     complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
     created_at TEXT NOT NULL,
     PRIMARY KEY (terminal_id, sha256)
   ) STRICT;
   CREATE TABLE attachment_chunks (
     terminal_id TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     offset INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (terminal_id, sha256, offset),
     FOREIGN KEY (terminal_id, sha256) REFERENCES attachments (terminal_id, sha256) ON DELETE CASCADE
   ) STRICT;
   CREATE TABLE case_counters (day TEXT PRIMARY KEY, last INTEGER NOT NULL) STRICT;
   CREATE TABLE cases (
     case_no TEXT PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     receipt_no TEXT NOT NULL,
     service_code TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     manifest TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (terminal_id, idempotency_key)
   ) STRICT;
   CREATE INDEX cases_receipt ON cases (terminal_id, receipt_no);
   CREATE TABLE case_events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     case_no TEXT NOT NULL REFERENCES cases (case_no),
     terminal_id TEXT NOT NULL,
     at TEXT NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE INDEX case_events_feed ON case_events (terminal_id, seq);
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     case_no TEXT NOT NULL REFERENCES cases (case_no),
     name TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     self_print INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE evaluations (
     terminal_id TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     evaluation_id TEXT NOT NULL UNIQUE,
     case_no TEXT NOT NULL REFERENCES cases (case_no),
     rating INTEGER NOT NULL,
     comment TEXT,
     created_at TEXT NOT NULL,
     PRIMARY KEY (terminal_id, idempotency_key)
   ) STRICT;
   CREATE TABLE calendars (
     year INTEGER PRIMARY KEY,
     version TEXT NOT NULL,
     body TEXT NOT NULL,
     published_at TEXT NOT NULL
   ) STRICT;`,
  // Follow-up at the kiosk: notices beside results, self-print once (who printed, when), postal
  // delivery requests with their tracking numbers, and looking cases up by the applicant's number.
  `ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'result' CHECK (kind IN ('notice', 'result'));
   ALTER TABLE documents ADD COLUMN printed_at TEXT;
   ALTER TABLE documents ADD COLUMN printed_by TEXT;
   CREATE TABLE deliveries (
     case_no TEXT PRIMARY KEY REFERENCES cases (case_no),
     idempotency_key TEXT NOT NULL,
     terminal_id TEXT NOT NULL,
     address TEXT NOT NULL,
     requested_at TEXT NOT NULL,
     carrier TEXT,
     tracking_no TEXT
   ) STRICT;
   CREATE INDEX cases_applicant ON cases (terminal_id, upper(json_extract(manifest, '$.applicant.idNumber')));`,
  // Fleet view (central/fleet/): each terminal's latest heartbeat and its usage aggregates by day.
  `CREATE TABLE heartbeats (
     terminal_id TEXT PRIMARY KEY,
     received_at INTEGER NOT NULL,
     interval_sec INTEGER NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE TABLE terminal_usage (
     terminal_id TEXT NOT NULL,
     day TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (terminal_id, day)
   ) STRICT;`,
  // 帮办代办: the township helpers published to terminals. Only salted scrypt hashes of the card
  // number and the PIN are kept; each change bumps the registry's version.
  `CREATE TABLE staff (
     staff_id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     township TEXT NOT NULL,
     id_number_hash TEXT NOT NULL,
     pin_hash TEXT NOT NULL,
     active INTEGER NOT NULL CHECK (active IN (0, 1)),
     updated_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE staff_registry_version (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, published_at TEXT NOT NULL) STRICT;`,
  // Follow-up at any terminal: a citizen's cases by card or receipt QR, whichever terminal took them.
  `CREATE INDEX cases_receipt_any ON cases (receipt_no);
   DROP INDEX cases_applicant;
   CREATE INDEX cases_applicant_any ON cases (upper(json_extract(manifest, '$.applicant.idNumber')));`,
  // 一次一评: which occasion an evaluation rates, so central takes one per case and occasion. Not a
  // unique index: databases from before the rule may hold several; the check is in evaluate().
  `ALTER TABLE evaluations ADD COLUMN stage TEXT NOT NULL DEFAULT 'acceptance' CHECK (stage IN ('acceptance', 'result'));
   CREATE INDEX evaluations_case_stage ON evaluations (case_no, stage);`,
  // 帮办代办 sign-in verified by central (issue 10, finding 3): terminals no longer receive the
  // staff hashes; central counts wrong PINs per helper and signs helper proofs with its own key.
  `CREATE TABLE staff_lockouts (
     staff_id TEXT PRIMARY KEY REFERENCES staff (staff_id),
     failures INTEGER NOT NULL CHECK (failures >= 0),
     locked_until INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE central_keys (name TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL) STRICT;
   ALTER TABLE staff ADD COLUMN id_lookup TEXT;
   CREATE INDEX staff_id_lookup ON staff (id_lookup);`,
  // Receipts as capabilities (issue 10): the digest of the receipt's claim kept with its case, one
  // case per receipt number across central, and every follow-up lookup audited (kind and outcome
  // only: never the number or identity looked up). The audit also is the rate limiter's window.
  `ALTER TABLE cases ADD COLUMN claim_digest TEXT;
   CREATE UNIQUE INDEX cases_receipt_unique ON cases (receipt_no);
   CREATE TABLE lookup_audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     terminal_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('lookup', 'document', 'printed', 'delivery')),
     by TEXT NOT NULL CHECK (by IN ('idNumber', 'receiptNo', 'claim')),
     found INTEGER NOT NULL CHECK (found IN (0, 1)),
     proof_ok INTEGER NOT NULL CHECK (proof_ok IN (0, 1)),
     limited INTEGER NOT NULL DEFAULT 0 CHECK (limited IN (0, 1))
   ) STRICT;
   CREATE INDEX lookup_audit_window ON lookup_audit (terminal_id, at);
   CREATE TABLE receipt_refusals (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     terminal_id TEXT NOT NULL,
     at TEXT NOT NULL,
     code TEXT NOT NULL CHECK (code IN ('receipt-terminal-mismatch', 'receipt-taken')),
     receipt_no TEXT NOT NULL
   ) STRICT;`,
];

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

/** One audited follow-up access (central/routes/followup.ts). */
export interface LookupAuditEntry {
  terminalId: string;
  at: number;
  action: 'lookup' | 'document' | 'printed' | 'delivery';
  /** the kind of proof shown: an identity number, a receipt number alone, or a receipt claim */
  by: 'idNumber' | 'receiptNo' | 'claim';
  found: boolean;
  proofOk: boolean;
  limited: boolean;
}

export type IntakeOutcome =
  | { kind: 'created' | 'duplicate'; caseNo: string; receivedAt: string }
  | { kind: 'missing-attachments'; missing: string[] }
  | { kind: 'key-reused'; caseNo: string }
  | { kind: 'receipt-taken' };

export class TransitionError extends Error {}

export class CentralStore {
  readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') {
      // Plain ID numbers and case documents: readable by central's user only. SQLite gives
      // -wal/-shm the main file's mode, so it is created 0600 before SQLite opens it.
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.closeSync(fs.openSync(file, 'a', 0o600));
      for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY) STRICT');
    const current = (this.db.prepare('SELECT COALESCE(MAX(version),0) v FROM schema_migrations').get() as { v: number }).v;
    MIGRATIONS.slice(current).forEach((sql, i) =>
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(current + i + 1);
      })(),
    );
  }

  private readonly beforeClose = new Set<() => void>();

  /** Lets a component flush what it holds in memory before the database closes. */
  onClose(fn: () => void): void {
    this.beforeClose.add(fn);
  }

  close(): void {
    for (const fn of this.beforeClose) fn();
    this.db.close();
  }

  /** Publishes a catalog version; publishing the same version again is a no-op. */
  publishCatalog(catalog: Catalog): PublishedCatalog {
    const valid = catalogSchema.parse(catalog);
    const body = JSON.stringify(valid);
    const etag = `"${valid.version}-${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    this.db
      .prepare('INSERT INTO catalog_versions (version, etag, body, published_at) VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING')
      .run(valid.version, etag, body, new Date().toISOString());
    return this.latestCatalog()!;
  }

  latestCatalog(): PublishedCatalog | null {
    const row = this.db.prepare('SELECT version, etag, body, published_at FROM catalog_versions ORDER BY seq DESC LIMIT 1').get() as
      | { version: string; etag: string; body: string; published_at: string }
      | undefined;
    return row ? { version: row.version, etag: row.etag, body: row.body, publishedAt: row.published_at } : null;
  }

  // ── terminals and replay protection ─────────────────────────────────────────────────────

  registerTerminal(terminalId: string, secret: string): void {
    this.db
      .prepare(
        `INSERT INTO terminals (terminal_id, secret, created_at) VALUES (?, ?, ?)
         ON CONFLICT (terminal_id) DO UPDATE SET secret = excluded.secret, disabled = 0`,
      )
      .run(terminalId, secret, new Date().toISOString());
  }

  terminalSecret(terminalId: string): string | null {
    const r = this.db.prepare('SELECT secret FROM terminals WHERE terminal_id = ? AND disabled = 0').get(terminalId) as { secret: string } | undefined;
    return r?.secret ?? null;
  }

  hasNonce(terminalId: string, nonce: string): boolean {
    return this.db.prepare('SELECT 1 FROM nonces WHERE terminal_id = ? AND nonce = ?').get(terminalId, nonce) !== undefined;
  }

  /** Persists seen nonces in one transaction and prunes those too old to be accepted anyway. */
  recordNonces(seen: { terminalId: string; nonce: string; seenAt: number }[], pruneBefore: number): void {
    const ins = this.db.prepare('INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.db.transaction(() => {
      for (const n of seen) ins.run(n.terminalId, n.nonce, n.seenAt);
      this.db.prepare('DELETE FROM nonces WHERE seen_at < ?').run(pruneBefore);
    })();
  }

  // ── attachments ─────────────────────────────────────────────────────────────────────────

  /** Declares an attachment (idempotent) and says how much of it central already holds. */
  initAttachment(terminalId: string, ref: AttachmentRef): AttachmentState | { conflict: string } {
    const existing = this.attachment(terminalId, ref.sha256);
    if (existing) {
      if (existing.size !== ref.size) return { conflict: '同一摘要的附件大小不一致 / same SHA-256 declared with another size' };
      return existing;
    }
    this.db
      .prepare('INSERT INTO attachments (terminal_id, sha256, size, mime, name, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(terminalId, ref.sha256, ref.size, ref.mime, ref.name, new Date().toISOString());
    return { sha256: ref.sha256, size: ref.size, received: 0, complete: false };
  }

  attachment(terminalId: string, sha256: string): AttachmentState | null {
    const r = this.db.prepare('SELECT sha256, size, received, complete FROM attachments WHERE terminal_id = ? AND sha256 = ?').get(terminalId, sha256) as
      | { sha256: string; size: number; received: number; complete: number }
      | undefined;
    return r ? { sha256: r.sha256, size: r.size, received: r.received, complete: r.complete === 1 } : null;
  }

  /**
   * Appends one chunk at `offset`. When the last byte arrives the whole file is hashed; a
   * mismatch discards every chunk so the client starts over instead of keeping bad bytes.
   */
  appendChunk(
    terminalId: string,
    sha256: string,
    offset: number,
    data: Uint8Array,
  ): { kind: 'ok'; state: AttachmentState } | { kind: 'unknown' } | { kind: 'offset'; state: AttachmentState } | { kind: 'too-long'; state: AttachmentState } | { kind: 'hash-mismatch'; state: AttachmentState } {
    return this.db.transaction(() => {
      const st = this.attachment(terminalId, sha256);
      if (!st) return { kind: 'unknown' as const };
      if (st.complete) return { kind: 'ok' as const, state: st };
      if (offset !== st.received) return { kind: 'offset' as const, state: st };
      if (offset + data.byteLength > st.size) return { kind: 'too-long' as const, state: st };
      this.db.prepare('INSERT INTO attachment_chunks (terminal_id, sha256, offset, data) VALUES (?, ?, ?, ?)').run(terminalId, sha256, offset, data);
      const received = offset + data.byteLength;
      if (received < st.size) {
        this.db.prepare('UPDATE attachments SET received = ? WHERE terminal_id = ? AND sha256 = ?').run(received, terminalId, sha256);
        return { kind: 'ok' as const, state: { ...st, received } };
      }
      const hash = crypto.createHash('sha256');
      for (const c of this.db.prepare('SELECT data FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ? ORDER BY offset').iterate(terminalId, sha256) as Iterable<{ data: Buffer }>)
        hash.update(c.data);
      if (hash.digest('hex') !== sha256) {
        this.db.prepare('DELETE FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ?').run(terminalId, sha256);
        this.db.prepare('UPDATE attachments SET received = 0 WHERE terminal_id = ? AND sha256 = ?').run(terminalId, sha256);
        return { kind: 'hash-mismatch' as const, state: { ...st, received: 0 } };
      }
      this.db.prepare('UPDATE attachments SET received = ?, complete = 1 WHERE terminal_id = ? AND sha256 = ?').run(received, terminalId, sha256);
      return { kind: 'ok' as const, state: { ...st, received, complete: true } };
    })();
  }

  attachmentBytes(terminalId: string, sha256: string): Buffer | null {
    const st = this.attachment(terminalId, sha256);
    if (!st?.complete) return null;
    const rows = this.db.prepare('SELECT data FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ? ORDER BY offset').all(terminalId, sha256) as { data: Buffer }[];
    return Buffer.concat(rows.map((r) => r.data));
  }

  // ── cases ───────────────────────────────────────────────────────────────────────────────

  /**
   * Creates the case for a submission exactly once: the same idempotency key always returns
   * the same case number; the same key with different content is refused.
   */
  intake(terminalId: string, m: SubmissionManifest, contentHash: string, now = new Date()): IntakeOutcome {
    return this.db.transaction((): IntakeOutcome => {
      const existing = this.db.prepare('SELECT case_no, content_hash, created_at FROM cases WHERE terminal_id = ? AND idempotency_key = ?').get(terminalId, m.idempotencyKey) as
        | { case_no: string; content_hash: string; created_at: string }
        | undefined;
      if (existing) {
        if (existing.content_hash !== contentHash) return { kind: 'key-reused', caseNo: existing.case_no };
        return { kind: 'duplicate', caseNo: existing.case_no, receivedAt: existing.created_at };
      }
      // One case per receipt number across central: a second claim on it (any terminal) is refused.
      if (this.db.prepare('SELECT 1 FROM cases WHERE receipt_no = ?').get(m.receiptNo)) return { kind: 'receipt-taken' };
      const refs = m.materials.flatMap((x) => x.pages);
      const missing = refs.filter((r) => !this.attachment(terminalId, r.sha256)?.complete).map((r) => r.sha256);
      if (missing.length) return { kind: 'missing-attachments', missing: [...new Set(missing)] };
      const day = now.toISOString().slice(0, 10).replace(/-/g, '');
      const { last } = this.db
        .prepare('INSERT INTO case_counters (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last')
        .get(day) as { last: number };
      const caseNo = `AJ${day}${String(last).padStart(6, '0')}`;
      const at = now.toISOString();
      this.db
        .prepare(
          'INSERT INTO cases (case_no, terminal_id, idempotency_key, receipt_no, service_code, content_hash, manifest, status, created_at, claim_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
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
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO case_events (case_no, terminal_id, at, body) VALUES (?, ?, ?, ?)')
        .run(caseNo, c.terminal_id, at, JSON.stringify(update));
      this.db.prepare('UPDATE cases SET status = ? WHERE case_no = ?').run(update.status, caseNo);
      return { seq: Number(lastInsertRowid), caseNo, receiptNo: c.receipt_no, idempotencyKey: c.idempotency_key, at, update };
    })();
  }

  /** What the transition table needs to know about a case besides its status. */
  caseFacts(caseNo: string): CaseFacts {
    return {
      postalRequested: this.delivery(caseNo) !== null,
      resultPrinted: this.db.prepare("SELECT 1 FROM documents WHERE case_no = ? AND kind = 'result' AND printed_at IS NOT NULL").get(caseNo) !== undefined,
    };
  }

  private toEvent(r: { seq: number; case_no: string; at: string; body: string; receipt_no: string; idempotency_key: string }): CaseEvent {
    return { seq: r.seq, caseNo: r.case_no, receiptNo: r.receipt_no, idempotencyKey: r.idempotency_key, at: r.at, update: JSON.parse(r.body) as CaseUpdate };
  }

  /** This terminal's case events after `after`, oldest first. */
  feed(terminalId: string, after: number, limit: number): CaseEvent[] {
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.case_no, e.at, e.body, c.receipt_no, c.idempotency_key FROM case_events e JOIN cases c ON c.case_no = e.case_no
         WHERE e.terminal_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
      )
      .all(terminalId, after, limit) as { seq: number; case_no: string; at: string; body: string; receipt_no: string; idempotency_key: string }[];
    return rows.map((r) => this.toEvent(r));
  }

  caseEvents(caseNo: string): CaseEvent[] {
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.case_no, e.at, e.body, c.receipt_no, c.idempotency_key FROM case_events e JOIN cases c ON c.case_no = e.case_no
         WHERE e.case_no = ? ORDER BY e.seq`,
      )
      .all(caseNo) as { seq: number; case_no: string; at: string; body: string; receipt_no: string; idempotency_key: string }[];
    return rows.map((r) => this.toEvent(r));
  }

  /** The applicant's cases at every terminal, newest first (the number compared case-insensitively: a final x or X). */
  casesOfApplicant(idNumber: string, limit = 100): CaseRow[] {
    return this.db
      .prepare(`SELECT * FROM cases WHERE upper(json_extract(manifest, '$.applicant.idNumber')) = ? ORDER BY created_at DESC LIMIT ?`)
      .all(idNumber.toUpperCase(), limit) as CaseRow[];
  }

  /** The case of a receipt number, whichever terminal issued it (numbers carry the terminal id). */
  caseByReceiptNo(receiptNo: string): CaseRow | null {
    return (this.db.prepare('SELECT * FROM cases WHERE receipt_no = ? ORDER BY created_at DESC LIMIT 1').get(receiptNo) as CaseRow | undefined) ?? null;
  }

  caseByReceipt(terminalId: string, receiptNo: string): CaseRow | null {
    return (this.db.prepare('SELECT * FROM cases WHERE terminal_id = ? AND receipt_no = ?').get(terminalId, receiptNo) as CaseRow | undefined) ?? null;
  }

  /** A case's documents without their bytes, notices and results alike. */
  documentsOf(caseNo: string): (ResultDocument & { kind: 'notice' | 'result'; printedAt: string | null })[] {
    const rows = this.db
      .prepare('SELECT id, name, size, sha256, self_print, kind, printed_at FROM documents WHERE case_no = ? ORDER BY created_at, rowid')
      .all(caseNo) as { id: string; name: string; size: number; sha256: string; self_print: number; kind: 'notice' | 'result'; printed_at: string | null }[];
    return rows.map((r) => ({ id: r.id, name: r.name, mime: 'application/pdf' as const, size: r.size, sha256: r.sha256, selfPrint: r.self_print === 1, kind: r.kind, printedAt: r.printed_at }));
  }

  /** Records a self-service print; the first report wins and later ones are told so. */
  documentPrinted(id: string, terminalId: string, at: string): { printedAt: string; first: boolean } {
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT printed_at FROM documents WHERE id = ?').get(id) as { printed_at: string | null } | undefined;
      if (r?.printed_at) return { printedAt: r.printed_at, first: false };
      this.db.prepare('UPDATE documents SET printed_at = ?, printed_by = ? WHERE id = ?').run(at, terminalId, id);
      return { printedAt: at, first: true };
    })();
  }

  /** When central stored a document (a print of it cannot be older). */
  documentCreatedAt(id: string): string | null {
    return (this.db.prepare('SELECT created_at FROM documents WHERE id = ?').get(id) as { created_at: string } | undefined)?.created_at ?? null;
  }

  delivery(caseNo: string): { idempotencyKey: string; terminalId: string; address: string; requestedAt: string; carrier: string | null; trackingNo: string | null } | null {
    const r = this.db.prepare('SELECT * FROM deliveries WHERE case_no = ?').get(caseNo) as
      | { idempotency_key: string; terminal_id: string; address: string; requested_at: string; carrier: string | null; tracking_no: string | null }
      | undefined;
    return r ? { idempotencyKey: r.idempotency_key, terminalId: r.terminal_id, address: r.address, requestedAt: r.requested_at, carrier: r.carrier, trackingNo: r.tracking_no } : null;
  }

  /** A postal delivery request; one per case (the same key again is the same request). */
  requestDelivery(caseNo: string, terminalId: string, idempotencyKey: string, addressJson: string, now = new Date()): { kind: 'created' | 'duplicate' | 'conflict'; requestedAt: string } {
    return this.db.transaction(() => {
      const existing = this.delivery(caseNo);
      if (existing) return { kind: existing.idempotencyKey === idempotencyKey ? ('duplicate' as const) : ('conflict' as const), requestedAt: existing.requestedAt };
      const at = now.toISOString();
      this.db.prepare('INSERT INTO deliveries (case_no, idempotency_key, terminal_id, address, requested_at) VALUES (?, ?, ?, ?, ?)').run(caseNo, idempotencyKey, terminalId, addressJson, at);
      return { kind: 'created' as const, requestedAt: at };
    })();
  }

  setTracking(caseNo: string, carrier: string, trackingNo: string): boolean {
    return this.db.prepare('UPDATE deliveries SET carrier = ?, tracking_no = ? WHERE case_no = ?').run(carrier, trackingNo, caseNo).changes === 1;
  }

  document(id: string): { caseNo: string; terminalId: string; name: string; data: Buffer; sha256: string } | null {
    const r = this.db
      .prepare('SELECT d.case_no, c.terminal_id, d.name, d.data, d.sha256 FROM documents d JOIN cases c ON c.case_no = d.case_no WHERE d.id = ?')
      .get(id) as { case_no: string; terminal_id: string; name: string; data: Buffer; sha256: string } | undefined;
    return r ? { caseNo: r.case_no, terminalId: r.terminal_id, name: r.name, data: r.data, sha256: r.sha256 } : null;
  }

  // ── follow-up lookups: audit, rate window, fleet figures ───────────────────────────────────

  auditLookup(e: LookupAuditEntry): void {
    this.db
      .prepare('INSERT INTO lookup_audit (terminal_id, at, action, by, found, proof_ok, limited) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.terminalId, e.at, e.action, e.by, e.found ? 1 : 0, e.proofOk ? 1 : 0, e.limited ? 1 : 0);
  }

  /** Lookups a terminal made (and was answered) since `since`, oldest first: the sliding window. */
  lookupTimesSince(terminalId: string, since: number): number[] {
    return (
      this.db.prepare("SELECT at FROM lookup_audit WHERE terminal_id = ? AND at > ? AND action = 'lookup' AND limited = 0 ORDER BY at").all(terminalId, since) as { at: number }[]
    ).map((r) => r.at);
  }

  /** Per terminal since `since`: all accesses, not found, refused proofs (a wrong claim or card), rate-limited. */
  lookupFigures(since: number): Map<string, { total: number; notFound: number; proofFailed: number; limited: number }> {
    const rows = this.db
      .prepare(
        `SELECT terminal_id AS t, COUNT(*) AS total, SUM(found = 0 AND limited = 0) AS notFound,
                SUM(found = 1 AND proof_ok = 0 AND by IN ('claim', 'idNumber')) AS proofFailed, SUM(limited) AS limited
           FROM lookup_audit WHERE at > ? GROUP BY terminal_id`,
      )
      .all(since) as { t: string; total: number; notFound: number; proofFailed: number; limited: number }[];
    return new Map(rows.map((r) => [r.t, { total: r.total, notFound: r.notFound, proofFailed: r.proofFailed, limited: r.limited }]));
  }

  /** A submission refused for its receipt number (another terminal's prefix, or already taken). */
  recordReceiptRefusal(terminalId: string, code: 'receipt-terminal-mismatch' | 'receipt-taken', receiptNo: string, now = new Date()): void {
    this.db.prepare('INSERT INTO receipt_refusals (terminal_id, at, code, receipt_no) VALUES (?, ?, ?, ?)').run(terminalId, now.toISOString(), code, receiptNo);
  }

  receiptRefusals(limit = 200): { terminalId: string; at: string; code: string; receiptNo: string }[] {
    return this.db
      .prepare('SELECT terminal_id AS terminalId, at, code, receipt_no AS receiptNo FROM receipt_refusals ORDER BY seq DESC LIMIT ?')
      .all(limit) as { terminalId: string; at: string; code: string; receiptNo: string }[];
  }

  /** The audit as stored (tests and operators): no number or identity is in it to show. */
  lookupAudit(limit = 1000): LookupAuditEntry[] {
    return (
      this.db.prepare('SELECT terminal_id, at, action, by, found, proof_ok, limited FROM lookup_audit ORDER BY seq DESC LIMIT ?').all(limit) as {
        terminal_id: string;
        at: number;
        action: LookupAuditEntry['action'];
        by: LookupAuditEntry['by'];
        found: number;
        proof_ok: number;
        limited: number;
      }[]
    ).map((r) => ({ terminalId: r.terminal_id, at: r.at, action: r.action, by: r.by, found: r.found === 1, proofOk: r.proof_ok === 1, limited: r.limited === 1 }));
  }

  // ── evaluations and calendars ───────────────────────────────────────────────────────────

  /**
   * 一次一评: one evaluation per case and occasion. The same key again is the same evaluation; a
   * new key for an occasion already rated is refused.
   */
  evaluate(
    terminalId: string,
    e: { idempotencyKey: string; caseNo: string; stage: 'acceptance' | 'result'; rating: number; comment: string | null },
  ): { kind: 'created' | 'duplicate'; evaluationId: string } | { kind: 'already-rated' } {
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT evaluation_id FROM evaluations WHERE terminal_id = ? AND idempotency_key = ?').get(terminalId, e.idempotencyKey) as
        | { evaluation_id: string }
        | undefined;
      if (existing) return { kind: 'duplicate' as const, evaluationId: existing.evaluation_id };
      if (this.db.prepare('SELECT 1 FROM evaluations WHERE case_no = ? AND stage = ?').get(e.caseNo, e.stage)) return { kind: 'already-rated' as const };
      const evaluationId = crypto.randomUUID();
      this.db
        .prepare('INSERT INTO evaluations (terminal_id, idempotency_key, evaluation_id, case_no, stage, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(terminalId, e.idempotencyKey, evaluationId, e.caseNo, e.stage, e.rating, e.comment, new Date().toISOString());
      return { kind: 'created' as const, evaluationId };
    })();
  }

  /**
   * 好差评 as received, with the receipt of the case they rate. A rating of 1 or 2 (差评) is
   * flagged for follow-up (回访整改): the rule lives here so every channel's ratings get it.
   */
  evaluationList(opts: { followUpOnly?: boolean } = {}): { evaluationId: string; terminalId: string; caseNo: string; receiptNo: string | null; rating: number; comment: string | null; createdAt: string; followUp: boolean }[] {
    const rows = this.db
      .prepare(
        `SELECT e.evaluation_id, e.terminal_id, e.case_no, c.receipt_no, e.rating, e.comment, e.created_at
           FROM evaluations e LEFT JOIN cases c ON c.case_no = e.case_no
          ${opts.followUpOnly ? 'WHERE e.rating <= 2' : ''}
          ORDER BY e.created_at`,
      )
      .all() as { evaluation_id: string; terminal_id: string; case_no: string; receipt_no: string | null; rating: number; comment: string | null; created_at: string }[];
    return rows.map((r) => ({ evaluationId: r.evaluation_id, terminalId: r.terminal_id, caseNo: r.case_no, receiptNo: r.receipt_no, rating: r.rating, comment: r.comment, createdAt: r.created_at, followUp: r.rating <= 2 }));
  }

  publishCalendar(c: Calendar): void {
    this.db
      .prepare(
        `INSERT INTO calendars (year, version, body, published_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (year) DO UPDATE SET version = excluded.version, body = excluded.body, published_at = excluded.published_at`,
      )
      .run(c.year, c.version, JSON.stringify(c), new Date().toISOString());
  }

  calendar(year: number): Calendar | null {
    const r = this.db.prepare('SELECT body FROM calendars WHERE year = ?').get(year) as { body: string } | undefined;
    return r ? (JSON.parse(r.body) as Calendar) : null;
  }

  /** Stores a terminal's latest heartbeat and replaces its usage aggregates for the days it reports. */
  recordHeartbeat(terminalId: string, receivedAt: number, intervalSec: number, body: string, usageByDay: Map<string, string>): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO heartbeats (terminal_id, received_at, interval_sec, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, interval_sec = excluded.interval_sec, body = excluded.body`,
        )
        .run(terminalId, receivedAt, intervalSec, body);
      const put = this.db.prepare(
        `INSERT INTO terminal_usage (terminal_id, day, body) VALUES (?, ?, ?) ON CONFLICT (terminal_id, day) DO UPDATE SET body = excluded.body`,
      );
      for (const [day, b] of usageByDay) put.run(terminalId, day, b);
    })();
  }

  // ── 帮办代办 staff registry ────────────────────────────────────────────────────────────────

  /**
   * Enrols or changes a helper (hashes already made); every change is a new staff version.
   * `idLookup` is a keyed MAC of the card number so sign-in finds the row without trying every
   * helper's scrypt hash (rows enrolled before it existed get it at their first sign-in).
   */
  putStaff(m: StaffMember & { idLookup?: string | null }, now = new Date()): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO staff (staff_id, name, township, id_number_hash, pin_hash, active, updated_at, id_lookup) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (staff_id) DO UPDATE SET name = excluded.name, township = excluded.township, id_number_hash = excluded.id_number_hash,
             pin_hash = excluded.pin_hash, active = excluded.active, updated_at = excluded.updated_at, id_lookup = excluded.id_lookup`,
        )
        .run(m.staffId, m.name, m.township, m.idNumberHash, m.pinHash, m.active ? 1 : 0, at, m.idLookup ?? null);
      this.db
        .prepare('INSERT INTO staff_registry_version (id, seq, published_at) VALUES (1, 1, ?) ON CONFLICT (id) DO UPDATE SET seq = seq + 1, published_at = excluded.published_at')
        .run(at);
    })();
  }

  /** The version of the enrolled staff (changes with every enrolment change; null before any). */
  staffVersion(): string | null {
    const v = this.db.prepare('SELECT seq FROM staff_registry_version WHERE id = 1').get() as { seq: number } | undefined;
    return v ? `staff-${v.seq}` : null;
  }

  /** Active helpers with their hashes, for central's own sign-in check only: those with this lookup MAC, else those without one yet. */
  activeStaff(idLookup?: string): StaffMember[] {
    const where = idLookup === undefined ? '' : ' AND (id_lookup = ? OR id_lookup IS NULL) ORDER BY id_lookup IS NULL';
    const rows = this.db.prepare(`SELECT staff_id, name, township, id_number_hash, pin_hash FROM staff WHERE active = 1${where}`).all(...(idLookup === undefined ? [] : [idLookup])) as {
      staff_id: string;
      name: string;
      township: string;
      id_number_hash: string;
      pin_hash: string;
    }[];
    return rows.map((r) => ({ staffId: r.staff_id, name: r.name, township: r.township, idNumberHash: r.id_number_hash, pinHash: r.pin_hash, active: true }));
  }

  setStaffIdLookup(staffId: string, idLookup: string): void {
    this.db.prepare('UPDATE staff SET id_lookup = ? WHERE staff_id = ?').run(idLookup, staffId);
  }

  staffExists(staffId: string): boolean {
    return this.db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').get(staffId) !== undefined;
  }

  staffLockout(staffId: string): LockoutState | null {
    const r = this.db.prepare('SELECT failures, locked_until FROM staff_lockouts WHERE staff_id = ?').get(staffId) as { failures: number; locked_until: number } | undefined;
    return r ? { failures: r.failures, lockedUntil: r.locked_until } : null;
  }

  setStaffLockout(staffId: string, l: LockoutState): void {
    this.db
      .prepare(
        `INSERT INTO staff_lockouts (staff_id, failures, locked_until) VALUES (?, ?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      )
      .run(staffId, l.failures, l.lockedUntil);
  }

  /** A 32-byte key only central holds, made on first use (e.g. 'helper-token'). */
  centralKey(name: string): Buffer {
    this.db.prepare('INSERT OR IGNORE INTO central_keys (name, key, created_at) VALUES (?, ?, ?)').run(name, crypto.randomBytes(32), new Date().toISOString());
    return (this.db.prepare('SELECT key FROM central_keys WHERE name = ?').get(name) as { key: Buffer }).key;
  }

  /** A helper's salted hash of their card number (null if unknown), to check an agent's card. */
  staffIdNumberHash(staffId: string): string | null {
    const r = this.db.prepare('SELECT id_number_hash FROM staff WHERE staff_id = ?').get(staffId) as { id_number_hash: string } | undefined;
    return r?.id_number_hash ?? null;
  }

  /** Cases submitted through a helper, for the admin view (the helper id is in the manifest). */
  casesOfHelper(helperId: string, limit = 200): CaseRow[] {
    return this.db
      .prepare(`SELECT * FROM cases WHERE json_extract(manifest, '$.helperId') = ? ORDER BY created_at DESC LIMIT ?`)
      .all(helperId, limit) as CaseRow[];
  }

  /** Every registered terminal with its latest heartbeat (null when it never reported). */
  fleet(): { terminalId: string; disabled: boolean; receivedAt: number | null; intervalSec: number | null; body: string | null }[] {
    return (
      this.db
        .prepare(
          `SELECT t.terminal_id AS terminalId, t.disabled AS disabled, h.received_at AS receivedAt, h.interval_sec AS intervalSec, h.body AS body
           FROM terminals t LEFT JOIN heartbeats h ON h.terminal_id = t.terminal_id ORDER BY t.terminal_id`,
        )
        .all() as { terminalId: string; disabled: number; receivedAt: number | null; intervalSec: number | null; body: string | null }[]
    ).map((r) => ({ ...r, disabled: r.disabled === 1 }));
  }

  usageSince(fromDay: string): { terminalId: string; day: string; body: string }[] {
    return this.db.prepare('SELECT terminal_id AS terminalId, day, body FROM terminal_usage WHERE day >= ? ORDER BY day, terminal_id').all(fromDay) as {
      terminalId: string;
      day: string;
      body: string;
    }[];
  }

  stats(): { cases: number; attachments: number; nonces: number; evaluations: number } {
    const n = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      cases: n('SELECT COUNT(*) AS n FROM cases'),
      attachments: n('SELECT COUNT(*) AS n FROM attachments'),
      nonces: n('SELECT COUNT(*) AS n FROM nonces'),
      evaluations: n('SELECT COUNT(*) AS n FROM evaluations'),
    };
  }
}
