// SM4-GCM on Node's OpenSSL: SM4-CTR and SM4-ECB are there (sm4-gcm is not), so GCM is put
// together the way NIST SP 800-38D defines it — H = E(0¹²⁸), J0 = IV ‖ 0³¹1, the text in CTR
// from inc32(J0), tag = E(J0) ⊕ GHASH_H(A, C, lengths) — with GHASH from @noble/ciphers. The
// pure-JS SM4-GCM of common/crypto-suite seals at about 2 MiB/s, which makes a scanned page a
// noticeable wait at enqueue; this runs at OpenSSL's speed and is the same function
// (sm4-gcm-node.test.ts checks both ways against the pure-JS one). Node only: Electron's
// BoringSSL has no SM4, where the pure-JS path stays.
import nodeCrypto from 'node:crypto';
import { ghash } from '@noble/ciphers/_polyval.js';
import type { Aead } from '../../common/crypto-suite/fast-path';

const BLOCK = 16;

function ecb(key: Uint8Array, block: Uint8Array): Buffer {
  const c = nodeCrypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

function ctr(key: Uint8Array, j0: Uint8Array, data: Uint8Array): Buffer {
  const start = Buffer.from(j0);
  // inc32(J0); with a 96-bit IV the low word starts at 1, so OpenSSL's 128-bit counter never carries out of it for any real size.
  start.writeUInt32BE(2, 12);
  const c = nodeCrypto.createCipheriv('sm4-ctr', key, start);
  return Buffer.concat([c.update(data), c.final()]);
}

function lengths(aadBytes: number, textBytes: number): Uint8Array {
  const out = Buffer.alloc(BLOCK);
  out.writeBigUInt64BE(BigInt(aadBytes) * 8n, 0);
  out.writeBigUInt64BE(BigInt(textBytes) * 8n, 8);
  return new Uint8Array(out);
}

function tagOf(key: Uint8Array, j0: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Buffer {
  const h = ghash.create(new Uint8Array(ecb(key, new Uint8Array(BLOCK))), aad.length + ciphertext.length);
  // fresh copies: GHASH reads 32-bit words and needs 4-byte-aligned buffers, which pooled Buffers are not
  if (aad.length) h.update(new Uint8Array(aad));
  if (ciphertext.length) h.update(new Uint8Array(ciphertext));
  h.update(lengths(aad.length, ciphertext.length));
  const s = h.digest();
  const mask = ecb(key, j0);
  return Buffer.from(s.map((b, i) => b ^ mask[i]!));
}

function j0Of(nonce: Uint8Array): Uint8Array {
  if (nonce.length !== 12) throw new RangeError('SM4-GCM here takes a 96-bit nonce');
  const j0 = new Uint8Array(BLOCK);
  j0.set(nonce);
  j0[15] = 1;
  return j0;
}

/** SM4-GCM from Node's OpenSSL, or null where it has no SM4-CTR (then the pure-JS one is used). */
export function nodeSm4Gcm(): Aead | null {
  const ciphers = new Set(nodeCrypto.getCiphers());
  if (!ciphers.has('sm4-ctr') || !ciphers.has('sm4-ecb')) return null;
  return {
    seal(key, nonce, plaintext, aad) {
      const j0 = j0Of(nonce);
      const ciphertext = ctr(key, j0, plaintext);
      return { ciphertext: new Uint8Array(ciphertext), tag: new Uint8Array(tagOf(key, j0, aad, ciphertext)) };
    },
    open(key, nonce, ciphertext, tag, aad) {
      if (tag.length !== BLOCK) return null;
      const j0 = j0Of(nonce);
      if (!nodeCrypto.timingSafeEqual(tagOf(key, j0, aad, ciphertext), tag)) return null;
      return new Uint8Array(ctr(key, j0, ciphertext));
    },
  };
}
