// Follow-up accesses audited (kind and outcome only), which also are the lookup rate window, and
// submissions refused for their receipt number.
import type { Db } from './database';

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

export class LookupAuditTables {
  constructor(private readonly db: Db) {}

  auditLookup(e: LookupAuditEntry): void {
    this.db
      .prepare('INSERT INTO lookup_audit (terminal_id, at, action, by, found, proof_ok, limited) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.terminalId, e.at, e.action, e.by, e.found ? 1 : 0, e.proofOk ? 1 : 0, e.limited ? 1 : 0);
  }

  /** Lookups a terminal made (and was answered) since `since`, oldest first: the sliding window. */
  lookupTimesSince(terminalId: string, since: number): number[] {
    return (this.db.prepare("SELECT at FROM lookup_audit WHERE terminal_id = ? AND at > ? AND action = 'lookup' AND limited = 0 ORDER BY at").all(terminalId, since) as { at: number }[]).map(
      (r) => r.at,
    );
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
    return this.db.prepare('SELECT terminal_id AS terminalId, at, code, receipt_no AS receiptNo FROM receipt_refusals ORDER BY seq DESC LIMIT ?').all(limit) as {
      terminalId: string;
      at: string;
      code: string;
      receiptNo: string;
    }[];
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
}
