// 帮办代办 helpers (hashes only), their wrong-PIN lockouts, and the keys only central holds.
import crypto from 'node:crypto';
import type { LockoutState } from '../../common/lockout';
import { lockoutRows } from '../../common/lockout-rows';
import type { StaffMember } from '../../common/staff-registry';
import type { Db } from './database';

export class StaffTables {
  constructor(private readonly db: Db) {}

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
      this.db.prepare('INSERT INTO staff_registry_version (id, seq, published_at) VALUES (1, 1, ?) ON CONFLICT (id) DO UPDATE SET seq = seq + 1, published_at = excluded.published_at').run(at);
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

  /** Name and standing of one helper (the console's session check: a helper made inactive loses the console at once). */
  activeStaffName(staffId: string): string | null {
    const r = this.db.prepare('SELECT name FROM staff WHERE staff_id = ? AND active = 1').get(staffId) as { name: string } | undefined;
    return r?.name ?? null;
  }

  setStaffIdLookup(staffId: string, idLookup: string): void {
    this.db.prepare('UPDATE staff SET id_lookup = ? WHERE staff_id = ?').run(idLookup, staffId);
  }

  staffExists(staffId: string): boolean {
    return this.db.prepare('SELECT 1 FROM staff WHERE staff_id = ?').get(staffId) !== undefined;
  }

  staffLockout(staffId: string): LockoutState | null {
    return lockoutRows(this.db, 'staff_lockouts').read(staffId);
  }

  setStaffLockout(staffId: string, l: LockoutState): void {
    lockoutRows(this.db, 'staff_lockouts').write(staffId, l);
  }

  /** A 32-byte key only central holds, made on first use (e.g. 'helper-token'). */
  centralKey(name: string): Buffer {
    this.db.prepare('INSERT OR IGNORE INTO central_keys (name, key, created_at) VALUES (?, ?, ?)').run(name, crypto.randomBytes(32), new Date().toISOString());
    return (this.db.prepare('SELECT key FROM central_keys WHERE name = ?').get(name) as { key: Buffer }).key;
  }

  /**
   * The suite central runs and since when (ms): recorded at start, moved (with a new `since`) when
   * central starts with another suite than last time.
   */
  runCentralSuite(suite: 'international' | 'sm', nowMs: number): { suite: 'international' | 'sm'; since: number } {
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT suite, since FROM central_suite WHERE id = 1').get() as { suite: 'international' | 'sm'; since: number } | undefined;
      if (r?.suite === suite) return r;
      this.db.prepare('INSERT INTO central_suite (id, suite, since) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET suite = excluded.suite, since = excluded.since').run(suite, nowMs);
      return { suite, since: nowMs };
    })();
  }

  /** The suite central runs and since when; international since 0 where central never recorded one. */
  centralSuite(): { suite: 'international' | 'sm'; since: number } {
    return (this.db.prepare('SELECT suite, since FROM central_suite WHERE id = 1').get() as { suite: 'international' | 'sm'; since: number } | undefined) ?? { suite: 'international', since: 0 };
  }

  /** A helper's salted hash of their card number (null if unknown), to check an agent's card. */
  staffIdNumberHash(staffId: string): string | null {
    const r = this.db.prepare('SELECT id_number_hash FROM staff WHERE staff_id = ?').get(staffId) as { id_number_hash: string } | undefined;
    return r?.id_number_hash ?? null;
  }
}
