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
 * When nothing could be salvaged, today's counter jumps well past anything a day plausibly
 * issued, so numbers stay unique (a gap in the sequence is harmless; a repeat is not).
 */
export function jumpReceiptSequence(db: Db, terminalId: string, day: string, floor: number): void {
  db.prepare(
    `INSERT INTO receipt_sequences (terminal_id, day, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (terminal_id, day) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`,
  ).run(terminalId, day, floor);
}
