// The ID-card reader driver: speaks the SAM serial protocol over a Link, polls for cards no
// faster than the reader allows, reads and validates the card, and insists that a read card
// leaves the field before the next one is accepted.
import type { ChipCardIdentity, IdCardReaderStatus, Offline } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { Emitter } from '../core/emitter';
import type { Link } from '../core/link';
import { PollingSession } from '../core/polling-session';
import { Cmd, decodeReadData, encodeCommand, Sw3, type ReadData } from './frame';
import { SamFrameParser } from './frame-parser';
import type { DecodedPhoto, PhotoDecoder } from './photo-decoder';
import type { CardReadProblem, PhotoFailure } from '../../common/device-failures';
import { decodeTextBlock, textProblemOf } from './text-block';

export interface CardRead {
  identity: ChipCardIdentity;
  photo: DecodedPhoto | null;
  /** why there is no photo, when there is none: the code, and the decoder's detail for the log */
  photoProblem: PhotoFailure | null;
  /** raw WLT bytes, for a vendor decoder elsewhere; never logged */
  photoWlt: Uint8Array;
  fingerprint: Uint8Array | null;
  /** from "card found" to the identity being parsed */
  readMs: number;
}

/** Why a card gave no identity: the code the screens word, and the reader's own detail for the log (English). */
export interface CardReadFailure {
  reason: 'read-failed' | 'invalid-data';
  problem: CardReadProblem;
  detail?: string;
}

export interface ReaderOptions {
  /** ≥ 300 ms: readers do not answer reliably when polled faster */
  pollMs: number;
  photoDecoder: PhotoDecoder;
  /** use 30 10 (text + photo + fingerprint) where the reader supports it */
  readFingerprint?: boolean;
  commandTimeoutMs?: number;
  readTimeoutMs?: number;
  /** consecutive unanswered polls before the reader is reported as not responding */
  missedPollsOffline?: number;
}

export interface ReaderEvents {
  card: CardRead;
  'card-error': CardReadFailure;
  /** protocol trouble worth a technician's attention (counted, not per byte) */
  'link-trouble': { noiseBytes: number; badFrames: number };
}

// The card in the reader's field, the same for this driver and the vendor SDK's (sdk/sdk-reader.ts):
// a card counts as read once its blocks are in, valid or not, and must leave the field before the
// next one is accepted; reading the same card again changes nothing.
export class CardInField {
  /** the text block (base64) of the card last read, while it has not been seen to leave */
  private readKey: string | null = null;

  /** Whether a card was read and is still there: reading it again is a quiet re-check. */
  get held(): boolean {
    return this.readKey !== null;
  }

  /** No card in the field: the next one is read afresh. */
  gone(): void {
    this.readKey = null;
  }

  /** A card's blocks are in: the card still held stays held; another is decoded and announced (`card` or `card-error`). */
  async read(
    blocks: ReadData,
    startedAt: number,
    to: { readonly cell: { set(s: IdCardReaderStatus): void }; readonly events: Emitter<ReaderEvents>; readonly photoDecoder: PhotoDecoder },
  ): Promise<void> {
    const key = Buffer.from(blocks.text).toString('base64');
    to.cell.set({ state: 'card-held' });
    if (key === this.readKey) return;
    this.readKey = key;
    const identity = decodeTextBlock(blocks.text);
    if (!identity.ok) {
      to.events.emit('card-error', { reason: 'invalid-data', ...textProblemOf(identity.error) });
      return;
    }
    const photo = await to.photoDecoder.decode(blocks.photo);
    to.events.emit('card', {
      identity: identity.value,
      photo: photo.ok ? photo.value : null,
      photoProblem: photo.ok ? null : photo.error,
      photoWlt: blocks.photo,
      fingerprint: blocks.fingerprint,
      readMs: performance.now() - startedAt,
    });
  }
}

type Reply = { sw3: number; data: Uint8Array };
type TransactError = { kind: 'timeout' } | { kind: 'closed' };

const MIN_POLL_MS = 300;

