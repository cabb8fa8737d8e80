import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GroupCommit } from './group-commit';

let dir: string;
let db: Database.Database;
let reader: Database.Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-group-commit-'));
  db = new Database(path.join(dir, 'c.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(
    'CREATE TABLE t (v TEXT NOT NULL) STRICT; CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE child (p INTEGER NOT NULL REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED) STRICT',
  );
  reader = new Database(path.join(dir, 'c.db'), { readonly: true });
});
afterEach(() => {
  reader.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;
const committed = () => (reader.prepare('SELECT v FROM t ORDER BY rowid').all() as { v: string }[]).map((r) => r.v);
const walBytes = () => fs.statSync(path.join(dir, 'c.db-wal')).size;

describe('group commit', () => {
  test('answers a write only once it is committed, and writes that arrive together share one commit', async () => {
    const g = new GroupCommit(db);
    await g.run(insert('warm-up')); // the WAL exists and holds the table's page
    const frame = 24 + (db.pragma('page_size', { simple: true }) as number);

    const wal0 = walBytes();
    const together = [g.run(insert('a')), g.run(insert('b')), g.run(insert('c'))];
    expect(committed()).toEqual(['warm-up']); // nothing is visible (nor answered) before the commit
    expect(await Promise.all(together)).toEqual([1, 1, 1]);
    expect(committed()).toEqual(['warm-up', 'a', 'b', 'c']);
    const grouped = walBytes() - wal0;
    expect(grouped).toBe(frame); // one commit: the table's page written to the WAL once

    const wal1 = walBytes();
    for (const v of ['d', 'e', 'f']) await g.run(insert(v)); // one at a time: a commit each
    expect(walBytes() - wal1).toBe(3 * grouped);
  });

  test('a write that throws is rolled back alone and only its caller sees the error', async () => {
    const g = new GroupCommit(db);
    const a = g.run(insert('a'));
    const bad = g.run(() => {
      insert('half-done')();
      throw new Error('refused');
    });
    const c = g.run(insert('c'));
    await expect(bad).rejects.toThrow('refused');
    expect(await a).toBe(1);
    expect(await c).toBe(1);
    expect(committed()).toEqual(['a', 'c']);
  });

  test('when the commit fails, every write of the group is refused and none is kept', async () => {
    const g = new GroupCommit(db);
    const good = g.run(insert('a'));
    // a deferred foreign key only fails at COMMIT, like a full disk would
    const orphan = g.run(() => db.prepare('INSERT INTO child (p) VALUES (42)').run().changes);
    await expect(good).rejects.toThrow(/FOREIGN KEY/);
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    expect(await g.run(insert('after'))).toBe(1); // the next group commits normally
    expect(committed()).toEqual(['after']);
  });

  test('flush commits what is waiting at once (before the database closes)', async () => {
    const g = new GroupCommit(db);
    const a = g.run(insert('a'));
    g.flush();
    expect(committed()).toEqual(['a']);
    expect(await a).toBe(1);
  });
});
