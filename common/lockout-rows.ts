// Where a wrong-PIN count is kept: one row per key (a staff id, or the kiosk's 'screen'), laid out
// alike in central's staff_lockouts and the kiosk's helper_lockouts (staff_id, failures,
// locked_until). The statements run on the caller's own SQLite connection: common opens none.
import type { LockoutState } from './lockout';

/** What these statements need of a SQLite connection (better-sqlite3's has it). */
interface SqlConnection {
  prepare(sql: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
}

export function lockoutRows(db: SqlConnection, table: 'staff_lockouts' | 'helper_lockouts') {
  return {
    read(key: string): LockoutState | null {
      const r = db.prepare(`SELECT failures, locked_until FROM ${table} WHERE staff_id = ?`).get(key) as { failures: number; locked_until: number } | undefined;
      return r ? { failures: r.failures, lockedUntil: r.locked_until } : null;
    },
    write(key: string, l: LockoutState): void {
      db.prepare(
        `INSERT INTO ${table} (staff_id, failures, locked_until) VALUES (?, ?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      ).run(key, l.failures, l.lockedUntil);
    },
  };
}