export class IdCardReaderSession extends PollingSession<IdCardReaderStatus> {
  readonly events = new Emitter<ReaderEvents>();
  private readonly parser = new SamFrameParser();
  private waiter: { resolve: (body: Uint8Array | null) => void; accept: (body: Uint8Array) => boolean } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private missedPolls = 0;
  private readonly card = new CardInField();
  private fingerprintUnsupported = false;
  private noiseBytes = 0;
  private badFrames = 0;
  samId: string | null = null;
  private readonly opts: Required<Omit<ReaderOptions, 'photoDecoder'>> & { photoDecoder: PhotoDecoder };

  constructor(
    private readonly link: Link,
    options: ReaderOptions,
  ) {
    super({ state: 'ready' });
    this.opts = {
      photoDecoder: options.photoDecoder,
      readFingerprint: options.readFingerprint ?? false,
      commandTimeoutMs: options.commandTimeoutMs ?? 1000,
      readTimeoutMs: options.readTimeoutMs ?? 4000,
      missedPollsOffline: options.missedPollsOffline ?? 3,
      pollMs: Math.max(MIN_POLL_MS, options.pollMs),
    };
    link.onData((chunk) => this.onBytes(chunk));
    link.onLost((reason) => this.unplugged(reason));
  }

  /** Checks the SAM answers, then starts polling. Fails when nothing answers (wrong port or baud). */
  async start(): Promise<Result<void, Offline>> {
    const sam = await this.samStatus();
    if (!sam.ok) return sam;
    const id = await this.transact(Cmd.samId, this.opts.commandTimeoutMs);
    if (id.ok && id.value.sw3 === Sw3.ok) this.samId = Buffer.from(id.value.data).toString('hex');
    this.startPolling({ everyMs: this.opts.pollMs, measure: 'rate' }, 0);
    return ok(undefined);
  }

  protected override release(): Promise<void> {
    return this.link.close();
  }

  protected override onStopped(): void {
    this.waiter = null;
  }

  private async samStatus(): Promise<Result<void, Offline>> {
    const r = await this.transact(Cmd.samStatus, this.opts.commandTimeoutMs);
    if (!r.ok) return err({ state: 'offline', reason: r.error.kind === 'closed' ? 'unplugged' : 'no-response', detail: 'SAM status (11 FF) not answered' });
    if (r.value.sw3 !== Sw3.ok) {
      this.cell.set({ state: 'sam-fault', sw3: r.value.sw3 });
      return ok(undefined);
    }
    if (this.cell.get().state === 'sam-fault') this.cell.set({ state: 'ready' });
    return ok(undefined);
  }

  // --- transport -------------------------------------------------------------------------------

