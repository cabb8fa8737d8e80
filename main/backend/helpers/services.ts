// 帮办代办 as one bundle on the backend context: helper sign-in verified by central (with this
// terminal's sealed offline tickets for when central is unreachable), sessions, and the card
// reads meant for sign-in.
import type { HelperTicketVault } from '../../../offline-queue/helper-tickets';
import type { Store } from '../../../offline-queue/store/store';
import type { CentralClient } from '../../../offline-queue/sync/central-client';
import type { KioskConfig } from '../config/schema';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log/logger';
import { CardWaiter } from './card-waiter';
import { centralHelperSignIn } from './central-sign-in';
import { HelperAuth } from './helper-auth';

export class HelperServices {
  readonly auth: HelperAuth;
  readonly cards: CardWaiter;
  readonly tickets: HelperTicketVault;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(deps: { config: KioskConfig; store: Store; logger: Logger; bus: EventBus; client: CentralClient; tickets: HelperTicketVault }) {
    const { config, store, logger, bus, client, tickets } = deps;
    this.cards = new CardWaiter(bus);
    this.tickets = tickets;
    this.auth = new HelperAuth({
      central: centralHelperSignIn(client),
      tickets,
      maxFailures: config.helpers.maxFailures,
      lockoutSec: config.helpers.lockoutSec,
      idleSec: config.helpers.idleSignOutSec,
      load: () => store.helpers.lockout('screen'),
      save: (l) => store.helpers.setLockout('screen', l),
      onEvent: (e) => {
        switch (e.kind) {
          case 'card-unknown':
            return logger.log('helper.card-unknown', {});
          case 'central-unreachable':
            return logger.log('helper.central-unreachable', { reason: e.reason });
          case 'ticket-missing':
            return logger.log('helper.ticket-missing', {});
          case 'signed-in':
            return logger.log('helper.signed-in', { staffId: e.staffId, mode: e.mode });
          case 'pin-rejected':
            return logger.log('helper.pin-rejected', { staffId: e.staffId, attemptsLeft: e.attemptsLeft, screenFailures: e.screenFailures });
          case 'locked-out':
            return logger.log('helper.locked-out', { staffId: e.staffId, until: e.until, scope: e.scope });
          case 'signed-out':
            bus.emit({ type: 'helper.signed-out', reason: e.reason });
            return logger.log('helper.signed-out', { staffId: e.staffId, reason: e.reason });
        }
      },
    });
  }

  start(): void {
    // Idle and expired sessions end on time even when nobody calls the API (the renderer hears
    // it over SSE); expired offline tickets are dropped from the disk.
    this.sweeper = setInterval(() => {
      this.auth.expireIdle();
      this.tickets.dropExpired();
    }, 5_000);
    this.sweeper.unref();
    this.tickets.dropExpired();
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.cards.close();
  }
}
