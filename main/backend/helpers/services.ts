// 帮办代办 as one bundle on the backend context: the staff registry copy, helper sign-in and
// sessions, and the card reads meant for sign-in.
import type { Store } from '../../../offline-queue/store/store';
import type { CentralClient } from '../../../offline-queue/sync/central-client';
import type { KioskConfig } from '../config/schema';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log/logger';
import { CardWaiter } from './card-waiter';
import { HelperAuth } from './helper-auth';
import { StaffRegistrySync } from './registry-sync';

export class HelperServices {
  readonly registry: StaffRegistrySync;
  readonly auth: HelperAuth;
  readonly cards: CardWaiter;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly deps: { config: KioskConfig; store: Store; logger: Logger; bus: EventBus; client: CentralClient }) {
    const { config, store, logger, bus, client } = deps;
    this.registry = new StaffRegistrySync({ tables: store.helpers, client, logger });
    this.cards = new CardWaiter(bus);
    this.auth = new HelperAuth({
      staff: () => this.registry.current()?.registry.staff ?? null,
      maxFailures: config.helpers.maxFailures,
      lockoutSec: config.helpers.lockoutSec,
      idleSec: config.helpers.idleSignOutSec,
      loadLockout: (id) => store.helpers.lockout(id),
      saveLockout: (id, l) => store.helpers.setLockout(id, l),
      onEvent: (e) => {
        switch (e.kind) {
          case 'card-unknown':
            return logger.log('helper.card-unknown', {});
          case 'signed-in':
            return logger.log('helper.signed-in', { staffId: e.staffId });
          case 'pin-rejected':
            return logger.log('helper.pin-rejected', { staffId: e.staffId, failures: e.failures });
          case 'locked-out':
            return logger.log('helper.locked-out', { staffId: e.staffId, until: e.until });
          case 'signed-out':
            bus.emit({ type: 'helper.signed-out', reason: e.reason });
            return logger.log('helper.signed-out', { staffId: e.staffId, reason: e.reason });
        }
      },
    });
  }

  start(): void {
    this.registry.start(this.deps.config.helpers.registryRefreshSec);
    // Idle sessions end on time even when nobody calls the API (the renderer hears it over SSE).
    this.sweeper = setInterval(() => this.auth.expireIdle(), 5_000);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.cards.close();
    await this.registry.stop();
  }
}