  private onBytes(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type === 'frame') {
        if (ev.body.length >= 3 && this.waiter?.accept(ev.body)) {
          const w = this.waiter;
          this.waiter = null;
          w.resolve(ev.body);
        }
        // a frame nobody asked for (late answer to a timed-out command) is dropped
      } else if (ev.type === 'noise') this.noiseBytes += ev.bytes;
      else {
        this.badFrames++;
        if (ev.type === 'bad-checksum' && this.waiter) {
          // The answer was corrupted on the wire: ask again now rather than after the timeout.
          const w = this.waiter;
          this.waiter = null;
          w.resolve(null);
        }
      }
    }
  }

  /** One command, one answer; serialised, retried once after a timeout or a corrupt answer. */
  private transact(cmd: readonly [number, number], timeoutMs: number): Promise<Result<Reply, TransactError>> {
    const run = async (): Promise<Result<Reply, TransactError>> => {
      for (let attempt = 0; attempt < 2; attempt++) {
        if (!this.link.isOpen) return err({ kind: 'closed' });
        this.parser.reset();
        const answer = new Promise<Uint8Array | null>((resolve) => {
          const timer = setTimeout(() => {
            this.waiter = null;
            resolve(null);
          }, timeoutMs);
          this.waiter = {
            accept: (body) => plausibleAnswer(cmd, body),
            resolve: (body) => {
              clearTimeout(timer);
              resolve(body);
            },
          };
        });
        try {
          await this.link.write(encodeCommand(cmd));
        } catch {
          this.waiter = null;
          return err({ kind: 'closed' });
        }
        const body = await answer;
        if (body) return ok({ sw3: body[2]!, data: body.subarray(3) });
      }
      return err({ kind: this.link.isOpen ? 'timeout' : 'closed' });
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  // --- polling ---------------------------------------------------------------------------------

  protected override async pollOnce(): Promise<void> {
    try {
      await this.lookForCard();
    } finally {
      this.reportLinkTrouble();
    }
  }

  private reportLinkTrouble(): void {
    if (this.noiseBytes || this.badFrames) {
      this.events.emit('link-trouble', { noiseBytes: this.noiseBytes, badFrames: this.badFrames });
      this.noiseBytes = 0;
      this.badFrames = 0;
    }
  }

  private async lookForCard(): Promise<void> {
    if (this.cell.get().state === 'sam-fault') {
      await this.samStatus();
      return;
    }
    const found = await this.transact(Cmd.findCard, this.opts.commandTimeoutMs);
    if (!found.ok) {
      if (found.error.kind === 'timeout' && ++this.missedPolls >= this.opts.missedPollsOffline)
        this.cell.set({ state: 'offline', reason: 'no-response', detail: `${this.missedPolls} polls unanswered` });
      return;
    }
    this.missedPolls = 0;
    if (found.value.sw3 !== Sw3.cardFound) {
      // No card in the field (or the reader will not see this one again until it is removed).
      this.card.gone();
      this.cell.set({ state: 'ready' });
      return;
    }
    // Still "held": either a reader that keeps reporting the card it already read, or a new
    // card swapped in between two polls. readCard tells them apart by the card's contents.
    await this.readCard();
  }

  private async readCard(): Promise<void> {
    const started = performance.now();
    const recheck = this.card.held; // re-reading a card already read: quiet unless it turns out new
    const idle = () => this.cell.set(recheck ? { state: 'card-held' } : { state: 'ready' });
    if (!recheck) this.cell.set({ state: 'reading' });
    const sel = await this.transact(Cmd.selectCard, this.opts.commandTimeoutMs);
    if (!sel.ok || sel.value.sw3 !== Sw3.ok) {
      // The card moved between "find" and "select": look again on the next poll.
      idle();
      return;
    }
    const withFp = this.opts.readFingerprint && !this.fingerprintUnsupported;
    let read = await this.transact(withFp ? Cmd.readTextPhotoFingerprint : Cmd.readTextPhoto, this.opts.readTimeoutMs);
    let usedFp = withFp;
    if (withFp && read.ok && read.value.sw3 === Sw3.badCommand) {
      // This reader cannot read fingerprints: select again and read text + photo from now on.
      usedFp = false;
      this.fingerprintUnsupported = true;
      const again = await this.transact(Cmd.selectCard, this.opts.commandTimeoutMs);
      read = again.ok && again.value.sw3 === Sw3.ok ? await this.transact(Cmd.readTextPhoto, this.opts.readTimeoutMs) : again;
    }
    if (!read.ok || read.value.sw3 !== Sw3.ok) {
      idle();
      if (!recheck) this.events.emit('card-error', { reason: 'read-failed', problem: 'no-read' });
      return;
    }
    const blocks = decodeReadData(read.value.data, usedFp);
    if (!blocks) {
      idle();
      if (!recheck) this.events.emit('card-error', { reason: 'read-failed', problem: 'incomplete' });
      return;
    }
    await this.card.read(blocks, started, { cell: this.cell, events: this.events, photoDecoder: this.opts.photoDecoder });
  }
}

/** Rejects answers that cannot belong to the command just sent (a late reply to an earlier one). */
function plausibleAnswer(cmd: readonly [number, number], body: Uint8Array): boolean {
  const sw3 = body[2]!;
  const dataLen = body.length - 3;
  const key = (cmd[0] << 8) | cmd[1];
  switch (key) {
    case 0x2001:
      return sw3 !== Sw3.ok;
    case 0x2002:
      return sw3 !== Sw3.cardFound;
    case 0x3001:
    case 0x3010:
      return (sw3 === Sw3.ok && dataLen >= 4) || (sw3 !== Sw3.ok && sw3 !== Sw3.cardFound && dataLen === 0);
    default:
      return sw3 !== Sw3.cardFound;
  }
}
