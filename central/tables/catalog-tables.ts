// Published catalog versions: the newest is what terminals fetch.
import crypto from 'node:crypto';
import { catalogSchema, type Catalog } from '../../common/catalog';
import type { Db } from './database';

export interface PublishedCatalog {
  version: string;
  etag: string;
  body: string;
  publishedAt: string;
}

export class CatalogTables {
  constructor(private readonly db: Db) {}

  /** Publishes a catalog version; publishing the same version again is a no-op. */
  publishCatalog(catalog: Catalog): PublishedCatalog {
    const valid = catalogSchema.parse(catalog);
    const body = JSON.stringify(valid);
    const etag = `"${valid.version}-${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    this.db.prepare('INSERT INTO catalog_versions (version, etag, body, published_at) VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING').run(valid.version, etag, body, new Date().toISOString());
    return this.latestCatalog()!;
  }

  latestCatalog(): PublishedCatalog | null {
    const row = this.db.prepare('SELECT version, etag, body, published_at FROM catalog_versions ORDER BY seq DESC LIMIT 1').get() as
      { version: string; etag: string; body: string; published_at: string } | undefined;
    return row ? { version: row.version, etag: row.etag, body: row.body, publishedAt: row.published_at } : null;
  }
}
