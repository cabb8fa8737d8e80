// The kiosk store: the only module that speaks SQL to the kiosk database.
import type { Catalog } from '../../common/catalog';
import { catalogSchema } from '../../common/catalog';
import { openDatabase, type Db, type OpenResult } from './database';
import { MaintenanceTables } from './maintenance-tables';
import { FollowupTables } from './followup-tables';
import fs from 'node:fs';
import path from 'node:path';
import { HelperTables } from './helper-tables';
import { OutboxTables } from './outbox-tables';
import { PageFiles } from './page-files';
import { ResealTables } from './reseal-tables';
import { upsert } from './upsert';

export interface CachedCatalog {
  catalog: Catalog;
  etag: string;
  fetchedAt: string;
}

export class Store {
  /** The submission outbox and its downstream tables. */
  readonly outbox: OutboxTables;
  /** Follow-up at the kiosk: lookup by applicant, self-print claims and reports. */
  readonly followup: FollowupTables;
  /** Maintenance audit, hygiene log and usage statistics (migration 6). */
  readonly maintenance: MaintenanceTables;
  /** 帮办代办: the sign-in screen's lockout, sealed offline tickets, a helper's submissions (migrations 7, 8). */
  readonly helpers: HelperTables;
  /** Re-sealing every sealed column in another crypto suite (issue 16). */
  readonly reseal: ResealTables;
  /** Sealed pages of large submissions, as files next to the database (issue 12). */
  readonly pageFiles: PageFiles;

  private constructor(
    readonly db: Db,
    readonly opened: Omit<OpenResult, 'db'>,
    private readonly file: string,
  ) {
    this.outbox = new OutboxTables(db);
    this.followup = new FollowupTables(db);
    this.maintenance = new MaintenanceTables(db);
    this.helpers = new HelperTables(db);
    this.reseal = new ResealTables(db);
    this.pageFiles = new PageFiles(PageFiles.dirOf(file));
  }

  static open(file: string): Store {
    const { db, ...rest } = openDatabase(file);
    return new Store(db, rest, file);
  }

  /**
   * Removes page files no row refers to (a crash between writing a file and committing its row,
   * or between a purge and its unlink). Not while a quarantined copy of the database lies next to
   * it: rows a technician may still recover from that copy refer to files here.
   */
  sweepPageFiles(): { removed: number; skipped: boolean } {
    const base = path.basename(this.file);
    const quarantined = fs.readdirSync(path.dirname(this.file)).some((f) => f.startsWith(`${base}.corrupt-`));
    if (quarantined) return { removed: 0, skipped: true };
    return { removed: this.pageFiles.sweep(this.outbox.pageFileNames()), skipped: false };
  }

  close(): void {
    this.db.close();
  }

  getCatalog(): CachedCatalog | null {
    const row = this.db.prepare('SELECT etag, fetched_at, body FROM catalog_cache WHERE id = 1').get() as { etag: string; fetched_at: string; body: string } | undefined;
    if (!row) return null;
    // Re-validated on read: a cache written by an older build must still match today's schema.
    const parsed = catalogSchema.safeParse(JSON.parse(row.body));
    if (!parsed.success) return null;
    return { catalog: parsed.data, etag: row.etag, fetchedAt: row.fetched_at };
  }

  putCatalog(catalog: Catalog, etag: string, fetchedAt = new Date().toISOString()): void {
    upsert(this.db, 'catalog_cache', 'id', { id: 1, version: catalog.version, etag, fetched_at: fetchedAt, body: JSON.stringify(catalog) });
  }

  touchCatalog(fetchedAt = new Date().toISOString()): void {
    this.db.prepare('UPDATE catalog_cache SET fetched_at = ? WHERE id = 1').run(fetchedAt);
  }
}
