// A case's documents (notices and results, their self-print record) and postal delivery requests.
import type { ResultDocument } from '../../common/central-api';
import type { Db } from './database';

export class DocumentTables {
  constructor(private readonly db: Db) {}

  /** A case's documents without their bytes, notices and results alike. */
  documentsOf(caseNo: string): (ResultDocument & { kind: 'notice' | 'result'; printedAt: string | null })[] {
    const rows = this.db.prepare('SELECT id, name, size, sha256, self_print, kind, printed_at FROM documents WHERE case_no = ? ORDER BY created_at, rowid').all(caseNo) as {
      id: string;
      name: string;
      size: number;
      sha256: string;
      self_print: number;
      kind: 'notice' | 'result';
      printed_at: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, name: r.name, mime: 'application/pdf' as const, size: r.size, sha256: r.sha256, selfPrint: r.self_print === 1, kind: r.kind, printedAt: r.printed_at }));
  }

  /** Records a self-service print; the first report wins and later ones are told so. */
  documentPrinted(id: string, terminalId: string, at: string): { printedAt: string; first: boolean } {
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT printed_at FROM documents WHERE id = ?').get(id) as { printed_at: string | null } | undefined;
      if (r?.printed_at) return { printedAt: r.printed_at, first: false };
      this.db.prepare('UPDATE documents SET printed_at = ?, printed_by = ? WHERE id = ?').run(at, terminalId, id);
      return { printedAt: at, first: true };
    })();
  }

  /** When central stored a document (a print of it cannot be older). */
  documentCreatedAt(id: string): string | null {
    return (this.db.prepare('SELECT created_at FROM documents WHERE id = ?').get(id) as { created_at: string } | undefined)?.created_at ?? null;
  }

  delivery(caseNo: string): { idempotencyKey: string; terminalId: string; address: string; requestedAt: string; carrier: string | null; trackingNo: string | null } | null {
    const r = this.db.prepare('SELECT * FROM deliveries WHERE case_no = ?').get(caseNo) as
      { idempotency_key: string; terminal_id: string; address: string; requested_at: string; carrier: string | null; tracking_no: string | null } | undefined;
    return r ? { idempotencyKey: r.idempotency_key, terminalId: r.terminal_id, address: r.address, requestedAt: r.requested_at, carrier: r.carrier, trackingNo: r.tracking_no } : null;
  }

  /** A postal delivery request; one per case (the same key again is the same request). */
  requestDelivery(caseNo: string, terminalId: string, idempotencyKey: string, addressJson: string, now = new Date()): { kind: 'created' | 'duplicate' | 'conflict'; requestedAt: string } {
    return this.db.transaction(() => {
      const existing = this.delivery(caseNo);
      if (existing) return { kind: existing.idempotencyKey === idempotencyKey ? ('duplicate' as const) : ('conflict' as const), requestedAt: existing.requestedAt };
      const at = now.toISOString();
      this.db.prepare('INSERT INTO deliveries (case_no, idempotency_key, terminal_id, address, requested_at) VALUES (?, ?, ?, ?, ?)').run(caseNo, idempotencyKey, terminalId, addressJson, at);
      return { kind: 'created' as const, requestedAt: at };
    })();
  }

  setTracking(caseNo: string, carrier: string, trackingNo: string): boolean {
    return this.db.prepare('UPDATE deliveries SET carrier = ?, tracking_no = ? WHERE case_no = ?').run(carrier, trackingNo, caseNo).changes === 1;
  }

  document(id: string): { caseNo: string; terminalId: string; name: string; data: Buffer; sha256: string } | null {
    const r = this.db.prepare('SELECT d.case_no, c.terminal_id, d.name, d.data, d.sha256 FROM documents d JOIN cases c ON c.case_no = d.case_no WHERE d.id = ?').get(id) as
      { case_no: string; terminal_id: string; name: string; data: Buffer; sha256: string } | undefined;
    return r ? { caseNo: r.case_no, terminalId: r.terminal_id, name: r.name, data: r.data, sha256: r.sha256 } : null;
  }
}
