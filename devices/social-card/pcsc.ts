// PC/SC through pcsc-lite's client library (libpcsclite.so.1, the Linux ABI: DWORD and handles
// are `long`-sized) with koffi on the FFI worker thread: a pcscd or reader driver that hangs
// blocks that thread only. Every call has a deadline; answers are the PC/SC return codes.
import { err, ok, type Result } from '../../common/result';
import type { FfiArg, FfiError, FfiWorker } from '../core/ffi-worker';

export const PCSC_LIBRARY = 'libpcsclite.so.1';

export const PCSC_PROTOTYPES: Record<string, string> = {
  establish: 'long SCardEstablishContext(unsigned long scope, void *r1, void *r2, void *ctx)',
  release: 'long SCardReleaseContext(long ctx)',
  listReaders: 'long SCardListReaders(long ctx, void *groups, void *readers, void *len)',
  getStatusChange: 'long SCardGetStatusChange(long ctx, unsigned long timeout, void *states, unsigned long count)',
  connect: 'long SCardConnect(long ctx, void *reader, unsigned long share, unsigned long protocols, void *card, void *protocol)',
  transmit: 'long SCardTransmit(long card, void *sendPci, void *send, unsigned long sendLen, void *recvPci, void *recv, void *recvLen)',
  disconnect: 'long SCardDisconnect(long card, unsigned long disposition)',
};

