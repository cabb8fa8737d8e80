// SQL of 帮办代办 (migration 7): the cached staff registry, per-helper sign-in lockouts that
// survive a restart, and the receipt numbers a helper submitted here.
import { staffRegistrySchema, type StaffRegistry } from '../../common/staff-registry';
import type { Db } from './database';

export interface CachedStaffRegistry {
  registry: StaffRegistry;
  etag: string;
  fetchedAt: string;
}

export interface HelperLockout {
  failures: number;
  lockedUntil: number;
}

export class HelperTables {
  constructor(private readonly db: Db) {}

  registry(): CachedStaffRegistry | null {
    const row = this.db.prepare('SELECT etag, fetched_at, body FROM staff_registry WHERE id = 1').get() as { etag: string; fetched_at: string; body: string } | undefined;
    if (!row) return null;
    // Re-validated on read, like the catalog: a cache from an older build must still fit.
    const parsed = staffRegistrySchema.safeParse(JSON.parse(row.body));
    return parsed.success ? { registry: parsed.data, etag: row.etag, fetchedAt: row.fetched_at } : null;
  }

  putRegistry(r: StaffRegistry, etag: string, fetchedAt = new Date().toISOString()): void {
    this.db
      .prepare(
        `INSERT INTO staff_registry (id, version, etag, fetched_at, body) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, etag = excluded.etag, fetched_at = excluded.fetched_at, body = excluded.body`,
      )
      .run(r.version, etag, fetchedAt, JSON.stringify(r));
  }

  touchRegistry(fetchedAt = new Date().toISOString()): void {
    this.db.prepare('UPDATE staff_registry SET fetched_at = ? WHERE id = 1').run(fetchedAt);
  }

  lockout(staffId: string): HelperLockout | null {
    const r = this.db.prepare('SELECT failures, locked_until FROM helper_lockouts WHERE staff_id = ?').get(staffId) as { failures: number; locked_until: number } | undefined;
    return r ? { failures: r.failures, lockedUntil: r.locked_until } : null;
  }

  setLockout(staffId: string, l: HelperLockout): void {
    this.db
      .prepare(
        `INSERT INTO helper_lockouts (staff_id, failures, locked_until) VALUES (?, ?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      )
      .run(staffId, l.failures, l.lockedUntil);
  }

  /** Receipt numbers this helper submitted on this terminal, newest first. */
  receiptsOfHelper(staffId: string, limit = 200): string[] {
    return (this.db.prepare('SELECT receipt_no FROM submissions WHERE helper_id = ? ORDER BY id DESC LIMIT ?').all(staffId, limit) as { receipt_no: string }[]).map((r) => r.receipt_no);
  }
}
