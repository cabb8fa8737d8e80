// The helper sign-in screen waits for a card on the reader: a 网证 held identity is a citizen's,
// never a helper's card (SECURITY.md, 网证), so it does not answer that wait.
import { describe, expect, it } from 'vitest';
import { cardReadEvent } from '../../../devices/fakes/fake-events';
import { EventBus } from '../event-bus';
import { CardWaiter } from './card-waiter';

describe('CardWaiter', () => {
  it('answers a card on the reader, not a 网证', async () => {
    const bus = new EventBus();
    const waiter = new CardWaiter(bus);
    const netid = waiter.next(200);
    bus.emit({ type: 'idcard.read', identity: { cardType: 'netid', name: '王小明', idNumber: '110101199003074578', gender: 'unknown', birthDate: null }, photo: null, photoProblem: 'netid-no-photo' });
    expect(await netid).toBeNull();
    const card = waiter.next(1000);
    bus.emit(cardReadEvent('resident'));
    expect(await card).toMatch(/^\d{17}[\dX]$/);
  });
});
