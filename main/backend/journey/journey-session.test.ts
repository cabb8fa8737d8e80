import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../common/events';
import { cardReadEvent } from '../../../devices/fakes/fake-events';
import { HeldCards } from '../citizen/held-card';
import { JOURNEY_CARD_TTL_MS, JourneySession } from './journey-session';

function fakeBus() {
  const ls: ((e: KioskEvent) => void)[] = [];
  return { subscribe: (l: (e: KioskEvent) => void) => (ls.push(l), () => undefined), emit: (e: KioskEvent) => ls.forEach((l) => l(e)) };
}

describe('journey session', () => {
  it('holds the latest card, forgets it after the TTL, on request and at wipe', () => {
    let now = 1_000_000;
    const bus = fakeBus();
    const held = new HeldCards(bus, () => now);
    const s = new JourneySession(held);
    expect(s.card()).toBeNull();
    bus.emit(cardReadEvent('resident'));
    bus.emit(cardReadEvent('hmt-residence-permit'));
    expect(s.card()?.cardType).toBe('hmt-residence-permit');
    now += JOURNEY_CARD_TTL_MS + 1;
    expect(s.card()).toBeNull();
    bus.emit(cardReadEvent('resident'));
    held.forget();
    expect(s.card()).toBeNull();
    bus.emit(cardReadEvent('resident'));
    s.wipe();
    expect(s.card()).toBeNull();
  });

  it('人证核验 counts for the card it matched only: a card read after it starts unmatched, and the follow-up sees the same card', () => {
    const bus = fakeBus();
    const held = new HeldCards(bus);
    const s = new JourneySession(held);
    bus.emit(cardReadEvent('resident'));
    const card = held.current(JOURNEY_CARD_TTL_MS)!;
    expect(s.isFaceMatched()).toBe(false);
    held.faceMatched(card);
    expect(s.isFaceMatched()).toBe(true);
    bus.emit(cardReadEvent('hmt-residence-permit'));
    expect(s.isFaceMatched()).toBe(false);
    held.faceMatched(card); // a verdict on the card put away changes nothing
    expect(s.isFaceMatched()).toBe(false);
    s.wipe();
    expect(held.current(JOURNEY_CARD_TTL_MS)).toBeNull();
  });

  it('一次一评: one rating per receipt of this session', () => {
    const s = new JourneySession(new HeldCards(fakeBus()));
    expect(s.takeRating('A')).toBe('not-this-session');
    s.submitted('A');
    expect(s.takeRating('A')).toBe('ok');
    expect(s.takeRating('A')).toBe('already-rated');
    s.wipe();
    expect(s.takeRating('A')).toBe('not-this-session');
  });
});
