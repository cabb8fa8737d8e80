// The `sm` suite (国密): SM4-GCM, SM3, HMAC-SM3 and SM2 signatures, on sm-crypto-v2 (pure JS on
// @noble, maintained) so it runs inside Electron, whose BoringSSL has no SM algorithm;
// node:crypto speeds up SM3, HMAC-SM3 and SM4 when given (`fast-path.ts`).
//
// SM4-GCM (GCM is one of GB/T 36624-2018's authenticated-encryption mechanisms; RFC 8998 uses
// it with SM4 for TLS 1.3): one pass gives confidentiality and integrity with associated data,
// a 96-bit nonce and a 128-bit tag, the same construction and failure behaviour as the
// international AES-256-GCM, so the envelope and its tests are shared. CCM (the other RFC 8998 mode) needs two passes and
// the length up front; SM4-CBC + HMAC-SM3 is two keys and an order to get right.
//
// SM2 signatures per GB/T 32918.2: e = SM3(Z_A ‖ M) with Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖
// xA ‖ yA) and the default ID 1234567812345678 (GB/T 35276-2017), which central must use too.
import { sm2, sm3, sm4 } from 'sm-crypto-v2';
import type { Aead } from './aead';
import type { FastPath } from './fast-path';
import { createSm3 } from './sm3-stream';
import { makeSuite, type Primitives } from './make-suite';
import type { CryptoSuite, SigningKeyPair } from './suite';

/** GB/T 35276-2017's default signer ID, used when a deployment sets none. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** sm-crypto-v2's SM4-GCM: the pure-JS path (the fast path composes its own, `sm4-gcm.ts`). */
export const sm4Gcm: Aead = {
  seal(key, nonce, plaintext, aad) {
    const { output, tag } = sm4.encrypt(plaintext, key, { mode: 'gcm', iv: nonce, associatedData: aad, output: 'array', outputTag: true });
    if (!tag) throw new Error('SM4-GCM gave no tag');
    return { ciphertext: output, tag };
  },
  open(key, nonce, ciphertext, tag, aad) {
    // sm-crypto-v2 skips the tag check when no tag is given: never let a short one through.
    if (tag.length !== 16 || nonce.length !== 12) return null;
    try {
      return sm4.decrypt(ciphertext, key, { mode: 'gcm', iv: nonce, associatedData: aad, tag, output: 'array' });
    } catch {
      return null;
    }
  },
};

const SM2_PUBLIC_KEY_BYTES = 65;

export function smSuite(fast: FastPath = {}, userId: string = SM2_DEFAULT_USER_ID): CryptoSuite {
  const primitives: Primitives = {
    tag: 'sm',
    algorithms: { digest: 'SM3', mac: 'HMAC-SM3', aead: 'SM4-GCM', signature: 'SM2' },
    sealKeyBytes: 16,
    digest: fast.digest ?? ((data) => fromHex(sm3(data))),
    createDigest: fast.createDigest ?? createSm3, // sm-crypto-v2 exports no incremental SM3
    hmac: fast.hmac ?? ((key, data) => fromHex(sm3(data, { key, mode: 'hmac' }))),
    aead: fast.aead ?? sm4Gcm,
    generateSigningKeyPair(): SigningKeyPair {
      const pair = sm2.generateKeyPairHex();
      return { suite: 'sm', privateKey: fromHex(pair.privateKey.padStart(64, '0')), publicKey: fromHex(pair.publicKey) };
    },
    publicKeyOf: (privateKey) => fromHex(sm2.getPublicKeyFromPrivateKey(toHex(privateKey))),
    signRaw: (keyPair, message) => fromHex(sm2.doSignature(message, toHex(keyPair.privateKey), { hash: true, der: false, publicKey: toHex(keyPair.publicKey), userId })),
    verifyRaw: (publicKey, message, raw) =>
      publicKey.length === SM2_PUBLIC_KEY_BYTES && publicKey[0] === 0x04 && sm2.doVerifySignature(message, toHex(raw), toHex(publicKey), { hash: true, der: false, userId }),
  };
  return makeSuite(primitives);
}
