// After a corrupt database was quarantined, the receipt counters are the one thing that must
// carry over: a receipt number a citizen already holds must never be issued again.
import Database from 'better-sqlite3';
import type { Db } from './database';

/** Copies the receipt counters out of the quarantined file; false when they cannot be read. */
export function salvageReceiptSequences(db: Db, quarantinedFile: string): boolean {
  let old: Database.Database | null = null;
  try {
    old = new Database(quarantinedFile, { readonly: true, fileMustExist: true });
    const rows = old.prepare('SELECT terminal_id, day, last_seq FROM receipt_sequences').all() as { terminal_id: string; day: string; last_seq: number }[];
    const up = db.prepare(
      `INSERT INTO receipt_sequences (terminal_id, day, last_seq) VALUES (?, ?, ?)
       ON CONFLICT (terminal_id, day) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`,
    );
    db.transaction(() => rows.forEach((r) => up.run(r.terminal_id, r.day, r.last_seq)))();
    return true;
  } catch {
    return false;
  } finally {
    old?.close();
  }
}

/**
 * Copies every submission that can still be read out of the quarantined file, with its pages,
 * so what citizens were given receipts for still reaches central. Rows are copied as they are
 * (sealed): anything the corruption touched fails its GCM check later and becomes a dead letter
 * with the reason, instead of being sent damaged. Returns how many were recovered and how many
 * could not be read (those stay in the quarantined file for a technician).
 */
export function salvageSubmissions(db: Db, quarantinedFile: string): { recovered: number; unreadable: number } {
  let old: Database.Database | null = null;
  let recovered = 0;
  let unreadable = 0;
  try {
    old = new Database(quarantinedFile, { readonly: true, fileMustExist: true });
    const ids = old.prepare('SELECT id FROM submissions ORDER BY id').all() as { id: number }[];
    const getRow = old.prepare('SELECT * FROM submissions WHERE id = ?');
    const getPages = old.prepare('SELECT * FROM submission_pages WHERE submission_id = ? ORDER BY seq');
    for (const { id } of ids) {
      try {
        const row = getRow.get(id) as Record<string, unknown>;
        const pages = getPages.all(id) as Record<string, unknown>[];
        if (pages.length !== row.page_count && row.purged_at === null) throw new Error('pages missing');
        db.transaction(() => {
          const cols = Object.keys(row).filter((c) => c !== 'id');
          const { lastInsertRowid, changes } = db
            .prepare(`INSERT INTO submissions (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`)
            .run(...cols.map((c) => row[c]));
          if (!changes) return;
          const ins = db.prepare(
            'INSERT INTO submission_pages (submission_id, seq, material_id, mime, size, sha256, data, uploaded_at, file_suite, file_offset, sealed_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          );
          // A page in a page file stays there (the file is next to the database, not inside it);
          // a quarantined file from before page files has no such columns.
          for (const p of pages)
            ins.run(Number(lastInsertRowid), p.seq, p.material_id, p.mime, p.size, p.sha256, p.data, p.uploaded_at, p.file_suite ?? null, p.file_offset ?? null, p.sealed_size ?? null);
          recovered++;
        })();
      } catch {
        unreadable++;
      }
    }
  } catch {
    // the file cannot even list its submissions: everything stays with the technician
    unreadable = -1;
  } finally {
    old?.close();
  }
  return { recovered, unreadable };
}

/**
 * When nothing could be salvaged, today's counter jumps well past anything a day plausibly
 * issued, so numbers stay unique (a gap in the sequence is harmless; a repeat is not).
 */
export function jumpReceiptSequence(db: Db, terminalId: string, day: string, floor: number): void {
  db.prepare(
    `INSERT INTO receipt_sequences (terminal_id, day, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (terminal_id, day) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`,
  ).run(terminalId, day, floor);
}
