// SQL of the follow-up at the kiosk: finding a citizen's submissions by the keyed MAC of their
// identity number, claiming a result's one self-service print, and the prints not yet reported
// to central.
import type { Db } from './database';

export class FollowupTables {
  constructor(private readonly db: Db) {}

  /** Receipts under any of these refs (one per suite while a terminal switches suites). */
  receiptsByApplicantRef(refs: string[], limit = 50): string[] {
    const marks = refs.map(() => '?').join(', ');
    return (this.db.prepare(`SELECT receipt_no FROM submissions WHERE applicant_ref IN (${marks}) ORDER BY id DESC LIMIT ?`).all(...refs, limit) as { receipt_no: string }[]).map((r) => r.receipt_no);
  }

  /** Takes the one print of a result: true for exactly one caller, however many tap at once. */
  claimPrint(documentId: string, at: string): boolean {
    return this.db.prepare('UPDATE result_documents SET printed_at = ? WHERE id = ? AND printed_at IS NULL').run(at, documentId).changes === 1;
  }

  /** Gives the print back when the printer failed before anything came out. */
  releasePrint(documentId: string, at: string): void {
    this.db.prepare('UPDATE result_documents SET printed_at = NULL WHERE id = ? AND printed_at = ? AND print_reported_at IS NULL').run(documentId, at);
  }

  printedAt(documentId: string): string | null {
    return (this.db.prepare('SELECT printed_at FROM result_documents WHERE id = ?').get(documentId) as { printed_at: string | null } | undefined)?.printed_at ?? null;
  }

  unreportedPrints(limit = 20): { id: string; printedAt: string; proof: Buffer | null }[] {
    return (
      this.db.prepare('SELECT id, printed_at, print_proof FROM result_documents WHERE printed_at IS NOT NULL AND print_reported_at IS NULL ORDER BY printed_at LIMIT ?').all(limit) as {
        id: string;
        printed_at: string;
        print_proof: Buffer | null;
      }[]
    ).map((r) => ({ id: r.id, printedAt: r.printed_at, proof: r.print_proof }));
  }

  /** The (sealed) proof the print report will carry to central, kept until it is reported. */
  setPrintProof(documentId: string, sealed: Buffer): void {
    this.db.prepare('UPDATE result_documents SET print_proof = ? WHERE id = ?').run(sealed, documentId);
  }

  markPrintReported(documentId: string, at: string): void {
    this.db.prepare('UPDATE result_documents SET print_reported_at = ?, print_proof = NULL WHERE id = ?').run(at, documentId);
  }
}
