// Writing a row that takes the place of the one under the same key (a helper's offline ticket, a
// year's calendar, the cached catalog): one statement, every other column from the new row.
import type { Db } from './database';

type SqlValue = string | number | bigint | Buffer | null;

/** Inserts `row` into `table`, or overwrites every column but `key` of the row already under that key. */
export function upsert(db: Db, table: string, key: string, row: Record<string, SqlValue>): void {
  const columns = Object.keys(row);
  const overwrite = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${overwrite.join(', ')}`).run(row);
}
