import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { upsert } from './upsert';

const db = new Database(':memory:');
db.exec('CREATE TABLE calendars (year INTEGER PRIMARY KEY, version TEXT NOT NULL, body TEXT NOT NULL, fetched_at TEXT NOT NULL) STRICT');
afterEach(() => db.exec('DELETE FROM calendars'));

describe('upsert', () => {
  it('inserts a row under a new key, and a later write under the same key replaces every other column', () => {
    upsert(db, 'calendars', 'year', { year: 2026, version: 'v1', body: '{}', fetched_at: 'a' });
    upsert(db, 'calendars', 'year', { year: 2027, version: 'v1', body: '{}', fetched_at: 'a' });
    upsert(db, 'calendars', 'year', { year: 2026, version: 'v2', body: '{"x":1}', fetched_at: 'b' });
    expect(db.prepare('SELECT * FROM calendars ORDER BY year').all()).toEqual([
      { year: 2026, version: 'v2', body: '{"x":1}', fetched_at: 'b' },
      { year: 2027, version: 'v1', body: '{}', fetched_at: 'a' },
    ]);
  });
});
