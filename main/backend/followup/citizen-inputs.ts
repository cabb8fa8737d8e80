// What the citizen in front of the kiosk presents for a follow-up: an ID card placed on the
// reader or a receipt QR held to the code scanner. Kept in backend memory only, for the one
// citizen at the screen: the identity (with its photo, for 人证核验) never goes back to the
// renderer through this module and is dropped when the session ends or after a few minutes.
import { receiptNoSchema } from '../../../common/submission';
import { heldCardsFor, type HeldCard, type HeldCards } from '../citizen/held-card';
import type { BackendContext } from '../context';

export type CitizenInput = { kind: 'card'; at: number } | { kind: 'receipt'; receiptNo: string } | { kind: 'unknown-code' } | { kind: 'timeout' };
/** An input with its place in the sequence: the screen asks for what came after the last it saw. */
export type SequencedInput = CitizenInput & { seq: number };

/** Inputs kept for a screen that is between two long polls (not longer: the next citizen's screen must not see them). */
const KEEP_MS = 5000;

/** A card read is good for this long: enough for one citizen's follow-up, not for the next. */
export const CARD_TTL_MS = 10 * 60_000;

/** The receipt number in a scanned code: the whole payload, or inside a URL / longer text. */
export function receiptNoFromCode(text: string): string | null {
  const t = text.trim();
  if (receiptNoSchema.safeParse(t).success) return t;
  const m = /[A-Z0-9]{4,16}-\d{8}-\d{4,6}/.exec(t.toUpperCase());
  return m && receiptNoSchema.safeParse(m[0]).success ? m[0] : null;
}

export class CitizenInputs {
  private readonly waiters = new Set<(i: SequencedInput) => void>();
  private seq = 0;
  private recent: { input: SequencedInput; at: number }[] = [];
  /** long polls ever started (tests wait for a new screen's poll) */
  polls = 0;
  /** receipts whose paper (QR) was shown at the scanner, this session */
  private readonly scanned = new Set<string>();
  /** receipts of the card holder now at the reader, as found by a lookup with that card */
  private readonly ofCard = new Set<string>();

  constructor(
    private readonly bus: BackendContext['bus'],
    private readonly held: HeldCards,
    private readonly now: () => number = Date.now,
  ) {
    held.onRead((card) => {
      this.ofCard.clear(); // another card: another person's cases
      this.notify({ kind: 'card', at: card.at });
    });
    bus.subscribe((e) => {
      if (e.type === 'code.scanned') {
        const receiptNo = receiptNoFromCode(e.text);
        if (receiptNo) this.scanned.add(receiptNo);
        this.notify(receiptNo ? { kind: 'receipt', receiptNo } : { kind: 'unknown-code' });
      }
    });
  }

  /** how many screens are waiting for a card or code now (tests wait for the screen to listen) */
  get waiting(): number {
    return this.waiters.size;
  }

  private notify(i: CitizenInput): void {
    const input = { ...i, seq: ++this.seq };
    const now = this.now();
    this.recent = [...this.recent.filter((r) => now - r.at <= KEEP_MS), { input, at: now }].slice(-5);
    for (const w of [...this.waiters]) w(input);
    // The progress screens listen over the event stream (no extra connection, nothing missed
    // between two requests); a card is reported without the identity.
    this.bus.emit({ type: 'followup.input', input: i.kind === 'card' ? { kind: 'card' } : i.kind === 'receipt' ? { kind: 'receipt', receiptNo: i.receiptNo } : { kind: 'unknown-code' } });
  }

  /** The card on the reader within the TTL (or since `since`), else null. */
  currentCard(since = 0): HeldCard | null {
    return this.held.current(CARD_TTL_MS, since);
  }

  /**
   * The next card or code presented, or 'timeout'. Without `after`, only what arrives after the
   * call counts: a card read a moment ago (the screen the citizen just left) must not jump the
   * new screen forward. With `after` (the seq of the last answer this screen got), an input that
   * came between two polls of the same screen is not lost.
   */
  next(timeoutMs: number, signal?: AbortSignal, after?: number): Promise<SequencedInput> {
    this.polls++;
    if (after !== undefined) {
      const now = this.now();
      const missed = this.recent.find((r) => r.input.seq > after && now - r.at <= KEEP_MS);
      if (missed) return Promise.resolve(missed.input);
    }
    return new Promise((resolve) => {
      const done = (i: SequencedInput) => {
        clearTimeout(t);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve(i);
      };
      const onAbort = () => done({ kind: 'timeout', seq: this.seq });
      const t = setTimeout(() => done({ kind: 'timeout', seq: this.seq }), timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The card holder's cases, as just found with the card on the reader. */
  cardCases(receiptNos: string[]): void {
    for (const r of receiptNos) this.ofCard.add(r);
  }

  /**
   * Whether this citizen may print a receipt's notices and results or have them posted: they
   * showed its paper receipt (QR) or their ID card found it. A typed number shows status only,
   * since receipt numbers follow a sequence anyone could guess.
   */
  mayHandle(receiptNo: string): boolean {
    return this.scanned.has(receiptNo) || (this.ofCard.has(receiptNo) && this.currentCard() !== null);
  }

  /** "Use another card": the card and the cases it found are forgotten, a scanned receipt stays. */
  forgetCard(): void {
    this.held.forget();
    this.ofCard.clear();
  }

  /** The citizen left: nothing of theirs stays. */
  clear(): void {
    this.held.forget();
    this.scanned.clear();
    this.ofCard.clear();
  }
}

const perContext = new WeakMap<BackendContext, CitizenInputs>();

/** One holder per backend boot, created on first use. */
export function citizenInputsFor(ctx: BackendContext): CitizenInputs {
  let c = perContext.get(ctx);
  if (!c) {
    c = new CitizenInputs(ctx.bus, heldCardsFor(ctx));
    perContext.set(ctx, c);
  }
  return c;
}
