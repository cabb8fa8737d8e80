// What the citizen in front of the kiosk presents for a follow-up: an ID card placed on the
// reader or a receipt QR held to the code scanner. Kept in backend memory only, for the one
// citizen at the screen: the identity (with its photo, for 人证核验) never goes back to the
// renderer through this module and is dropped when the session ends or after a few minutes.
import { identityNumber } from '../../../common/devices';
import { looksLikeNetid } from '../../../common/netid-credential';
import { parseReceiptCode, type CaseProof } from '../../../common/receipt-claim';
import type { HeldCard, HeldCards } from '../citizen/held-card';
import type { EventBus } from '../event-bus';

export type CitizenInput = { kind: 'card'; at: number } | { kind: 'receipt'; receiptNo: string } | { kind: 'unknown-code' } | { kind: 'timeout' };
/** An input with its place in the sequence: the screen asks for what came after the last it saw. */
export type SequencedInput = CitizenInput & { seq: number };

/** Inputs kept for a screen that is between two long polls (not longer: the next citizen's screen must not see them). */
const KEEP_MS = 5000;

/** A card read is good for this long: enough for one citizen's follow-up, not for the next. */
export const CARD_TTL_MS = 10 * 60_000;

/** The receipt number in a scanned code: the whole payload, a GK2 receipt QR, or inside a URL / longer text. */
export function receiptNoFromCode(text: string): string | null {
  return parseReceiptCode(text)?.receiptNo ?? null;
}

export class CitizenInputs {
  private readonly waiters = new Set<(i: SequencedInput) => void>();
  private seq = 0;
  private recent: { input: SequencedInput; at: number }[] = [];
  /** long polls ever started (tests wait for a new screen's poll) */
  polls = 0;
  /** receipts whose paper (QR) was shown at the scanner this session, with the QR's claim (null: an old or self-made code) */
  private readonly scanned = new Map<string, string | null>();
  /** receipts a lookup with the scanned claim opened (central or this kiosk's copy confirmed the claim) */
  private readonly proven = new Set<string>();
  /** receipts of the card holder now at the reader, as found by a lookup with that card */
  private readonly ofCard = new Set<string>();

  constructor(
    private readonly bus: Pick<EventBus, 'subscribe' | 'emit'>,
    private readonly held: HeldCards,
    private readonly now: () => number = Date.now,
  ) {
    held.onRead((card) => {
      this.ofCard.clear(); // another card: another person's cases
      this.notify({ kind: 'card', at: card.at });
    });
    bus.subscribe((e) => {
      // a 网证 QR is an identity, not a code: it counts as a card once central verified it (citizen/netid-identify.ts)
      if (e.type === 'code.scanned' && !looksLikeNetid(e.text)) {
        const code = parseReceiptCode(e.text);
        if (code) {
          // Another code for the same number replaces the earlier claim (and what it proved).
          this.scanned.set(code.receiptNo, code.claim);
          this.proven.delete(code.receiptNo);
        }
        this.notify(code ? { kind: 'receipt', receiptNo: code.receiptNo } : { kind: 'unknown-code' });
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

  /** The claim of the receipt QR scanned this session (null: none, or a code without one). */
  claimOf(receiptNo: string): string | null {
    return this.scanned.get(receiptNo) ?? null;
  }

  /** A lookup with the scanned claim opened the case: central (or this kiosk's copy) confirmed it. */
  claimProven(receiptNo: string): void {
    if (this.scanned.get(receiptNo)) this.proven.add(receiptNo);
  }

  /**
   * What this citizen can show for a receipt's case: the claim of the QR scanned here, else the
   * card on the reader when a lookup with it found the case. A typed number, or a code without a
   * claim, shows nothing: receipt numbers follow a sequence anyone could guess. Whether a claim is
   * the right one is for central (or this kiosk's copy, offline) to say.
   */
  proofFor(receiptNo: string): CaseProof | null {
    const claim = this.scanned.get(receiptNo);
    if (claim) return { by: 'claim', claim };
    const card = this.ofCard.has(receiptNo) ? this.currentCard() : null;
    return card ? { by: 'idNumber', idNumber: identityNumber(card.identity) } : null;
  }

  /** Whether the screen offers printing and post: the QR's claim was confirmed by a lookup, or the card found the case. */
  mayHandle(receiptNo: string): boolean {
    return this.proven.has(receiptNo) || (this.ofCard.has(receiptNo) && this.currentCard() !== null);
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
    this.proven.clear();
    this.ofCard.clear();
  }
}
