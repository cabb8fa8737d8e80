// Signature checks behind one small interface: an algorithm tag and verify(publicKey, bytes, sig).
// Ed25519 (node:crypto) today; an SM2 verifier (国密, issue 16) plugs in as another entry of
// VERIFIERS without touching the updater or the remote configuration.
import crypto from 'node:crypto';
import type { SignatureAlgorithm } from '../../../common/fleet-updates';

export interface SignatureVerifier {
  readonly algorithm: SignatureAlgorithm;
  /** publicKey: the key as pinned (PEM SubjectPublicKeyInfo); false on any mismatch or malformed input */
  verify(publicKey: string, bytes: Uint8Array, signature: Uint8Array): boolean;
}

export const ed25519Verifier: SignatureVerifier = {
  algorithm: 'ed25519',
  verify(publicKey, bytes, signature) {
    try {
      const key = crypto.createPublicKey(publicKey);
      if (key.asymmetricKeyType !== 'ed25519') return false;
      return crypto.verify(null, bytes, key, signature);
    } catch {
      return false;
    }
  },
};

const VERIFIERS: Record<SignatureAlgorithm, SignatureVerifier> = { ed25519: ed25519Verifier };

/** A public key the app trusts, with the algorithm it is for. */
export interface PinnedKey {
  algorithm: SignatureAlgorithm;
  /** PEM SubjectPublicKeyInfo */
  publicKey: string;
}

/** Whether any pinned key of the signature's algorithm verifies it. */
export function verifiedByPinnedKey(keys: readonly PinnedKey[], algorithm: SignatureAlgorithm, bytes: Uint8Array, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return false;
  const verifier = VERIFIERS[algorithm];
  return keys.some((k) => k.algorithm === algorithm && verifier.verify(k.publicKey, bytes, signature));
}
