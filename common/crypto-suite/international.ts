// The `international` suite: AES-256-GCM, SHA-256, HMAC-SHA256 and Ed25519 signatures, in pure
// JS (@noble) so it runs the same in Node, Electron and a browser; node:crypto speeds up the
// hash, HMAC and AES-GCM when given. Ed25519 rather than ECDSA P-256: signatures are
// deterministic (RFC 8032), so a weak or repeated random number at signing time on a kiosk
// cannot leak its private key, as a repeated ECDSA nonce would; keys and signatures are small
// fixed-size byte strings; verification has no malleable encodings to canonicalise.
import { gcm } from '@noble/ciphers/aes';
import { ed25519 } from '@noble/curves/ed25519';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { makeSuite, type Primitives } from './make-suite';
import type { Aead } from './aead';
import type { FastPath } from './fast-path';
import type { CryptoSuite, IncrementalDigest, SigningKeyPair } from './suite';

const TAG_BYTES = 16;

export const pureAesGcm: Aead = {
  seal(key, nonce, plaintext, aad) {
    const out = gcm(key, nonce, aad).encrypt(plaintext);
    return { ciphertext: out.subarray(0, out.length - TAG_BYTES), tag: out.subarray(out.length - TAG_BYTES) };
  },
  open(key, nonce, ciphertext, tag, aad) {
    const joined = new Uint8Array(ciphertext.length + tag.length);
    joined.set(ciphertext);
    joined.set(tag, ciphertext.length);
    try {
      return gcm(key, nonce, aad).decrypt(joined);
    } catch {
      return null;
    }
  },
};

export function internationalSuite(fast: FastPath = {}): CryptoSuite {
  const primitives: Primitives = {
    tag: 'international',
    algorithms: { digest: 'SHA-256', mac: 'HMAC-SHA256', aead: 'AES-256-GCM', signature: 'Ed25519' },
    sealKeyBytes: 32,
    digest: fast.digest ?? ((data) => sha256(data)),
    createDigest:
      fast.createDigest ??
      (() => {
        const h = sha256.create();
        const self: IncrementalDigest = {
          update(data) {
            h.update(data);
            return self;
          },
          digest: () => h.digest(),
        };
        return self;
      }),
    hmac: fast.hmac ?? ((key, data) => hmac(sha256, key, data)),
    aead: fast.aead ?? pureAesGcm,
    generateSigningKeyPair(): SigningKeyPair {
      const privateKey = ed25519.utils.randomPrivateKey();
      return { suite: 'international', privateKey, publicKey: ed25519.getPublicKey(privateKey) };
    },
    publicKeyOf: (privateKey) => ed25519.getPublicKey(privateKey),
    signRaw: (keyPair, message) => ed25519.sign(message, keyPair.privateKey),
    // zip215: false — RFC 8032 strict verification, so every verifier agrees on what is valid.
    verifyRaw: (publicKey, message, raw) => publicKey.length === 32 && ed25519.verify(raw, message, publicKey, { zip215: false }),
  };
  return makeSuite(primitives);
}
