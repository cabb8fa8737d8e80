// Opening the kiosk's SQLite database with the durability settings every write relies on:
// WAL + synchronous=FULL means a COMMIT that returned survives power loss.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  schemaVersion: number;
  applied: Migration[];
  /** Set when the existing file failed its integrity check and was moved aside. */
  quarantinedTo: string | null;
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Purged personal data is overwritten, not just unlinked from the b-tree.
  db.pragma('secure_delete = ON');
  // A 2 MB page cache (SQLite's own default; better-sqlite3 builds with 16 MB): the kiosk's
  // queries go by index and touch few pages, so the bigger cache bought no speed, but it filled
  // as the database grew and stayed resident. Soak (10,000 sessions): RSS +8.9% with 16 MB,
  // +2.1% with 2 MB; backlog at 100k vs 1k per item: enqueue 1.08× → 0.87×, drain 0.96× → 0.59×,
  // i.e. no cost within the bench's noise (bench/README.md, soak and backlog).
  db.pragma('cache_size = -2000');
}

const INCREMENTAL = 2;

/**
 * auto_vacuum=INCREMENTAL, so what retention frees can be handed back to the file system
 * (`PRAGMA incremental_vacuum` after a purge) instead of the file keeping its high-water mark.
 * A new database gets it before its first table; one made by an older build is rebuilt once
 * (VACUUM); when that cannot be done now (a full disk) the file stays as it was and the next
 * start tries again.
 */
function reclaimableSpace(db: Db): void {
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  if (db.prepare('SELECT COUNT(*) FROM sqlite_master').pluck().get() === 0) return;
  try {
    db.exec('VACUUM');
  } catch {
    // stays without auto_vacuum until a start with room to rebuild it
  }
}

function integrityOk(db: Db): boolean {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0]!.integrity_check === 'ok';
  } catch {
    return false;
  }
}

export function migrate(db: Db, all: readonly Migration[] = migrations): Migration[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const known = all.at(-1)?.version ?? 0;
  if (current > known) throw new Error(`数据库版本 ${current} 高于程序支持的 ${known}：请升级终端软件 / database is newer than this build`);
  const pending = all.filter((m) => m.version > current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
  return pending;
}

/**
 * The database holds personal data (sealed, but also ids and receipt numbers): only the kiosk's
 * user may read it. SQLite gives -wal and -shm the main file's mode, so the main file is created
 * 0600 before SQLite opens it; files left wider by an older build are tightened.
 */
function privateFiles(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
}

/**
 * Opens (creating if needed) the database at `file`. A file that fails `integrity_check` is moved
 * aside with its WAL, never deleted, so a technician can recover what it held.
 */
export function openDatabase(file: string, all: readonly Migration[] = migrations): OpenResult {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  privateFiles(file);
  let quarantinedTo: string | null = null;
  let db = new Database(file);
  if (fs.statSync(file).size > 0 && !integrityOk(db)) {
    db.close();
    quarantinedTo = `${file}.corrupt-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, quarantinedTo + suffix);
    }
    privateFiles(file);
    db = new Database(file);
  }
  // before the WAL pragma: that writes the first page, after which only a VACUUM changes it
  reclaimableSpace(db);
  applyPragmas(db);
  privateFiles(file);
  const applied = migrate(db, all);
  // What a migration deleted (secure_delete zeroes it in the database) must not linger in the WAL.
  if (applied.length) db.pragma('wal_checkpoint(TRUNCATE)');
  const schemaVersion = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  return { db, schemaVersion, applied, quarantinedTo };
}
