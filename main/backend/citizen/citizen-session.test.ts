// The person at the screen has one owner: ending the session forgets all of them at once, and
// "use another card" forgets only the card.
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../common/events';
import { cardReadEvent, codeScannedEvent } from '../../../devices/fakes/fake-events';
import { newReceiptClaim, receiptQrPayload } from '../../../common/receipt-claim';
import { createLogger } from '../log/logger';
import { CitizenSession } from './citizen-session';
import { JOURNEY_CARD_TTL_MS } from '../journey/journey-session';

function fakeBus() {
  const ls: ((e: KioskEvent) => void)[] = [];
  return { subscribe: (l: (e: KioskEvent) => void) => (ls.push(l), () => undefined), emit: (e: KioskEvent) => ls.forEach((l) => l(e)) };
}

function session() {
  const bus = fakeBus();
  const pages = {
    cleared: 0,
    clear() {
      this.cleared++;
    },
  };
  const lines: string[] = [];
  const s = new CitizenSession({ bus, pages, logger: createLogger({ sink: (l) => lines.push(l), minLevel: 'debug' }) });
  return { bus, pages, lines, s };
}

const RECEIPT_NO = 'K0001-20260101-0001';
const RECEIPT_QR = receiptQrPayload(RECEIPT_NO, newReceiptClaim());

describe('citizen session', () => {
  it('end() forgets the card, its face verdict, the receipts to rate, the scanned pages and what a scanned QR proved', () => {
    const { bus, pages, lines, s } = session();
    bus.emit(cardReadEvent('resident'));
    const card = s.card.current(JOURNEY_CARD_TTL_MS);
    expect(card).not.toBeNull();
    s.card.faceMatched(card!);
    expect(s.journey.isFaceMatched()).toBe(true);
    s.journey.submitted('K0001-20260101-0001');
    bus.emit(codeScannedEvent(RECEIPT_QR));
    expect(s.inputs.proofFor(RECEIPT_NO)?.by).toBe('claim');

    s.end('idle');

    expect(s.journey.card()).toBeNull();
    expect(s.journey.isFaceMatched()).toBe(false);
    expect(s.inputs.currentCard()).toBeNull();
    expect(s.journey.takeRating('K0001-20260101-0001')).toBe('not-this-session');
    expect(pages.cleared).toBe(1);
    expect(s.inputs.claimOf('K0001-20260101-0001')).toBeNull();
    expect(s.inputs.proofFor(RECEIPT_NO)).toBeNull();
    expect(lines.some((l) => JSON.parse(l).event === 'journey.wiped' && JSON.parse(l).reason === 'idle')).toBe(true);
  });

  it('"use another card" forgets the card only: the same person keeps their receipts and pages', () => {
    const { bus, pages, s } = session();
    bus.emit(cardReadEvent('resident'));
    s.journey.submitted('K0001-20260101-0002');
    s.forgetCard();
    expect(s.journey.card()).toBeNull();
    expect(pages.cleared).toBe(0);
    expect(s.journey.takeRating('K0001-20260101-0002')).toBe('ok');
  });

  it('leaving an application unsubmitted drops its card and its pages together; receipts to rate stay', () => {
    const { bus, pages, s } = session();
    bus.emit(cardReadEvent('resident'));
    s.journey.submitted('K0001-20260101-0003');
    s.leaveApplication();
    expect(s.journey.card()).toBeNull();
    expect(pages.cleared).toBe(1);
    expect(s.journey.takeRating('K0001-20260101-0003')).toBe('ok');
  });

  it('a card read after the end is a new person’s, with no face verdict carried over', () => {
    const { bus, s } = session();
    bus.emit(cardReadEvent('resident'));
    s.card.faceMatched(s.card.current(JOURNEY_CARD_TTL_MS)!);
    s.end('finish');
    bus.emit(cardReadEvent('resident'));
    expect(s.journey.card()).not.toBeNull();
    expect(s.journey.isFaceMatched()).toBe(false);
  });
});
