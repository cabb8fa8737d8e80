// SM4-GCM (NIST SP 800-38D's Galois/Counter Mode over SM4; GB/T 36624-2018, RFC 8998) composed
// from an SM4 keystream and @noble/ciphers' GHASH, 96-bit nonces and 128-bit tags only. The
// fast path feeds it OpenSSL's sm4-ctr (Node's OpenSSL has SM4 but no sm4-gcm); the pure-JS
// path uses sm-crypto-v2's own GCM (`sm.ts`). The two share only noble's GHASH; the tests check
// each against the other, against RFC 8998, and against openssl's SM4 with a GHASH written out
// from the standard. GHASH's table window is sized to the message (sm-crypto-v2's is not).
import { ghash } from '@noble/ciphers/_polyval';
import type { Aead } from './aead';

const BLOCK = 16;
const NONCE_BYTES = 12;
/** inc32 wraps the low 32 bits of the counter; past this length the counter would repeat. */
const MAX_BYTES = (2 ** 32 - 2) * BLOCK;

/** SM4_K(c), SM4_K(inc32(c)), … truncated to `length` bytes. */
export type Sm4Keystream = (key: Uint8Array, counter: Uint8Array, length: number) => Uint8Array;

function j0(nonce: Uint8Array): Uint8Array {
  const block = new Uint8Array(BLOCK);
  block.set(nonce);
  block[15] = 1;
  return block;
}

/** GHASH_H(A ‖ 0* ‖ C ‖ 0* ‖ [len(A)]64 ‖ [len(C)]64) XOR the tag mask SM4_K(J0). */
function tag(h: Uint8Array, mask: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const g = ghash.create(h, aad.length + ciphertext.length);
  g.update(aad); // noble zero-pads each update to a whole block, as GCM needs
  g.update(ciphertext);
  const lengths = new Uint8Array(BLOCK);
  const view = new DataView(lengths.buffer);
  view.setBigUint64(0, BigInt(aad.length) * 8n);
  view.setBigUint64(8, BigInt(ciphertext.length) * 8n);
  g.update(lengths);
  const out = g.digest();
  for (let i = 0; i < BLOCK; i++) out[i]! ^= mask[i]!;
  return out;
}

export function sm4GcmWith(keystream: Sm4Keystream): Aead {
  /** H, then SM4_K(J0) ‖ the keystream that encrypts `length` bytes. */
  const streams = (key: Uint8Array, nonce: Uint8Array, length: number) => {
    if (length > MAX_BYTES) throw new RangeError('SM4-GCM: one value must stay under 64 GiB');
    const h = keystream(key, new Uint8Array(BLOCK), BLOCK);
    const stream = keystream(key, j0(nonce), BLOCK + length);
    return { h, mask: stream.subarray(0, BLOCK), pad: stream.subarray(BLOCK) };
  };
  const xor = (data: Uint8Array, pad: Uint8Array): Uint8Array => {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ pad[i]!;
    return out;
  };
  return {
    seal(key, nonce, plaintext, aad) {
      if (nonce.length !== NONCE_BYTES) throw new RangeError('SM4-GCM here takes 96-bit nonces only');
      const { h, mask, pad } = streams(key, nonce, plaintext.length);
      const ciphertext = xor(plaintext, pad);
      return { ciphertext, tag: tag(h, mask, aad, ciphertext) };
    },
    open(key, nonce, ciphertext, received, aad) {
      if (nonce.length !== NONCE_BYTES || received.length !== BLOCK || ciphertext.length > MAX_BYTES) return null;
      const { h, mask, pad } = streams(key, nonce, ciphertext.length);
      const expected = tag(h, mask, aad, ciphertext);
      let diff = 0;
      for (let i = 0; i < BLOCK; i++) diff |= expected[i]! ^ received[i]!; // constant time
      return diff === 0 ? xor(ciphertext, pad) : null;
    },
  };
}
