// The ID card the person at the screen placed on the reader, as the backend holds it: identity,
// photo (for 人证核验), when it was read and whether 人证核验 matched its holder. One holder per
// citizen session (citizen-session.ts), shared by the journey and the follow-up screens, so putting the card
// away or ending the session forgets it for both at once. Memory only; never sent to the renderer.
import type { CardIdentity } from '../../../common/devices';
import type { EventBus } from '../event-bus';

export interface HeldCard {
  identity: CardIdentity;
  photo: { mime: 'image/png' | 'image/jpeg'; bytes: Uint8Array } | null;
  at: number;
  /** 人证核验 matched the person at the screen with this card's photo */
  faceMatched: boolean;
}

function decodeDataUrl(u: string): HeldCard['photo'] {
  const m = /^data:(image\/(?:png|jpeg));base64,(.+)$/.exec(u);
  return m ? { mime: m[1] as 'image/png' | 'image/jpeg', bytes: new Uint8Array(Buffer.from(m[2]!, 'base64')) } : null;
}

export class HeldCards {
  private card: HeldCard | null = null;
  private readonly readers = new Set<(card: HeldCard) => void>();

  constructor(
    bus: Pick<EventBus, 'subscribe'>,
    private readonly now: () => number = Date.now,
  ) {
    bus.subscribe((e) => {
      if (e.type !== 'idcard.read') return;
      this.card = { identity: e.identity, photo: e.photo ? decodeDataUrl(e.photo.dataUrl) : null, at: this.now(), faceMatched: false };
      for (const r of this.readers) r(this.card);
    });
  }

  /** Called after each card read, once the card is held. */
  onRead(cb: (card: HeldCard) => void): () => void {
    this.readers.add(cb);
    return () => this.readers.delete(cb);
  }

  /** The card read within `ttlMs` (and not before `since`), else null. Each user keeps its own TTL. */
  current(ttlMs: number, since = 0): HeldCard | null {
    const c = this.card;
    return c && this.now() - c.at <= ttlMs && c.at >= since ? c : null;
  }

  /** 人证核验 matched this card's holder; ignored when another card was read since. */
  faceMatched(card: HeldCard): void {
    if (this.card === card) card.faceMatched = true;
  }

  forget(): void {
    this.card = null;
  }
}
