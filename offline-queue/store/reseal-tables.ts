// SQL of a crypto-suite switch (issue 16): every sealed column of the kiosk database, found by
// the suite its header bytes name, rewritten a few cells per transaction. A cell is either still
// the old suite's or already the new one's, never half of each, so a crash at any instant leaves
// a database the sealer (reading both suites while the switch lasts) opens whole.
import type { SuiteTag } from '../../common/crypto-suite/suite';
import type { Db } from './database';
import type { PagePlace } from './page-files';

/** A submission whose pages are in a page file of another suite: what re-sealing it needs. */
export interface PageFileToReseal {
  submissionId: number;
  idempotencyKey: string;
  suite: SuiteTag;
  pages: { seq: number; place: PagePlace }[];
}

/** One sealed cell: where it is, what it was sealed for (its additional data) and the bytes. */
export interface SealedCell {
  table: string;
  column: string;
  rowid: number;
  context: string;
  sealed: Buffer;
}

/** What replaces a cell; for a submission's document also the MACs recomputed in the new suite. */
export interface ResealedCell {
  sealed: Buffer;
  macs?: { applicantRef: string | null; contentMac: string };
}

/**
 * Every sealed column with the SQL for its additional data (as the code that sealed it wrote
 * it). A new sealed column must be added here, or a switch leaves it in the old suite (the
 * re-seal test lists the columns of the schema against this table).
 */
export const SEALED_COLUMNS: readonly { table: string; column: string; context: string; from: string }[] = [
  { table: 'submissions', column: 'document', context: "'submission:' || t.idempotency_key", from: 'submissions t' },
  { table: 'submissions', column: 'claim', context: "'claim:' || t.idempotency_key", from: 'submissions t' },
  { table: 'submission_pages', column: 'data', context: "'page:' || s.idempotency_key || ':' || t.seq", from: 'submission_pages t JOIN submissions s ON s.id = t.submission_id' },
  { table: 'case_events', column: 'notice', context: "'notice:' || t.seq", from: 'case_events t' },
  { table: 'result_documents', column: 'data', context: "'document:' || t.id", from: 'result_documents t' },
  { table: 'result_documents', column: 'print_proof', context: "'print-proof:' || t.id", from: 'result_documents t' },
  { table: 'evaluations', column: 'comment', context: "'evaluation:' || t.idempotency_key", from: 'evaluations t' },
];

/**
 * Sealed columns that are not re-sealed but dropped when the switch ends: an offline helper
 * ticket is found by a MAC of the helper's card number, which the kiosk does not keep, so it
 * cannot be moved to the new suite's MAC. Until the end it is still read; afterwards the helper
 * signs in online once and gets a new ticket.
 */
export const DROPPED_AT_SWITCH_END: readonly { table: string; column: string }[] = [{ table: 'helper_tickets', column: 'sealed' }];

/**
 * A cell not in `target`: sm items start 0x02 0x02; international ones are the original 0x01 ‖ IV
 * layout or the tagged envelope 0x02 0x01 (common/crypto-suite/sealed-envelope.ts).
 */
function notIn(target: SuiteTag, col: string): string {
  return target === 'sm' ? `substr(${col}, 1, 2) <> x'0202'` : `substr(${col}, 1, 1) <> x'01' AND substr(${col}, 1, 2) <> x'0201'`;
}

export class ResealTables {
  constructor(private readonly db: Db) {}

  /** Sealed cells not yet in `target`. */
  remaining(target: SuiteTag): number {
    let n = 0;
    for (const c of SEALED_COLUMNS) n += (this.db.prepare(`SELECT COUNT(*) AS n FROM ${c.table} t WHERE t.${c.column} IS NOT NULL AND ${notIn(target, `t.${c.column}`)}`).get() as { n: number }).n;
    return n + (this.db.prepare('SELECT COUNT(*) FROM submission_pages WHERE file_suite IS NOT NULL AND file_suite <> ?').pluck().get(target) as number);
  }

