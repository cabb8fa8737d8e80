// SQL for technician maintenance mode and usage statistics (migration 6): the audit trail, the
// hygiene (disinfection) log, and the non-personal aggregates sent to central with the heartbeat.
import type { Db } from './database';

export type AuditOutcome = 'ok' | 'failed' | 'refused';
export type HygieneKind = 'disinfection' | 'screen-clean' | 'surface-clean';

export interface AuditRow {
  id: number;
  at: string;
  sessionTag: string | null;
  action: string;
  outcome: AuditOutcome;
  detail: string;
}

export interface HygieneRow {
  id: number;
  at: string;
  kind: HygieneKind;
  note: string;
  sessionTag: string | null;
}

export interface SubmissionCount {
  day: string;
  serviceCode: string;
  channel: 'kiosk' | 'helper';
  count: number;
  /** of which the result reaches the citizen without a counter visit (post, online, self-print) */
  noVisit: number;
}

export interface StepCount {
  day: string;
  journey: string;
  step: string;
  reached: number;
  abandoned: number;
}

export interface RatingCount {
  day: string;
  rating: number;
  count: number;
}

export class MaintenanceTables {
  constructor(private readonly db: Db) {}

  audit(e: { at: string; sessionTag: string | null; action: string; outcome: AuditOutcome; detail: string }): void {
    this.db.prepare('INSERT INTO maintenance_audit (at, session_tag, action, outcome, detail) VALUES (?, ?, ?, ?, ?)').run(e.at, e.sessionTag, e.action, e.outcome, e.detail);
  }

  recentAudit(limit = 50): AuditRow[] {
    return this.db.prepare('SELECT id, at, session_tag AS sessionTag, action, outcome, detail FROM maintenance_audit ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[];
  }

  addHygiene(e: { at: string; kind: HygieneKind; note: string; sessionTag: string | null }): HygieneRow {
    const r = this.db.prepare('INSERT INTO hygiene_log (at, kind, note, session_tag) VALUES (?, ?, ?, ?)').run(e.at, e.kind, e.note, e.sessionTag);
    return { id: Number(r.lastInsertRowid), ...e };
  }

  recentHygiene(limit = 30): HygieneRow[] {
    return this.db.prepare('SELECT id, at, kind, note, session_tag AS sessionTag FROM hygiene_log ORDER BY id DESC LIMIT ?').all(limit) as HygieneRow[];
  }

  recordSubmission(e: { receiptNo: string; day: string; serviceCode: string; channel: 'kiosk' | 'helper'; delivery: string }): void {
    this.db
      .prepare('INSERT INTO usage_submissions (receipt_no, day, service_code, channel, delivery) VALUES (?, ?, ?, ?, ?) ON CONFLICT (receipt_no) DO NOTHING')
      .run(e.receiptNo, e.day, e.serviceCode, e.channel, e.delivery);
  }

  addStep(e: { day: string; journey: string; step: string; reached: number; abandoned: number }): void {
    this.db
      .prepare(
        `INSERT INTO usage_steps (day, journey, step, reached, abandoned) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (day, journey, step) DO UPDATE SET reached = reached + excluded.reached, abandoned = abandoned + excluded.abandoned`,
      )
      .run(e.day, e.journey, e.step, e.reached, e.abandoned);
  }

  /** Days are China dates as YYYY-MM-DD; `fromDay` inclusive. */
  submissionCounts(fromDay: string): SubmissionCount[] {
    return this.db
      .prepare(
        `SELECT day, service_code AS serviceCode, channel, COUNT(*) AS count, SUM(CASE WHEN delivery = 'counter' THEN 0 ELSE 1 END) AS noVisit
         FROM usage_submissions WHERE day >= ? GROUP BY day, service_code, channel ORDER BY day, service_code, channel`,
      )
      .all(fromDay) as SubmissionCount[];
  }

  stepCounts(fromDay: string): StepCount[] {
    return this.db.prepare('SELECT day, journey, step, reached, abandoned FROM usage_steps WHERE day >= ? ORDER BY day, journey, step').all(fromDay) as StepCount[];
  }

  /** 好差评 given at this kiosk (evaluations outbox, migration 3), by China day. */
  ratingCounts(fromDay: string): RatingCount[] {
    return this.db
      .prepare(
        `SELECT day, rating, COUNT(*) AS count FROM (SELECT date(created_at, '+8 hours') AS day, rating FROM evaluations)
         WHERE day >= ? GROUP BY day, rating ORDER BY day, rating`,
      )
      .all(fromDay) as RatingCount[];
  }
}
