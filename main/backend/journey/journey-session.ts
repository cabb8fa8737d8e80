// The one citizen at the screen, as the backend knows them during an application: the identity
// read from the card (citizen/held-card.ts, never trusted from the renderer), and the receipts they got
// (so a rating is given once, for their own case). Wiped at finish or idle timeout together with
// the scanned pages waiting in the inbox (citizen/citizen-session.ts ends it all at once).
import type { CardIdentity } from '../../../common/devices';
import type { HeldCards } from '../citizen/held-card';

/**
 * A card read is good for one application: long enough for a slow citizen (the idle timeout
 * ends a session far sooner), short enough that a card read with nobody applying does not stay.
 */
export const JOURNEY_CARD_TTL_MS = 30 * 60_000;

export class JourneySession {
  private readonly receipts = new Map<string, { rated: boolean }>();

  constructor(private readonly held: HeldCards) {}

  card(): CardIdentity | null {
    return this.held.current(JOURNEY_CARD_TTL_MS)?.identity ?? null;
  }

  /** Whether 人证核验 matched the holder of the card now held. */
  isFaceMatched(): boolean {
    return this.held.current(JOURNEY_CARD_TTL_MS)?.faceMatched ?? false;
  }

  submitted(receiptNo: string): void {
    this.receipts.set(receiptNo, { rated: false });
  }

  /** 一次一评: true the first time for a receipt of this session, false otherwise. */
  takeRating(receiptNo: string): 'ok' | 'not-this-session' | 'already-rated' {
    const r = this.receipts.get(receiptNo);
    if (!r) return 'not-this-session';
    if (r.rated) return 'already-rated';
    r.rated = true;
    return 'ok';
  }

  wipe(): void {
    this.held.forget();
    this.receipts.clear();
  }
}
