// The ID-card reader through its vendor's SDK (sdtapi-style C API, loaded with koffi on a worker
// thread): the same session contract and events as the SAM driver, so the supervisor, the
// journey, follow-up and helper sign-in cannot tell them apart. Every SDK call has a deadline; a
// call that does not return, garbage and impossible lengths become a device status, never a hang.
import type { IdCardReaderStatus, Offline } from '../../../common/devices';
import { err, ok, type Result } from '../../../common/result';
import { Emitter } from '../../core/emitter';
import type { FfiArg, FfiReturn, FfiWorker } from '../../core/ffi-worker';
import { PollingSession } from '../../core/polling-session';
import { Sw3 } from '../frame';
import type { PhotoDecoder } from '../photo-decoder';
import { CardInField, type ReaderEvents } from '../reader';
import { parseSdkRead, SDK_BUFFER_BYTES, sdkReadDetail } from './sdk-read';

export interface SdkReaderOptions {
  /** the SDK's port number: USB 1001–1016, serial 1–16 */
  port: number;
  /** ≥ 300 ms, as for the SAM driver */
  pollMs: number;
  /** one SDK call's deadline (a read takes ~1 s on real readers) */
  callTimeoutMs: number;
  photoDecoder: PhotoDecoder;
  readFingerprint?: boolean;
  /** the SDK has the SAM-status and fingerprint calls */
  hasSamStatus: boolean;
  hasFingerprint: boolean;
  /** consecutive failed polls (port errors) before the reader counts as not responding */
  missedPollsOffline?: number;
}

/** Port-level answers (sdtapi): the reader did not answer, not "no card". */
const PORT_ERRORS = new Set([0x01, 0x02, 0x03, 0x05]);
const MALFORMED_READS_OFFLINE = 3;

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(2, '0')}`;

export class SdkReaderSession extends PollingSession<IdCardReaderStatus> {
  readonly events = new Emitter<ReaderEvents>();
  samId: string | null = null;
  private missed = 0;
  private malformed = 0;
  private readonly card = new CardInField();

  constructor(
    private readonly ffi: FfiWorker,
    private readonly opts: SdkReaderOptions,
  ) {
    super({ state: 'ready' });
  }

  /** Opens the SDK's port and checks the SAM; fails with the SDK's own code when it cannot. */
  async start(): Promise<Result<void, Offline>> {
    const open = await this.call('openPort', [this.opts.port]);
    if (!open.ok) return err(open.error);
    if (open.value.value !== Sw3.ok) return err({ state: 'offline', reason: 'not-found', detail: `openPort(${this.opts.port}) = ${hex(open.value.value)}` });
    if (this.opts.hasSamStatus) {
      const sam = await this.call('samStatus', [this.opts.port, 0]);
      if (!sam.ok) return err(sam.error);
      if (sam.value.value !== Sw3.ok) this.cell.set({ state: 'sam-fault', sw3: sam.value.value & 0xff });
    }
    this.startPolling({ everyMs: Math.max(300, this.opts.pollMs), measure: 'rate' }, 0);
    return ok(undefined);
  }

  /** The worker's state decides: a stuck call is left to return on its own, the port closed otherwise. */
  get stuckCall() {
    return this.ffi.stuckCall;
  }

  protected override async release(): Promise<void> {
    if (!this.ffi.stuckCall) await this.ffi.call('sdk', 'closePort', [this.opts.port], 1000);
    await this.ffi.close();
  }

  private async call(role: string, args: FfiArg[]): Promise<Result<FfiReturn, Offline>> {
    const r = await this.ffi.call('sdk', role, args, this.opts.callTimeoutMs);
    if (r.ok) return r;
    const off: Offline =
      r.error.kind === 'timeout' || r.error.kind === 'busy'
        ? { state: 'offline', reason: 'no-response', detail: `reader SDK not responding: ${r.error.detail}` }
        : { state: 'offline', reason: 'error', detail: `reader SDK failed: ${r.error.detail}` };
    return err(off);
  }

  /** A call that failed at the worker level ends the session: the supervisor reopens it. */
  private async sdk(role: string, args: FfiArg[]): Promise<FfiReturn | null> {
    const r = await this.call(role, args);
    if (r.ok) return r.value;
    if (this.polling) this.lose(r.error);
    return null;
  }

  protected override async pollOnce(): Promise<void> {
    const { port } = this.opts;
    if (this.cell.get().state === 'sam-fault' && this.opts.hasSamStatus) {
      const sam = await this.sdk('samStatus', [port, 0]);
      if (sam?.value === Sw3.ok) this.cell.set({ state: 'ready' });
      return;
    }
    const found = await this.sdk('findCard', [port, { out: 8 }, 0]);
    if (!found || !this.polling) return;
    const code = found.value;
    if (PORT_ERRORS.has(code)) {
      if (++this.missed >= (this.opts.missedPollsOffline ?? 3)) this.lose({ state: 'offline', reason: 'no-response', detail: `findCard = ${hex(code)} (${this.missed}×)` });
      return;
    }
    this.missed = 0;
    if (code === Sw3.selfTestFailed) {
      this.cell.set({ state: 'sam-fault', sw3: code });
      return;
    }
    if (code !== Sw3.cardFound) {
      this.card.gone();
      this.cell.set({ state: 'ready' });
      return;
    }
    await this.readCard();
  }

  private async readCard(): Promise<void> {
    const { port } = this.opts;
    const started = performance.now();
    const recheck = this.card.held;
    const idle = () => this.cell.set(recheck ? { state: 'card-held' } : { state: 'ready' });
    if (!recheck) this.cell.set({ state: 'reading' });
    const sel = await this.sdk('selectCard', [port, { out: 8 }, 0]);
    if (!sel || !this.polling) return;
    if (sel.value !== Sw3.ok) return idle();
    const withFp = !!this.opts.readFingerprint && this.opts.hasFingerprint;
    const buf = { out: SDK_BUFFER_BYTES };
    const len = { out: 4 };
    const read = withFp ? await this.sdk('readBaseFingerprint', [port, buf, len, buf, len, buf, len, 0]) : await this.sdk('readBase', [port, buf, len, buf, len, 0]);
    if (!read || !this.polling) return;
    if (read.value !== Sw3.ok) {
      idle();
      if (!recheck) this.events.emit('card-error', { reason: 'read-failed', problem: 'no-read' });
      return;
    }
    const [text, textLen, photo, photoLen, fingerprint, fingerprintLen] = read.out;
    const blocks = parseSdkRead({ text: text!, textLen: textLen!, photo: photo!, photoLen: photoLen!, fingerprint, fingerprintLen });
    if (!blocks.ok) {
      idle();
      this.events.emit('link-trouble', { noiseBytes: 0, badFrames: 1 });
      if (++this.malformed >= MALFORMED_READS_OFFLINE) {
        this.lose({ state: 'offline', reason: 'error', detail: `the reader SDK returns malformed data: ${sdkReadDetail(blocks.error)}` });
        return;
      }
      if (!recheck) this.events.emit('card-error', { reason: 'read-failed', problem: 'incomplete', detail: sdkReadDetail(blocks.error) });
      return;
    }
    this.malformed = 0;
    await this.card.read(blocks.value, started, { cell: this.cell, events: this.events, photoDecoder: this.opts.photoDecoder });
  }
}
