// 帮办代办 offline tickets on this terminal: what central issued at a helper's last online
// sign-in here, kept sealed like other personal data (name, the ticket itself) and dropped once
// expired. A ticket is found by a keyed MAC of the card number — the number itself is not stored
// and the MAC is useless without the sealing key. Nothing here can check a PIN: offline, the card
// plus an unexpired ticket is the whole sign-in, and central re-checks the ticket at intake.
import { z } from 'zod';
import { helperPublicSchema, helperTokenSchema } from '../common/staff-registry';
import type { Sealer } from './crypto/sealer';
import type { Store } from './store/store';
import { lazySchema } from '../common/lazy-schema';

export const heldTicketSchema = lazySchema(() =>
  z.object({
    helper: helperPublicSchema,
    token: helperTokenSchema,
    expiresAt: z.iso.datetime({ offset: true }),
  }),
);
export type HeldTicket = z.infer<typeof heldTicketSchema>;

export class HelperTicketVault {
  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
    private readonly now: () => number = Date.now,
  ) {}

  private cardRef(idNumber: string): string {
    return this.sealer.mac(`helper-card:${idNumber.trim().toUpperCase()}`);
  }

  /** Both suites' refs while the terminal switches: a ticket held from before still signs its helper in. */
  private cardRefs(idNumber: string): string[] {
    return this.sealer.macs(`helper-card:${idNumber.trim().toUpperCase()}`);
  }

  put(idNumber: string, t: HeldTicket): void {
    const ticket = heldTicketSchema.parse(t);
    this.store.helpers.putTicket(ticket.helper.staffId, this.cardRef(idNumber), Date.parse(ticket.expiresAt), this.sealer.sealJson(ticket, `helper-ticket:${ticket.helper.staffId}`));
  }

  /** The unexpired ticket of the helper whose card this is, or null. */
  forCard(idNumber: string): HeldTicket | null {
    this.dropExpired();
    for (const row of this.cardRefs(idNumber).flatMap((ref) => this.store.helpers.ticketsForCard(ref, this.now()))) {
      try {
        const t = heldTicketSchema.parse(this.sealer.openJson(row.sealed, `helper-ticket:${row.staffId}`));
        if (t.helper.staffId === row.staffId && Date.parse(t.expiresAt) > this.now()) return t;
      } catch {
        // unreadable (another key) or malformed: as good as no ticket
      }
    }
    return null;
  }

  held(): number {
    return this.store.helpers.ticketsHeld(this.now());
  }

  dropExpired(): number {
    return this.store.helpers.dropExpiredTickets(this.now());
  }
}
