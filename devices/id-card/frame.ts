// SAM serial protocol frames (GA 467 readers): AA AA AA 96 69 | LEN(2, BE) | body | CHK.
// LEN counts every byte after itself, checksum included; CHK is the XOR of LEN and body.
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** The longest answer a reader sends (text + photo + fingerprint) is LEN 0x090A; anything far
 *  longer is noise that happens to contain a preamble, and must not make us buffer it. */
export const MAX_LEN = 0x0c00;
/** Shortest legal LEN: a command is CMD PARA CHK. */
export const MIN_LEN = 3;

export const Cmd = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextPhoto: [0x30, 0x01],
  readNewestAddress: [0x30, 0x03],
  readTextPhotoFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export const Sw3 = {
  ok: 0x90,
  cardFound: 0x9f,
  noCard: 0x80,
  selectFailed: 0x81,
  itemEmpty: 0x91,
  readFailed: 0x41,
  checksumError: 0x10,
  lengthError: 0x11,
  badCommand: 0x21,
  authFailed1: 0x31,
  authFailed2: 0x32,
  selfTestFailed: 0x60,
  notAuthorised: 0x66,
} as const;

export function xorOf(bytes: Uint8Array, start: number, end: number): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

function frame(body: ArrayLike<number>): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError('SAM frame body too long');
  const out = new Uint8Array(7 + len);
  out.set(PREAMBLE, 0);
  out[5] = len >> 8;
  out[6] = len & 0xff;
  out.set(body as ArrayLike<number>, 7);
  out[out.length - 1] = xorOf(out, 5, out.length - 1);
  return out;
}

/** Host → reader: CMD PARA [data]. */
export function encodeCommand(cmd: readonly [number, number], data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd[0];
  body[1] = cmd[1];
  body.set(data, 2);
  return frame(body);
}

/** Reader → host: SW1 SW2 SW3 [data]. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return frame(body);
}

/** The 30 01 / 30 10 answer data: lengths (BE) then the blocks. */
export function encodeReadData(text: Uint8Array, photo: Uint8Array, fingerprint?: Uint8Array): Uint8Array {
  const parts = fingerprint ? [text, photo, fingerprint] : [text, photo];
  const out = new Uint8Array(parts.length * 2 + parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out[o++] = p.length >> 8;
    out[o++] = p.length & 0xff;
  }
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface ReadData {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array | null;
}

/** Splits a read answer into its blocks; null when the declared lengths do not fit the data. */
export function decodeReadData(data: Uint8Array, withFingerprint: boolean): ReadData | null {
  const heads = withFingerprint ? 3 : 2;
  if (data.length < heads * 2) return null;
  const lens: number[] = [];
  for (let i = 0; i < heads; i++) lens.push((data[i * 2]! << 8) | data[i * 2 + 1]!);
  if (heads * 2 + lens.reduce((a, b) => a + b, 0) !== data.length) return null;
  let o = heads * 2;
  const blocks = lens.map((l) => {
    const b = data.slice(o, o + l);
    o += l;
    return b;
  });
  return { text: blocks[0]!, photo: blocks[1]!, fingerprint: blocks[2] ?? null };
}
