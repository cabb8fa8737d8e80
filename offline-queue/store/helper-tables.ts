// SQL of 帮办代办 (migrations 7, 8): the sign-in screen's own wrong-PIN count (surviving a
// restart), the sealed offline tickets central issued to helpers who signed in here, and the
// receipt numbers a helper submitted here. Nothing here can verify a PIN.
import type { LockoutState } from '../../common/lockout';
import { lockoutRows } from '../../common/lockout-rows';
import type { Db } from './database';
import { upsert } from './upsert';

export type HelperLockout = LockoutState;

export interface TicketRow {
  staffId: string;
  expiresAt: number;
  sealed: Buffer;
}

export class HelperTables {
  constructor(private readonly db: Db) {}

  lockout(key: string): HelperLockout | null {
    return lockoutRows(this.db, 'helper_lockouts').read(key);
  }

  setLockout(key: string, l: HelperLockout): void {
    lockoutRows(this.db, 'helper_lockouts').write(key, l);
  }

  /** One ticket per helper on this terminal: a later sign-in replaces the earlier ticket. */
  putTicket(staffId: string, cardRef: string, expiresAt: number, sealed: Buffer): void {
    upsert(this.db, 'helper_tickets', 'staff_id', { staff_id: staffId, card_ref: cardRef, expires_at: expiresAt, sealed });
  }

  ticketsForCard(cardRef: string, now: number): TicketRow[] {
    return (
      this.db.prepare('SELECT staff_id, expires_at, sealed FROM helper_tickets WHERE card_ref = ? AND expires_at > ?').all(cardRef, now) as { staff_id: string; expires_at: number; sealed: Buffer }[]
    ).map((r) => ({
      staffId: r.staff_id,
      expiresAt: r.expires_at,
      sealed: r.sealed,
    }));
  }

  ticketsHeld(now: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM helper_tickets WHERE expires_at > ?').get(now) as { n: number }).n;
  }

  dropExpiredTickets(now: number): number {
    return this.db.prepare('DELETE FROM helper_tickets WHERE expires_at <= ?').run(now).changes;
  }

  /** Receipt numbers this helper submitted on this terminal, newest first. */
  receiptsOfHelper(staffId: string, limit = 200): string[] {
    return (this.db.prepare('SELECT receipt_no FROM submissions WHERE helper_id = ? ORDER BY id DESC LIMIT ?').all(staffId, limit) as { receipt_no: string }[]).map((r) => r.receipt_no);
  }
}
