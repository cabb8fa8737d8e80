// Forward-only schema migrations. Append new entries; never edit or remove an applied one,
// and never drop a table that holds citizen submissions (data is migrated, not discarded).
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'catalog cache',
    sql: `
      CREATE TABLE catalog_cache (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        etag TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
    `,
  },
];
