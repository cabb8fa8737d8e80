// Opening central's SQLite file: private to central's user, durable commits, and the schema
// brought up to date by the named migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { centralMigrations, type CentralMigration } from './migrations';

export type Db = Database.Database;

/**
 * Runs the migrations a database has not run yet, each in its own transaction with its version
 * recorded. The table keeps the single `version` column central's databases have always had.
 */
export function migrateCentral(db: Db, all: readonly CentralMigration[] = centralMigrations): CentralMigration[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY) STRICT');
  const current = (db.prepare('SELECT COALESCE(MAX(version),0) v FROM schema_migrations').get() as { v: number }).v;
  const pending = all.filter((m) => m.version > current);
  for (const m of pending)
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(m.version);
    })();
  return pending;
}

export function openCentralDatabase(file: string): Db {
  if (file !== ':memory:') {
    // Plain ID numbers and case documents: readable by central's user only. SQLite gives
    // -wal/-shm the main file's mode, so it is created 0600 before SQLite opens it.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
  }
  const db = cacheStatements(new Database(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrateCentral(db);
  return db;
}

/**
 * Makes `db.prepare` compile each SQL text once per connection. The table groups prepare their
 * statements where they use them; without a cache every heartbeat and chunk recompiled four to
 * six statements (`prepare` was the largest cost left after the commits in `--cpu-prof` of central
 * under bench/fleet.bench.ts). Central never changes a statement's mode (pluck, raw, expand), so a
 * statement is the same whoever asks for it.
 */
export function cacheStatements(db: Db): Db {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  db.prepare = ((sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      st = compile(sql);
      cache.set(sql, st);
    }
    return st;
  }) as Db['prepare'];
  return db;
}
