// The help desk's durable part: the session log of video calls (who, when, how long — never a
// recording), the callback numbers citizens leave when nobody could answer (purged once called
// back or expired) and the 呼叫帮助 notices. Live signalling stays in memory (central/help/).
import type { Db } from './database';

export interface HelpCallRow {
  callId: string;
  terminalId: string;
  screen: string;
  state: 'waiting' | 'answered' | 'ended' | 'missed';
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  staffId: string | null;
  endReason: string | null;
}

export interface HelpCallbackRow {
  seq: number;
  callId: string;
  terminalId: string;
  phone: string;
  createdAt: number;
  expiresAt: number;
}

export interface HelpNoticeRow {
  noticeId: string;
  terminalId: string;
  screen: string;
  waitingSec: number;
  createdAt: number;
  ackAt: number | null;
  ackBy: string | null;
}

const CALL_COLUMNS = `call_id AS callId, terminal_id AS terminalId, screen, state, created_at AS createdAt, answered_at AS answeredAt,
  ended_at AS endedAt, staff_id AS staffId, end_reason AS endReason`;

export class HelpTables {
  constructor(private readonly db: Db) {}

  insertHelpCall(callId: string, terminalId: string, screen: string, at: number): void {
    this.db.prepare("INSERT INTO help_calls (call_id, terminal_id, screen, state, created_at) VALUES (?, ?, ?, 'waiting', ?)").run(callId, terminalId, screen, at);
  }

  helpCall(callId: string): HelpCallRow | null {
    return (this.db.prepare(`SELECT ${CALL_COLUMNS} FROM help_calls WHERE call_id = ?`).get(callId) as HelpCallRow | undefined) ?? null;
  }

  /** Calls still waiting, oldest first (the queue). */
  waitingHelpCalls(): HelpCallRow[] {
    return this.db.prepare(`SELECT ${CALL_COLUMNS} FROM help_calls WHERE state = 'waiting' ORDER BY created_at, rowid`).all() as HelpCallRow[];
  }

  /** Answers a waiting call; false when it was no longer waiting (another staff member was faster, or it ended). */
  answerHelpCall(callId: string, staffId: string, at: number): boolean {
    return this.db.prepare("UPDATE help_calls SET state = 'answered', answered_at = ?, staff_id = ? WHERE call_id = ? AND state = 'waiting'").run(at, staffId, callId).changes === 1;
  }

  /** Ends a call that is not over yet; `missed` when it was never answered. */
  endHelpCall(callId: string, reason: string, at: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE help_calls SET state = CASE WHEN state = 'waiting' THEN 'missed' ELSE 'ended' END, ended_at = ?, end_reason = ?
           WHERE call_id = ? AND state IN ('waiting', 'answered')`,
        )
        .run(at, reason, callId).changes === 1
    );
  }

  /** Handling times (answered → ended, seconds) of the most recent answered calls: the basis of the estimated wait. */
  recentHelpDurations(limit: number): number[] {
    return (
      this.db.prepare("SELECT (ended_at - answered_at) / 1000 AS sec FROM help_calls WHERE state = 'ended' AND answered_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?").all(limit) as { sec: number }[]
    ).map((r) => r.sec);
  }

  /** The session log, newest first. */
  helpCallLog(since: number): HelpCallRow[] {
    return this.db.prepare(`SELECT ${CALL_COLUMNS} FROM help_calls WHERE created_at >= ? ORDER BY created_at DESC LIMIT 200`).all(since) as HelpCallRow[];
  }

  insertHelpCallback(callId: string, terminalId: string, phone: string, at: number, expiresAt: number): void {
    this.db.prepare('INSERT INTO help_callbacks (call_id, terminal_id, phone, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(callId, terminalId, phone, at, expiresAt);
  }

  /** Callbacks still to make: not done, not expired, number still held. */
  openHelpCallbacks(now: number): HelpCallbackRow[] {
    return this.db
      .prepare(
        `SELECT seq, call_id AS callId, terminal_id AS terminalId, phone, created_at AS createdAt, expires_at AS expiresAt FROM help_callbacks
         WHERE done_at IS NULL AND phone IS NOT NULL AND expires_at > ? ORDER BY created_at`,
      )
      .all(now) as HelpCallbackRow[];
  }

  /** Marks a callback made and forgets the number. */
  finishHelpCallback(seq: number, staffId: string, at: number): boolean {
    return this.db.prepare('UPDATE help_callbacks SET done_at = ?, done_by = ?, phone = NULL WHERE seq = ? AND done_at IS NULL').run(at, staffId, seq).changes === 1;
  }

  /** Forgets the numbers of callbacks nobody made in time; returns how many. */
  purgeExpiredHelpCallbacks(now: number): number {
    return this.db.prepare('UPDATE help_callbacks SET phone = NULL WHERE phone IS NOT NULL AND done_at IS NULL AND expires_at <= ?').run(now).changes;
  }

  insertHelpNotice(n: { noticeId: string; terminalId: string; screen: string; waitingSec: number; createdAt: number }): void {
    this.db.prepare('INSERT INTO help_notices (notice_id, terminal_id, screen, waiting_sec, created_at) VALUES (?, ?, ?, ?, ?)').run(n.noticeId, n.terminalId, n.screen, n.waitingSec, n.createdAt);
  }

  /** Notices nobody has taken yet, oldest first. */
  openHelpNotices(): HelpNoticeRow[] {
    return this.db
      .prepare(
        `SELECT notice_id AS noticeId, terminal_id AS terminalId, screen, waiting_sec AS waitingSec, created_at AS createdAt, ack_at AS ackAt, ack_by AS ackBy
         FROM help_notices WHERE ack_at IS NULL ORDER BY created_at`,
      )
      .all() as HelpNoticeRow[];
  }

  acknowledgeHelpNotice(noticeId: string, staffId: string, at: number): boolean {
    return this.db.prepare('UPDATE help_notices SET ack_at = ?, ack_by = ? WHERE notice_id = ? AND ack_at IS NULL').run(at, staffId, noticeId).changes === 1;
  }
}