  /**
   * Up to `limit` submissions whose pages are in a page file sealed in another suite (issue 12's
   * page files: the cells of SEALED_COLUMNS do not cover them). The file's suite is recorded per
   * page row, so finding them reads no file.
   */
  pageFilesNotIn(target: SuiteTag, limit: number): PageFileToReseal[] {
    const rows = this.db
      .prepare(
        `SELECT p.submission_id AS id, s.idempotency_key AS k, p.file_suite AS suite, p.seq, p.file_offset AS offset, p.sealed_size AS size
         FROM submission_pages p JOIN submissions s ON s.id = p.submission_id
         WHERE p.submission_id IN (SELECT DISTINCT submission_id FROM submission_pages WHERE file_suite IS NOT NULL AND file_suite <> ? LIMIT ?)
           AND p.file_suite IS NOT NULL
         ORDER BY p.submission_id, p.seq`,
      )
      .all(target, limit) as { id: number; k: string; suite: SuiteTag; seq: number; offset: number; size: number }[];
    const out = new Map<number, PageFileToReseal>();
    for (const r of rows) {
      const item = out.get(r.id) ?? { submissionId: r.id, idempotencyKey: r.k, suite: r.suite, pages: [] };
      item.pages.push({ seq: r.seq, place: { offset: r.offset, size: r.size } });
      out.set(r.id, item);
    }
    return [...out.values()];
  }

  /** Points a submission's pages at their re-sealed file (written and fsync'd by the caller), in one transaction. */
  movePagesToFile(submissionId: number, suite: SuiteTag, pages: { seq: number; place: PagePlace }[]): void {
    const up = this.db.prepare('UPDATE submission_pages SET file_suite = ?, file_offset = ?, sealed_size = ? WHERE submission_id = ? AND seq = ? AND file_suite IS NOT NULL');
    this.db.transaction(() => {
      for (const p of pages) up.run(suite, p.place.offset, p.place.size, submissionId, p.seq);
    })();
  }

  /**
   * Rewrites up to `limit` cells not in `target` (fewer when `maxBytes` of sealed data is reached)
   * in one transaction; returns how many. `reseal` opens and seals one cell (synchronously: the
   * transaction cannot wait).
   */
  resealBatch(target: SuiteTag, limit: number, maxBytes: number, reseal: (cell: SealedCell) => ResealedCell): number {
    return this.db.transaction(() => {
      let done = 0;
      let bytes = 0;
      for (const c of SEALED_COLUMNS) {
        if (done >= limit || bytes >= maxBytes) break;
        const rows = this.db
          .prepare(`SELECT t.rowid AS rowid, ${c.context} AS context, t.${c.column} AS sealed FROM ${c.from} WHERE t.${c.column} IS NOT NULL AND ${notIn(target, `t.${c.column}`)} LIMIT ?`)
          .all(limit - done) as { rowid: number; context: string; sealed: Buffer }[];
        for (const r of rows) {
          if (bytes >= maxBytes) break;
          const out = reseal({ table: c.table, column: c.column, ...r });
          if (out.macs)
            this.db.prepare(`UPDATE ${c.table} SET ${c.column} = ?, applicant_ref = ?, content_mac = ? WHERE rowid = ?`).run(out.sealed, out.macs.applicantRef, out.macs.contentMac, r.rowid);
          else this.db.prepare(`UPDATE ${c.table} SET ${c.column} = ? WHERE rowid = ?`).run(out.sealed, r.rowid);
          bytes += r.sealed.byteLength;
          done++;
        }
      }
      return done;
    })();
  }

  /** Offline helper tickets found by the other suite's card MAC: unreachable once the switch ends. */
  dropTicketsNotIn(target: SuiteTag): number {
    return this.db.prepare(`DELETE FROM helper_tickets WHERE ${notIn(target, 'sealed')}`).run().changes;
  }
}