/** pcsc-lite's return codes (PCSC/pcsclite.h) the driver tells apart. */
export const SCARD = {
  S_SUCCESS: 0,
  E_INVALID_HANDLE: 0x80100003,
  E_INSUFFICIENT_BUFFER: 0x80100008,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_NO_SMARTCARD: 0x8010000c,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

/** SCARD_READERSTATE.dwEventState bits; pcsc-lite counts card events in the high 16 bits. */
export const STATE = { UNKNOWN: 0x04, UNAVAILABLE: 0x08, EMPTY: 0x10, PRESENT: 0x20, MUTE: 0x200 } as const;

const SCOPE_SYSTEM = 2;
const SHARE_SHARED = 2;
const PROTOCOL_T0 = 1;
const PROTOCOL_T1 = 2;
const LEAVE_CARD = 0;
/** pcsc-lite's MAX_BUFFER_SIZE for short APDUs, with room for the status word */
const RECV_BYTES = 264;

// Linux: pointers, DWORD and handles are all the native word (8 bytes on x64 / arm64).
const WORD = process.arch === 'ia32' || process.arch === 'arm' ? 4 : 8;
const readWord = (b: Uint8Array, at = 0) => (WORD === 8 ? Number(Buffer.from(b).readBigUInt64LE(at)) : Buffer.from(b).readUInt32LE(at));
function word(n: number): Uint8Array {
  const b = Buffer.alloc(WORD);
  if (WORD === 8) b.writeBigUInt64LE(BigInt(n));
  else b.writeUInt32LE(n);
  return b;
}
/** SCARD_READERSTATE: szReader, pvUserData, dwCurrentState, dwEventState, cbAtr, rgbAtr[33] */
const RS = { current: 2 * WORD, event: 3 * WORD, atrLen: 4 * WORD, atr: 5 * WORD, size: Math.ceil((5 * WORD + 33) / WORD) * WORD };

export const pcscCode = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export type PcscError = { kind: 'code'; fn: string; code: number } | { kind: 'ffi'; fn: string; error: FfiError };

export interface ReaderState {
  /** the raw dwEventState */
  event: number;
  present: boolean;
  /** the card does not answer (no ATR) */
  mute: boolean;
  /** pcsc-lite's per-reader count of card insertions / removals */
  eventCount: number;
  atr: Uint8Array;
}

export class PcscClient {
  private constructor(
    private readonly ffi: FfiWorker,
    private readonly ctx: number,
    private readonly timeoutMs: number,
  ) {}

  /** Opens a context with pcscd (fails with E_NO_SERVICE when pcscd is not running). */
  static async open(ffi: FfiWorker, timeoutMs: number): Promise<Result<PcscClient, PcscError>> {
    const r = await call(ffi, 'establish', [SCOPE_SYSTEM, null, null, { out: WORD }], timeoutMs);
    if (!r.ok) return r;
    return ok(new PcscClient(ffi, readWord(r.value.out[0]!), timeoutMs));
  }

  get stuckCall() {
    return this.ffi.stuckCall;
  }

  /** The readers pcscd knows; an empty list when there are none. */
  async listReaders(): Promise<Result<string[], PcscError>> {
    const len = { inout: word(4096) };
    const r = await call(this.ffi, 'listReaders', [this.ctx, null, { out: 4096 }, len], this.timeoutMs);
    if (!r.ok) return r.error.kind === 'code' && r.error.code === SCARD.E_NO_READERS_AVAILABLE ? ok([]) : r;
    const n = Math.min(4096, readWord(r.value.out[1]!));
    // a multi-string: names separated by NUL, ended by an empty one
    return ok(
      Buffer.from(r.value.out[0]!.subarray(0, n))
        .toString('utf8')
        .split('\0')
        .filter((s) => s.length > 0),
    );
  }

  /** The reader's state right now (no waiting). */
  async readerState(reader: string): Promise<Result<ReaderState, PcscError>> {
    const rs = new Uint8Array(RS.size);
    const r = await call(this.ffi, 'getStatusChange', [this.ctx, 0, { inout: rs, cstrings: [{ at: 0, text: Buffer.from(reader) }] }, 1], this.timeoutMs);
    if (!r.ok) return r;
    const out = r.value.out[0]!;
    const event = readWord(out, RS.event);
    const atrLen = Math.min(33, readWord(out, RS.atrLen));
    return ok({
      event,
      present: (event & STATE.PRESENT) !== 0,
      mute: (event & STATE.MUTE) !== 0,
      eventCount: (event >>> 16) & 0xffff,
      atr: out.slice(RS.atr, RS.atr + atrLen),
    });
  }

  /** Connects to the card in the reader (shared, T=0 or T=1). */
  async connect(reader: string): Promise<Result<PcscCard, PcscError>> {
    const r = await call(
      this.ffi,
      'connect',
      [this.ctx, { in: Buffer.concat([Buffer.from(reader), Buffer.alloc(1)]) }, SHARE_SHARED, PROTOCOL_T0 | PROTOCOL_T1, { out: WORD }, { out: WORD }],
      this.timeoutMs,
    );
    if (!r.ok) return r;
    return ok(new PcscCard(this.ffi, readWord(r.value.out[0]!), readWord(r.value.out[1]!), this.timeoutMs));
  }

  /** Releases the context and ends the worker thread (left to end on its own if a call is stuck). */
  async close(): Promise<void> {
    if (!this.ffi.stuckCall) await call(this.ffi, 'release', [this.ctx], 1000);
    await this.ffi.close();
  }
}

export class PcscCard {
  constructor(
    private readonly ffi: FfiWorker,
    private readonly handle: number,
    readonly protocol: number,
    private readonly timeoutMs: number,
  ) {}

  /** Sends one command APDU; the answer includes its status word. */
  async transmit(apdu: Uint8Array): Promise<Result<Uint8Array, PcscError>> {
    const pci = Buffer.concat([word(this.protocol), word(2 * WORD)]);
    const r = await call(this.ffi, 'transmit', [this.handle, { in: pci }, { in: apdu }, apdu.length, null, { out: RECV_BYTES }, { inout: word(RECV_BYTES) }], this.timeoutMs);
    if (!r.ok) return r;
    const n = readWord(r.value.out[1]!);
    if (n > RECV_BYTES) return err({ kind: 'code', fn: 'SCardTransmit', code: SCARD.E_INSUFFICIENT_BUFFER });
    return ok(r.value.out[0]!.slice(0, n));
  }

  async disconnect(): Promise<void> {
    if (!this.ffi.stuckCall) await call(this.ffi, 'disconnect', [this.handle, LEAVE_CARD], this.timeoutMs);
  }
}

const FN_NAMES: Record<string, string> = {
  establish: 'SCardEstablishContext',
  release: 'SCardReleaseContext',
  listReaders: 'SCardListReaders',
  getStatusChange: 'SCardGetStatusChange',
  connect: 'SCardConnect',
  transmit: 'SCardTransmit',
  disconnect: 'SCardDisconnect',
};

async function call(ffi: FfiWorker, fn: string, args: FfiArg[], timeoutMs: number): Promise<Result<{ out: Uint8Array[] }, PcscError>> {
  const name = FN_NAMES[fn] ?? fn;
  const r = await ffi.call('pcsc', fn, args, timeoutMs);
  if (!r.ok) return err({ kind: 'ffi', fn: name, error: r.error });
  // LONG on Linux: a code such as 0x8010000C comes back positive; on a 32-bit build, negative
  const code = r.value.value >>> 0;
  if (code !== SCARD.S_SUCCESS) return err({ kind: 'code', fn: name, code });
  return ok({ out: r.value.out });
}
