// Helper sign-in waits for the helper's own ID card: a 社保卡 (unauthenticated public files,
// SECURITY.md) must not stand in for it.
import { describe, expect, it } from 'vitest';
import { cardReadEvent } from '../../../devices/fakes/fake-events';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';
import { SAMPLE_SOCIAL_CARDS } from '../../../devices/social-card/sample-social-cards';
import { EventBus } from '../event-bus';
import { CardWaiter } from './card-waiter';

describe('helper card waiter', () => {
  it('takes the ID card and ignores a 社保卡 carrying the same number', async () => {
    const bus = new EventBus();
    const w = new CardWaiter(bus);
    const next = w.next(300);
    bus.emit(cardReadEvent(SAMPLE_SOCIAL_CARDS['resident-long-term']));
    expect(await next).toBeNull();
    const second = w.next(1000);
    bus.emit(cardReadEvent('resident-long-term'));
    expect(await second).toBe(SAMPLE_CARDS['resident-long-term'].idNumber);
    w.close();
  });
});
