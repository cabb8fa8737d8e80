// 好差评 evaluations (一次一评) and the published working-day calendars.
import crypto from 'node:crypto';
import type { Calendar } from '../../common/central-api';
import type { Db } from './database';

export class EvaluationTables {
  constructor(private readonly db: Db) {}

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
        { evaluation_id: string } | undefined;
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
  evaluationList(
    opts: { followUpOnly?: boolean } = {},
  ): { evaluationId: string; terminalId: string; caseNo: string; receiptNo: string | null; rating: number; comment: string | null; createdAt: string; followUp: boolean }[] {
    const rows = this.db
      .prepare(
        `SELECT e.evaluation_id, e.terminal_id, e.case_no, c.receipt_no, e.rating, e.comment, e.created_at
           FROM evaluations e LEFT JOIN cases c ON c.case_no = e.case_no
          ${opts.followUpOnly ? 'WHERE e.rating <= 2' : ''}
          ORDER BY e.created_at`,
      )
      .all() as { evaluation_id: string; terminal_id: string; case_no: string; receipt_no: string | null; rating: number; comment: string | null; created_at: string }[];
    return rows.map((r) => ({
      evaluationId: r.evaluation_id,
      terminalId: r.terminal_id,
      caseNo: r.case_no,
      receiptNo: r.receipt_no,
      rating: r.rating,
      comment: r.comment,
      createdAt: r.created_at,
      followUp: r.rating <= 2,
    }));
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
}
