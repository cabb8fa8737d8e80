// SM3 (GB/T 32905-2016) fed piece by piece in constant memory: the pure-JS path's incremental
// digest. sm-crypto-v2 only hashes a whole buffer, and an attachment verified chunk by chunk
// (or a large file digested where node:crypto has no SM3, as inside Electron) must not be held
// whole to be hashed. Only the 64-byte block being filled and the eight state words are kept.
import type { IncrementalDigest } from './suite';

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const BLOCK = 64;

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const p0 = (x: number): number => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number): number => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** T_j rotated left by j (mod 32), precomputed for the 64 rounds. */
const TJ = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

/** CF(V, B): one compression of the 64-byte block at `at` in `block` into `v`. */
function compress(v: Uint32Array, w: Uint32Array, block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const o = at + 4 * i;
    w[i] = ((block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!) >>> 0;
  }
  for (let j = 16; j < 68; j++) w[j] = (p1(w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!) >>> 0;
  let a = v[0]!,
    b = v[1]!,
    c = v[2]!,
    d = v[3]!,
    e = v[4]!,
    f = v[5]!,
    g = v[6]!,
    h = v[7]!;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + TJ[j]!) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    const w1 = (w[j]! ^ w[j + 4]!) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + w1) >>> 0;
    const tt2 = (gg + h + ss1 + w[j]!) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  const next = [a, b, c, d, e, f, g, h];
  for (let i = 0; i < 8; i++) v[i] = (v[i]! ^ next[i]!) >>> 0;
}

/** A fresh incremental SM3: `update` any number of times, then `digest` once (32 bytes). */
export function createSm3(): IncrementalDigest {
  const v = Uint32Array.from(IV);
  const w = new Uint32Array(68);
  const pending = new Uint8Array(BLOCK);
  let filled = 0;
  // Bytes so far; a double holds any real length exactly (2^53 bytes), split into bits below.
  let length = 0;
  let spent = false;
  const self: IncrementalDigest = {
    update(data) {
      if (spent) throw new Error('digest already taken');
      length += data.length;
      let at = 0;
      if (filled > 0) {
        const take = Math.min(BLOCK - filled, data.length);
        pending.set(data.subarray(0, take), filled);
        filled += take;
        at = take;
        if (filled < BLOCK) return self;
        compress(v, w, pending, 0);
        filled = 0;
      }
      for (; at + BLOCK <= data.length; at += BLOCK) compress(v, w, data, at);
      pending.set(data.subarray(at), 0);
      filled = data.length - at;
      return self;
    },
    digest() {
      if (spent) throw new Error('digest already taken');
      spent = true;
      // Padding: 0x80, zeros to 56 mod 64, then the length in bits as a 64-bit big-endian number.
      pending[filled++] = 0x80;
      if (filled > BLOCK - 8) {
        pending.fill(0, filled);
        compress(v, w, pending, 0);
        filled = 0;
      }
      pending.fill(0, filled);
      const bitsHigh = Math.floor(length / 0x20000000);
      const bitsLow = (length * 8) >>> 0;
      const view = new DataView(pending.buffer);
      view.setUint32(BLOCK - 8, bitsHigh);
      view.setUint32(BLOCK - 4, bitsLow);
      compress(v, w, pending, 0);
      const out = new Uint8Array(32);
      const outView = new DataView(out.buffer);
      for (let i = 0; i < 8; i++) outView.setUint32(4 * i, v[i]!);
      return out;
    },
  };
  return self;
}
