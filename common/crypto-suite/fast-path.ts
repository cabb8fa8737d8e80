// The optional node:crypto fast path. common/ may not import Node, so the Node side hands its
// `node:crypto` module in (`createCryptoSuite(tag, { nodeCrypto })`) and this file adapts what
// that OpenSSL offers: SHA-256, SM3 and their HMACs, AES-256-GCM. SM4 is in Node's
// OpenSSL only as ECB/CBC/CTR (no sm4-gcm), and SM2 signing cannot be given the user ID that Z
// needs, so both stay on the pure-JS path. Electron's BoringSSL has neither SM3 nor SM4: each
// algorithm is taken only if this OpenSSL actually has it, otherwise the pure-JS one runs.
//
// Switched off with `KIOSK_CRYPTO_FAST_PATH=off` (see `fastPathWanted`): the suite's tests run
// once each way, so the pure-JS path — the one Electron relies on — is proven on its own.

/** The part of node:crypto the fast path uses, typed structurally (no Node types in common/). */
export interface NodeCryptoLike {
  getHashes(): string[];
  getCiphers(): string[];
  createHash(algorithm: string): { update(data: Uint8Array): unknown; digest(): Uint8Array };
  createHmac(algorithm: string, key: Uint8Array): { update(data: Uint8Array): unknown; digest(): Uint8Array };
  createCipheriv(algorithm: 'aes-256-gcm', key: Uint8Array, iv: Uint8Array): { setAAD(data: Uint8Array): unknown; update(data: Uint8Array): Uint8Array; final(): Uint8Array; getAuthTag(): Uint8Array };
  createDecipheriv(
    algorithm: 'aes-256-gcm',
    key: Uint8Array,
    iv: Uint8Array,
  ): { setAAD(data: Uint8Array): unknown; setAuthTag(tag: Uint8Array): unknown; update(data: Uint8Array): Uint8Array; final(): Uint8Array };
}

/** Whether the environment asks for the fast path (default yes; `KIOSK_CRYPTO_FAST_PATH=off` turns it off). */
export function fastPathWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  return !['off', '0', 'false', 'no'].includes((env.KIOSK_CRYPTO_FAST_PATH ?? '').trim().toLowerCase());
}

export type Aead = {
  seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array };
  /** The plaintext, or null when the tag does not check. */
  open(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Uint8Array | null;
};

export type FastPath = {
  readonly digest?: (data: Uint8Array) => Uint8Array;
  readonly hmac?: (key: Uint8Array, data: Uint8Array) => Uint8Array;
  readonly aead?: Aead;
};

const copy = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** What node:crypto can speed up for the given hash and AEAD names; absent entries fall back to pure JS. */
export function nodeFastPath(nodeCrypto: NodeCryptoLike, hash: 'sha256' | 'sm3', aead: 'aes-256-gcm' | null): FastPath {
  const hashes = new Set(nodeCrypto.getHashes().map((h) => h.toLowerCase()));
  const ciphers = new Set(nodeCrypto.getCiphers().map((c) => c.toLowerCase()));
  const haveHash = hashes.has(hash);
  return {
    digest: haveHash ? (data) => copy(hashOnce(nodeCrypto, hash, data)) : undefined,
    hmac: haveHash
      ? (key, data) => {
          const h = nodeCrypto.createHmac(hash, key);
          h.update(data);
          return copy(h.digest());
        }
      : undefined,
    aead:
      aead !== null && ciphers.has(aead)
        ? {
            seal(key, nonce, plaintext, aad) {
              const c = nodeCrypto.createCipheriv(aead, key, nonce);
              c.setAAD(aad);
              const ciphertext = concat(c.update(plaintext), c.final());
              return { ciphertext, tag: copy(c.getAuthTag()) };
            },
            open(key, nonce, ciphertext, tag, aad) {
              try {
                const d = nodeCrypto.createDecipheriv(aead, key, nonce);
                d.setAAD(aad);
                d.setAuthTag(tag);
                return concat(d.update(ciphertext), d.final());
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
