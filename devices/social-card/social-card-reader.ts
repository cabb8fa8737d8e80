// The social security card reader (PC/SC): watches its reader through pcscd, reads each newly
// inserted card's public files once (the card is "held" until it leaves the reader: pcsc-lite's
// per-reader event count tells a new card from the one already read, even if swapped between
// two polls) and reports the holder's identity, or a code saying why not. A reader that
// disappears or a pcscd that stops ends the session: the supervisor reopens it.
import type { SocialCardReaderStatus } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { Emitter } from '../core/emitter';
import { PollingSession } from '../core/polling-session';
import { type PcscClient, type PcscError, pcscCode, SCARD } from './pcsc';
import type { SscProfile } from './ssc-profile';
import { readSocialCard } from './ssc-read';
import { decodeSocialCard, type SocialCardIdentity, type SocialCardProblem, type SscRecords } from './ssc-records';

export type SocialCardFailure =
  | { reason: 'not-social-card' }
  /** the card did not answer, answered garbage or refused a read: put it in again */
  | { reason: 'read-failed'; detail: string }
  | { reason: 'invalid-data'; problem: SocialCardProblem };

export interface SocialCardRead {
  identity: SocialCardIdentity;
  readMs: number;
}

export interface SocialCardReaderEvents {
  card: SocialCardRead;
  'card-error': SocialCardFailure;
}

export interface SocialCardReaderOptions {
  profile: SscProfile;
  /** a reader whose name contains this; the first reader when absent */
  reader?: string;
  pollMs: number;
}

/** pcscd or the reader went away: the session is over. */
const GONE = new Set<number>([SCARD.E_NO_SERVICE, SCARD.E_UNKNOWN_READER, SCARD.E_READER_UNAVAILABLE, SCARD.E_INVALID_HANDLE]);
/** the card left (or was reset) during the read */
const CARD_LEFT = new Set<number>([SCARD.E_NO_SMARTCARD, SCARD.W_REMOVED_CARD, SCARD.W_RESET_CARD]);

function describe(e: PcscError): string {
  return e.kind === 'code' ? `${e.fn} = ${pcscCode(e.code)}` : `${e.fn}: ${e.error.kind} ${e.error.detail}`;
}

/** The reader to use: by name, or the first pcscd lists. */
export function pickReader(readers: string[], wanted: string | undefined): string | null {
  return (wanted ? readers.find((r) => r.includes(wanted)) : readers[0]) ?? null;
}

export class SocialCardReaderSession extends PollingSession<SocialCardReaderStatus> {
  readonly events = new Emitter<SocialCardReaderEvents>();
  /** pcsc-lite's event count of the card already read (or refused), while it stays in */
  private heldEvent: number | null = null;

  constructor(
    private readonly pcsc: PcscClient,
    readonly readerName: string,
    private readonly opts: SocialCardReaderOptions,
  ) {
    super({ state: 'ready' });
  }

  start(): void {
    this.startPolling({ everyMs: Math.max(200, this.opts.pollMs), measure: 'rate' }, 0);
  }

  protected override async release(): Promise<void> {
    await this.pcsc.close();
  }

  /** An error that means the reader or pcscd is gone (or the FFI call hung) ends the session. */
  private loseOn(e: PcscError): boolean {
    if (e.kind === 'ffi') {
      const hung = e.error.kind === 'timeout' || e.error.kind === 'busy';
      this.lose({ state: 'offline', reason: hung ? 'no-response' : 'error', detail: describe(e) });
      return true;
    }
    if (GONE.has(e.code)) {
      this.lose({ state: 'offline', reason: e.code === SCARD.E_NO_SERVICE ? 'unavailable' : 'unplugged', detail: describe(e) });
      return true;
    }
    return false;
  }

  protected override async pollOnce(): Promise<void> {
    const st = await this.pcsc.readerState(this.readerName);
    if (!this.polling) return;
    if (!st.ok) {
      if (!this.loseOn(st.error)) this.lose({ state: 'offline', reason: 'error', detail: describe(st.error) });
      return;
    }
    if (!st.value.present) {
      this.heldEvent = null;
      this.cell.set({ state: 'ready' });
      return;
    }
    if (this.heldEvent === st.value.eventCount) return;
    this.heldEvent = st.value.eventCount;
    if (st.value.mute) {
      this.cell.set({ state: 'card-held' });
      this.events.emit('card-error', { reason: 'read-failed', detail: 'card is mute (no ATR)' });
      return;
    }
    await this.readCard();
  }

  private async readCard(): Promise<void> {
    const started = performance.now();
    this.cell.set({ state: 'reading' });
    const read = await this.readRecords();
    if (!this.polling) return;
    if (!read.ok) {
      if (read.error === 'left') {
        this.heldEvent = null;
        this.cell.set({ state: 'ready' });
        return;
      }
      if (read.error === 'lost') return;
      this.cell.set({ state: 'card-held' });
      this.events.emit('card-error', read.error);
      return;
    }
    this.cell.set({ state: 'card-held' });
    const identity = decodeSocialCard(this.opts.profile, read.value);
    if (!identity.ok) {
      this.events.emit('card-error', { reason: 'invalid-data', problem: identity.error });
      return;
    }
    this.events.emit('card', { identity: identity.value, readMs: performance.now() - started });
  }

  private async readRecords(): Promise<Result<SscRecords, SocialCardFailure | 'left' | 'lost'>> {
    const card = await this.pcsc.connect(this.readerName);
    if (!card.ok) {
      if (card.error.kind === 'code' && CARD_LEFT.has(card.error.code)) return err('left');
      if (this.loseOn(card.error)) return err('lost');
      return err({ reason: 'read-failed', detail: describe(card.error) });
    }
    try {
      const r = await readSocialCard((apdu) => card.value.transmit(apdu), this.opts.profile);
      if (r.ok) return ok(r.value);
      const f = r.error;
      switch (f.kind) {
        case 'not-social-card':
          return err({ reason: 'not-social-card' });
        case 'transport':
          if (f.error.kind === 'code' && CARD_LEFT.has(f.error.code)) return err('left');
          if (this.loseOn(f.error)) return err('lost');
          return err({ reason: 'read-failed', detail: describe(f.error) });
        case 'garbled':
          return err({ reason: 'read-failed', detail: 'malformed answer' });
        case 'card-status':
          return err({ reason: 'read-failed', detail: `${f.step}: ${f.sw.toString(16)}` });
      }
    } finally {
      await card.value.disconnect();
    }
  }
}
