// Central's own SQLite store: the only module of central/ that speaks SQL.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { catalogSchema, type Catalog } from '../common/catalog';

export interface PublishedCatalog {
  version: string;
  etag: string;
  body: string;
  publishedAt: string;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE catalog_versions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     version TEXT NOT NULL UNIQUE,
     etag TEXT NOT NULL,
     body TEXT NOT NULL,
     published_at TEXT NOT NULL
   ) STRICT;`,
];

export class CentralStore {
  readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY) STRICT');
    const current = (this.db.prepare('SELECT COALESCE(MAX(version),0) v FROM schema_migrations').get() as { v: number }).v;
    MIGRATIONS.slice(current).forEach((sql, i) =>
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(current + i + 1);
      })(),
    );
  }

  close(): void {
    this.db.close();
  }

  /** Publishes a catalog version; publishing the same version again is a no-op. */
  publishCatalog(catalog: Catalog): PublishedCatalog {
    const valid = catalogSchema.parse(catalog);
    const body = JSON.stringify(valid);
    const etag = `"${valid.version}-${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    this.db
      .prepare('INSERT INTO catalog_versions (version, etag, body, published_at) VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING')
      .run(valid.version, etag, body, new Date().toISOString());
    return this.latestCatalog()!;
  }

  latestCatalog(): PublishedCatalog | null {
    const row = this.db.prepare('SELECT version, etag, body, published_at FROM catalog_versions ORDER BY seq DESC LIMIT 1').get() as
      | { version: string; etag: string; body: string; published_at: string }
      | undefined;
    return row ? { version: row.version, etag: row.etag, body: row.body, publishedAt: row.published_at } : null;
  }
}
