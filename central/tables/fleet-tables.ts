// The fleet view's data: each terminal's latest heartbeat and its usage aggregates by day.
import type { Db } from './database';

export class FleetTables {
  constructor(private readonly db: Db) {}

  /** Stores a terminal's latest heartbeat and replaces its usage aggregates for the days it reports. */
  recordHeartbeat(terminalId: string, receivedAt: number, intervalSec: number, body: string, usageByDay: Map<string, string>): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO heartbeats (terminal_id, received_at, interval_sec, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (terminal_id) DO UPDATE SET received_at = excluded.received_at, interval_sec = excluded.interval_sec, body = excluded.body`,
        )
        .run(terminalId, receivedAt, intervalSec, body);
      const put = this.db.prepare(`INSERT INTO terminal_usage (terminal_id, day, body) VALUES (?, ?, ?) ON CONFLICT (terminal_id, day) DO UPDATE SET body = excluded.body`);
      for (const [day, b] of usageByDay) put.run(terminalId, day, b);
    })();
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
}
