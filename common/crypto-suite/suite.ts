// The crypto suite a deployment runs: one interface, two implementations (`international`,
// `sm`), chosen once per deployment and never mixed silently. Every sealed value and every
// signature carries the tag of the suite that made it, so a reader can tell and refuse the
// other suite's items instead of misreading them.
//
// Synchronous on purpose. The outbox seals personal data inside one better-sqlite3 transaction
// (durable before acknowledged), and a transaction callback cannot await; the implementations
// underneath (pure JS, and node:crypto as the optional fast path) are synchronous anyway. Web
// Crypto, the only asynchronous source, is not needed: the renderer does no cryptography.
// Large files are sealed by the caller in chunks, so no single call holds the event loop long
// (`bench/crypto-suite.bench.ts` measures the cost per MiB).
import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import type { Result } from '../result';

export const SUITE_TAGS = ['international', 'sm'] as const;
export type SuiteTag = (typeof SUITE_TAGS)[number];
/** The validated-config and wire form of a suite's name. */
export const suiteTagSchema = lazySchema(() => z.enum(SUITE_TAGS));

/** What each suite runs, for logs, the technician screen and central's announcement check. */
export type SuiteAlgorithms = {
  readonly digest: 'SHA-256' | 'SM3';
  readonly mac: 'HMAC-SHA256' | 'HMAC-SM3';
  readonly aead: 'AES-256-GCM' | 'SM4-GCM';
  readonly signature: 'Ed25519' | 'SM2';
};

/** A terminal's (or a release signer's) key pair; raw bytes, so any keystore can hold them. */
export type SigningKeyPair = {
  readonly suite: SuiteTag;
  /** Ed25519: the 32-byte seed. SM2: the 32-byte scalar d. */
  readonly privateKey: Uint8Array;
  /** Ed25519: 32 bytes. SM2: 65 bytes, uncompressed point 04‖x‖y (what central registers). */
  readonly publicKey: Uint8Array;
};

/**
 * Why a sealed value did not open. `wrong-suite`: another (known) suite sealed it — never
 * opened with the wrong algorithm, never a silent downgrade. `unauthentic`: the tag does not
 * check (wrong key, tampered bytes, or associated data for another row / column / file).
 */
export type OpenError = 'malformed' | 'unknown-suite' | 'wrong-suite' | 'unauthentic';

/** A digest fed piece by piece (a file verified chunk by chunk); used once. */
export type IncrementalDigest = {
  update(data: Uint8Array): IncrementalDigest;
  /** The digest of everything given; the object is spent afterwards. */
  digest(): Uint8Array;
};

export interface CryptoSuite {
  readonly tag: SuiteTag;
  readonly algorithms: SuiteAlgorithms;
  /** Length of a sealing key: 32 bytes (AES-256), 16 bytes (SM4). */
  readonly sealKeyBytes: number;
  /** Length of a digest and of an HMAC: 32 bytes for both suites. */
  readonly digestBytes: number;

  /** SHA-256 / SM3 of `data` (attachment and chunk integrity, receipt-claim digests). */
  digest(data: Uint8Array): Uint8Array;
  /** The same digest fed piece by piece: `createDigest().update(a).update(b).digest()` = `digest(a ‖ b)`. */
  createDigest(): IncrementalDigest;
  /** HMAC-SHA256 / HMAC-SM3 (RFC 2104 over the suite's hash); any key length. */
  hmac(key: Uint8Array, data: Uint8Array): Uint8Array;

  /** A fresh random sealing key of `sealKeyBytes`. */
  newSealKey(): Uint8Array;
  /**
   * AEAD with a fresh random 96-bit nonce. `associatedData` binds the value to where it belongs
   * (row and column, file id and chunk index): the same bytes under other associated data do not
   * open. The output carries this suite's tag (see `sealed-envelope.ts`). Throws only on a key of
   * the wrong length (a programming error).
   */
  seal(key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array;
  /** Never throws on input: garbage, truncation, bit flips, the other suite's items → `err`. */
  open(key: Uint8Array, sealed: Uint8Array, associatedData: Uint8Array): Result<Uint8Array, OpenError>;

  generateSigningKeyPair(): SigningKeyPair;
  /** The public key of a stored private key (after reading it back from a keystore); throws if it is not a valid key. */
  publicKeyOf(privateKey: Uint8Array): Uint8Array;
  /**
   * A signature carrying this suite's tag (see `signature-envelope.ts`). The pair must be whole
   * (from `generateSigningKeyPair`, or `publicKeyOf` its private key): SM2 hashes the public key
   * into Z, so a mismatched one makes signatures nobody can verify.
   */
  sign(keyPair: SigningKeyPair, message: Uint8Array): Uint8Array;
  /** False on anything but a good signature by `publicKey` over `message` made by this suite: never throws. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}
