// The fleet view's data: each terminal's latest heartbeat and its usage aggregates by day.
//
// Written behind, not before the answer: a heartbeat is a snapshot of state the terminal sends
// again every interval (and its usage aggregates again when they change, and hourly), never an
// event, so the rows are "latest wins" and kept in memory until the next flush — every
// FLUSH_MS, before any read of these tables and when the store closes — in one transaction for
// all of them. A central crash loses at most the last FLUSH_MS of heartbeats: the fleet view then
// shows each of those terminals' beat before, at most one interval older, until its next beat
// (a terminal is flagged silent only after three missed intervals), and a lost usage report
// comes back with the terminal's next change or hourly resend. Reads in this process never see
// the gap. Why: `--cpu-prof` of central under bench/fleet.bench.ts — after the signature check,
// a heartbeat's own transaction (savepoints, upserts, the WAL fsync it waited for) was the
// largest cost of a heartbeat.
import type { Db } from './database';

/** How long an acknowledged heartbeat may wait in memory before it is committed. */
export const HEARTBEAT_FLUSH_MS = 200;

interface PendingBeat {
  receivedAt: number;
  intervalSec: number;
  body: string;
}

export class FleetTables {
  private readonly beats = new Map<string, PendingBeat>();
  /** key: terminal id, newline, day */
  private readonly usage = new Map<string, { terminalId: string; day: string; body: string }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  /** Keeps a terminal's latest heartbeat and its usage aggregates for the days it reports; committed by the next flush. */
  recordHeartbeat(terminalId: string, receivedAt: number, intervalSec: number, body: string, usageByDay: Map<string, string>): void {
    this.beats.set(terminalId, { receivedAt, intervalSec, body });
    for (const [day, b] of usageByDay) this.usage.set(`${terminalId}\n${day}`, { terminalId, day, body: b });
    if (!this.timer) {
      this.timer = setTimeout(() => this.flushHeartbeats(), HEARTBEAT_FLUSH_MS);
      this.timer.unref();
    }
  }

  /**
   * Commits every heartbeat kept in memory, in one transaction. If the commit fails (full disk)
   * they stay in memory for the next flush, behind anything newer a terminal sent meanwhile;
   * true when nothing is left waiting.
   */
  flushHeartbeats(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.beats.size && !this.usage.size) return true;
    const beats = [...this.beats];
    const usage = [...this.usage];
    this.beats.clear();
    this.usage.clear();
    const putBeat = this.db.prepare(
      `INSERT INTO heartbeats (terminal_id, received_at, interval_sec, body) VALUES (?, ?, ?, ?)
       ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, interval_sec = excluded.interval_sec, body = excluded.body`,
    );
    const putUsage = this.db.prepare(`INSERT INTO terminal_usage (terminal_id, day, body) VALUES (?, ?, ?) ON CONFLICT (terminal_id, day) DO UPDATE SET body = excluded.body`);
    try {
      this.db.transaction(() => {
        for (const [id, b] of beats) putBeat.run(id, b.receivedAt, b.intervalSec, b.body);
        for (const [, u] of usage) putUsage.run(u.terminalId, u.day, u.body);
      })();
      return true;
    } catch {
      for (const [id, b] of beats) if (!this.beats.has(id)) this.beats.set(id, b);
      for (const [k, u] of usage) if (!this.usage.has(k)) this.usage.set(k, u);
      if (!this.timer) {
        this.timer = setTimeout(() => this.flushHeartbeats(), HEARTBEAT_FLUSH_MS);
        this.timer.unref();
      }
      return false;
    }
  }

  /** Every registered terminal with its latest heartbeat (null when it never reported). */
  fleet(): { terminalId: string; disabled: boolean; receivedAt: number | null; intervalSec: number | null; body: string | null }[] {
    this.flushHeartbeats();
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
    this.flushHeartbeats();
    return this.db.prepare('SELECT terminal_id AS terminalId, day, body FROM terminal_usage WHERE day >= ? ORDER BY day, terminal_id').all(fromDay) as {
      terminalId: string;
      day: string;
      body: string;
    }[];
  }
}
