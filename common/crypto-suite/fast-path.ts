// The optional node:crypto fast path. common/ may not import Node, so the Node side hands its
// `node:crypto` module in (`createCryptoSuite(tag, { nodeCrypto })`) and this file adapts what
// that OpenSSL offers: SHA-256, SM3 and their HMACs, AES-256-GCM, and SM4-GCM built from
// OpenSSL's sm4-ctr with GHASH in JS (Node's OpenSSL has no sm4-gcm). SM2 signing
// stays pure JS: Node cannot be given the signer ID that Z needs. Electron's BoringSSL has
// neither SM3 nor SM4: each algorithm is taken only if this OpenSSL actually has it, otherwise
// the pure-JS one runs.
//
// Switched off with `KIOSK_CRYPTO_FAST_PATH=off` (see `fastPathWanted`): the suite's tests run
// once each way, so the pure-JS path — the one Electron relies on — is proven on its own.

import { concatBytes } from '../bytes';
import type { Aead } from './aead';
import { sm4GcmWith, type Sm4Keystream } from './sm4-gcm';
import type { IncrementalDigest } from './suite';

type Update = { update(data: Uint8Array): Uint8Array; final(): Uint8Array };

/** The part of node:crypto the fast path uses, typed structurally (no Node types in common/). */
export interface NodeCryptoLike {
  getHashes(): string[];
  getCiphers(): string[];
  createHash(algorithm: string): { update(data: Uint8Array): unknown; digest(): Uint8Array };
  createHmac(algorithm: string, key: Uint8Array): { update(data: Uint8Array): unknown; digest(): Uint8Array };
  createCipheriv(algorithm: 'aes-256-gcm', key: Uint8Array, iv: Uint8Array): Update & { setAAD(data: Uint8Array): unknown; getAuthTag(): Uint8Array };
  createCipheriv(algorithm: 'sm4-ctr', key: Uint8Array, iv: Uint8Array): Update;
  createDecipheriv(algorithm: 'aes-256-gcm', key: Uint8Array, iv: Uint8Array): Update & { setAAD(data: Uint8Array): unknown; setAuthTag(tag: Uint8Array): unknown };
}

/** Whether the environment asks for the fast path (default yes; `KIOSK_CRYPTO_FAST_PATH=off` turns it off). */
export function fastPathWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  return !['off', '0', 'false', 'no'].includes((env.KIOSK_CRYPTO_FAST_PATH ?? '').trim().toLowerCase());
}

export type FastPath = {
  readonly digest?: (data: Uint8Array) => Uint8Array;
  readonly createDigest?: () => IncrementalDigest;
  readonly hmac?: (key: Uint8Array, data: Uint8Array) => Uint8Array;
  readonly aead?: Aead;
};

const copy = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** What node:crypto can speed up for the given hash and AEAD names; absent entries fall back to pure JS. */
export function nodeFastPath(nodeCrypto: NodeCryptoLike, hash: 'sha256' | 'sm3', aead: 'aes-256-gcm' | 'sm4-gcm'): FastPath {
  const hashes = new Set(nodeCrypto.getHashes().map((h) => h.toLowerCase()));
  const ciphers = new Set(nodeCrypto.getCiphers().map((c) => c.toLowerCase()));
  const haveHash = hashes.has(hash);
  return {
    digest: haveHash ? (data) => copy(hashOnce(nodeCrypto, hash, data)) : undefined,
    createDigest: haveHash
      ? () => {
          const h = nodeCrypto.createHash(hash);
          const self: IncrementalDigest = {
            update(data) {
              h.update(data);
              return self;
            },
            digest: () => copy(h.digest()),
          };
          return self;
        }
      : undefined,
    hmac: haveHash
      ? (key, data) => {
          const h = nodeCrypto.createHmac(hash, key);
          h.update(data);
          return copy(h.digest());
        }
      : undefined,
    aead:
      aead === 'sm4-gcm'
        ? ciphers.has('sm4-ctr')
          ? sm4GcmWith(nodeSm4Keystream(nodeCrypto))
          : undefined
        : ciphers.has(aead)
          ? {
              seal(key, nonce, plaintext, aad) {
                const c = nodeCrypto.createCipheriv(aead, key, nonce);
                c.setAAD(aad);
                const ciphertext = concatBytes(c.update(plaintext), c.final());
                return { ciphertext, tag: copy(c.getAuthTag()) };
              },
              open(key, nonce, ciphertext, tag, aad) {
                try {
                  const d = nodeCrypto.createDecipheriv(aead, key, nonce);
                  d.setAAD(aad);
                  d.setAuthTag(tag);
                  const plain = d.update(ciphertext);
                  // GCM's final() adds no bytes: a scanned page is not copied again to join nothing to it (a plain
                  // Uint8Array view, as the pure-JS path returns, not node's Buffer).
                  const rest = d.final();
                  return rest.length ? concatBytes(plain, rest) : new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
                } catch {
                  return null;
                }
              },
            }
          : undefined,
  };
}

function hashOnce(nodeCrypto: NodeCryptoLike, hash: string, data: Uint8Array): Uint8Array {
  const h = nodeCrypto.createHash(hash);
  h.update(data);
  return h.digest();
}

/**
 * OpenSSL's sm4-ctr as GCM's keystream. Its counter carries across all 128 bits where GCM's
 * inc32 wraps the low 32; they agree while the low word does not overflow, which the counter
 * values GCM starts from (0, and J0 = nonce ‖ 1) guarantee below sm4-gcm.ts's 64 GiB limit.
 */
function nodeSm4Keystream(nodeCrypto: NodeCryptoLike): Sm4Keystream {
  return (key, counter, length) => {
    const c = nodeCrypto.createCipheriv('sm4-ctr', key, counter);
    return concatBytes(c.update(new Uint8Array(length)), c.final());
  };
}
