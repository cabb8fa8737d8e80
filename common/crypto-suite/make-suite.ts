// What both suites share: the sealed and signature envelopes around each suite's primitives,
// input checks, and the rule that opening and verifying never throw on what they are given.
import { err, ok } from '../result';
import type { Aead } from './aead';
import { authenticatedData, decodeSealed, encodeSealed, NONCE_BYTES } from './sealed-envelope';
import { encodeSignature, RAW_SIGNATURE_BYTES, rawSignatureFor } from './signature-envelope';
import type { CryptoSuite, IncrementalDigest, SigningKeyPair, SuiteAlgorithms, SuiteTag } from './suite';

export type Primitives = {
  readonly tag: SuiteTag;
  readonly algorithms: SuiteAlgorithms;
  readonly sealKeyBytes: number;
  readonly digest: (data: Uint8Array) => Uint8Array;
  /** Constant memory whatever is fed (a large attachment is never held whole to be hashed). */
  readonly createDigest: () => IncrementalDigest;
  readonly hmac: (key: Uint8Array, data: Uint8Array) => Uint8Array;
  readonly aead: Aead;
  readonly generateSigningKeyPair: () => SigningKeyPair;
  readonly publicKeyOf: (privateKey: Uint8Array) => Uint8Array;
  readonly signRaw: (keyPair: SigningKeyPair, message: Uint8Array) => Uint8Array;
  /** May throw on garbage; `verify` below turns every throw into false. */
  readonly verifyRaw: (publicKey: Uint8Array, message: Uint8Array, raw: Uint8Array) => boolean;
};

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export function makeSuite(p: Primitives): CryptoSuite {
  const checkKey = (key: Uint8Array): void => {
    if (!(key instanceof Uint8Array) || key.length !== p.sealKeyBytes) throw new RangeError(`${p.algorithms.aead} needs a ${p.sealKeyBytes}-byte key`);
  };
  return {
    tag: p.tag,
    algorithms: p.algorithms,
    sealKeyBytes: p.sealKeyBytes,
    digestBytes: 32,
    digest: p.digest,
    createDigest: p.createDigest,
    hmac: p.hmac,
    newSealKey: () => randomBytes(p.sealKeyBytes),
    seal(key, plaintext, associatedData) {
      checkKey(key);
      const nonce = randomBytes(NONCE_BYTES);
      const { ciphertext, tag } = p.aead.seal(key, nonce, plaintext, authenticatedData(p.tag, associatedData));
      return encodeSealed(p.tag, nonce, ciphertext, tag);
    },
    open(key, sealed, associatedData) {
      checkKey(key);
      const parts = decodeSealed(p.tag, sealed);
      if (!parts.ok) return parts;
      let plain: Uint8Array | null;
      try {
        plain = p.aead.open(key, parts.value.nonce, parts.value.ciphertext, parts.value.tag, authenticatedData(p.tag, associatedData));
      } catch {
        plain = null;
      }
      return plain === null ? err('unauthentic') : ok(plain);
    },
    generateSigningKeyPair: p.generateSigningKeyPair,
    publicKeyOf: p.publicKeyOf,
    sign(keyPair, message) {
      if (keyPair.suite !== p.tag) throw new TypeError(`a ${keyPair.suite} key cannot sign for the ${p.tag} suite`);
      const raw = p.signRaw(keyPair, message);
      if (raw.length !== RAW_SIGNATURE_BYTES) throw new Error(`${p.algorithms.signature} produced a ${raw.length}-byte signature`);
      return encodeSignature(p.tag, raw);
    },
    verify(publicKey, message, signature) {
      const raw = rawSignatureFor(p.tag, signature);
      if (raw === null || !(publicKey instanceof Uint8Array) || !(message instanceof Uint8Array)) return false;
      try {
        return p.verifyRaw(publicKey, message, raw) === true;
      } catch {
        return false;
      }
    },
  };
}
