// Helper sign-in waits for the helper's own ID card: neither a 社保卡 (unauthenticated public
// files) nor a 网证 (a citizen's held identity) may stand in for it (SECURITY.md).
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

  it('answers a card on the reader, not a 网证', async () => {
    const bus = new EventBus();
    const waiter = new CardWaiter(bus);
    const netid = waiter.next(200);
    bus.emit({
      type: 'idcard.read',
      source: 'netid',
      identity: { cardType: 'netid', name: '王小明', idNumber: '110101199003074578', gender: 'unknown', birthDate: null },
      photo: null,
      photoProblem: 'netid-has-no-photo',
    });
    expect(await netid).toBeNull();
    const card = waiter.next(1000);
    bus.emit(cardReadEvent('resident'));
    expect(await card).toMatch(/^\d{17}[\dX]$/);
    waiter.close();
  });
});
