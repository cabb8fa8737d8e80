// The one citizen at the screen, as the backend knows them during an application: the identity
// read from the card (held here, never trusted from the renderer), and the receipts they got
// (so a rating is given once, for their own case). Wiped at finish or idle timeout together with
// the scanned pages waiting in the inbox.
import type { CardIdentity } from '../../../common/devices';
import type { BackendContext } from '../context';

/**
 * A card read is good for one application: long enough for a slow citizen (the idle timeout
 * ends a session far sooner), short enough that a card read with nobody applying does not stay.
 */
export const JOURNEY_CARD_TTL_MS = 30 * 60_000;

export class JourneySession {
  /** faceMatched: 人证核验 passed for this card (a new card read starts without it) */
  private identity: { card: CardIdentity; at: number; faceMatched: boolean } | null = null;
  private readonly receipts = new Map<string, { rated: boolean }>();

  constructor(
    bus: Pick<BackendContext['bus'], 'subscribe'>,
    private readonly now: () => number = Date.now,
  ) {
    bus.subscribe((e) => {
      if (e.type === 'idcard.read') this.identity = { card: e.identity, at: this.now(), faceMatched: false };
    });
  }

  card(): CardIdentity | null {
    if (this.identity && this.now() - this.identity.at > JOURNEY_CARD_TTL_MS) this.identity = null;
    return this.identity?.card ?? null;
  }

  /** 人证核验 matched the person at the screen with the photo of this card (the same card read). */
  faceMatched(card: CardIdentity): void {
    if (this.identity && JSON.stringify(this.identity.card) === JSON.stringify(card)) this.identity.faceMatched = true;
  }

  /** Whether the card now held was matched with the person at the screen. */
  isFaceMatched(): boolean {
    return this.card() !== null && this.identity!.faceMatched;
  }

  /** "Use another card": forget this one without ending the session. */
  forgetCard(): void {
    this.identity = null;
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
    this.identity = null;
    this.receipts.clear();
  }
}

const perContext = new WeakMap<BackendContext, JourneySession>();

/** One session per backend boot, created on first use (routes and session end share it). */
export function journeySessionFor(ctx: BackendContext): JourneySession {
  let s = perContext.get(ctx);
  if (!s) {
    s = new JourneySession(ctx.bus);
    perContext.set(ctx, s);
  }
  return s;
}

/** Everything of the citizen who just left: identity, receipts, scanned pages not submitted. */
export function wipeJourney(ctx: BackendContext): void {
  journeySessionFor(ctx).wipe();
  ctx.devices.pages.clear();
  ctx.logger.log('journey.wiped');
}
