import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CentralStore } from '../store';
import { sampleCatalog } from '../catalog/sample-catalog';
import { caseManifest } from '../test-support/case-manifest';
import { testIdNumber } from '../../offline-queue/test-support/sample-submission';
import { centralMigrations } from './migrations';
import { migrateCentral } from './database';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-migrations-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every table, index and its SQL text as SQLite keeps it: the on-disk schema. */
function schemaOf(file: string): { type: string; name: string; sql: string | null }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as { type: string; name: string; sql: string | null }[];
  } finally {
    db.close();
  }
}

function versionsOf(store: CentralStore): number[] {
  return (store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
}

/** The schema of a database migrated up to `version` only. */
function schemaAt(version: number): ReturnType<typeof schemaOf> {
  const file = path.join(dir, `at-${version}.sqlite`);
  const db = new Database(file);
  migrateCentral(db, centralMigrations.slice(0, version));
  db.close();
  return schemaOf(file);
}

function freshSchema(): ReturnType<typeof schemaOf> {
  const file = path.join(dir, 'fresh.sqlite');
  new CentralStore(file).close();
  return schemaOf(file);
}

describe('central migrations', () => {
  test('a database made by the store before the split opens as it is: its schema that of migration 9, its rows kept, only later migrations run', () => {
    const file = path.join(dir, 'old.sqlite');
    const old = new Database(file);
    old.exec(fs.readFileSync(path.join(__dirname, 'fixtures', 'central-before-issue-11.sql'), 'utf8'));
    old.close();
    const before = schemaOf(file);

    const store = new CentralStore(file);
    expect(versionsOf(store)).toEqual(centralMigrations.map((m) => m.version));
    expect(store.caseRow('AJ20261130000001')).toMatchObject({ terminal_id: 'KSK0001', receipt_no: 'KSK0001-20261130-0001', status: 'received' });
    expect(store.caseEvents('AJ20261130000001').map((e) => e.update.status)).toEqual(['received']);
    expect(store.staffVersion()).toBe('staff-1');
    expect(store.activeStaff().map((s) => s.staffId)).toEqual(['HB-001']);
    expect(store.evaluationList()).toHaveLength(1);
    expect(store.lookupAudit()).toHaveLength(1);
    expect(store.terminalSecret('KSK0001')).toBe('x'.repeat(40));
    expect(store.terminalSuite('KSK0001')).toMatchObject({ suite: 'international', sm2PublicKey: null });
    // the day's case counter carries on from the old database
    const next = store.intake(
      'KSK0001',
      caseManifest({ receiptNo: 'KSK0001-20261130-0002', serviceCode: sampleCatalog.services[0]!.code, idNumber: testIdNumber(4) }),
      'd'.repeat(64),
      new Date('2026-11-30T03:00:00.000Z'),
    );
    expect(next).toMatchObject({ kind: 'created', caseNo: 'AJ20261130000002' });
    store.close();

    expect(before).toEqual(schemaAt(9));
    expect(schemaOf(file)).toEqual(freshSchema());
  });

  test('a database at an older version gets the named migrations it has not run, and its rows', () => {
    const file = path.join(dir, 'v4.sqlite');
    const old = new Database(file);
    expect(migrateCentral(old, centralMigrations.slice(0, 4)).map((m) => m.version)).toEqual([1, 2, 3, 4]);
    old.prepare("INSERT INTO terminals (terminal_id, secret, created_at) VALUES ('KSK0009', ?, '2026-01-01T00:00:00.000Z')").run('s'.repeat(40));
    old.close();

    const store = new CentralStore(file);
    expect(versionsOf(store)).toEqual(centralMigrations.map((m) => m.version));
    expect(store.terminalSecret('KSK0009')).toBe('s'.repeat(40));
    store.close();
    expect(schemaOf(file)).toEqual(freshSchema());
  });

  test('migrations are numbered 1, 2, 3… in order, each with a name', () => {
    expect(centralMigrations.map((m) => m.version)).toEqual(centralMigrations.map((_, i) => i + 1));
    for (const m of centralMigrations) expect(m.name.trim()).not.toBe('');
  });
});
