// Whether bytes presented as a terminal's (or release signer's) public key can be registered:
// central checks this before storing a key, so a garbage or weak key is refused at enrolment,
// not discovered as "every signature fails" later. SM2: a 65-byte uncompressed point on the
// curve (not the identity). Ed25519: a 32-byte point that decodes and is not of small order
// (a small-order key makes signatures that verify for many messages).
import { ed25519 } from '@noble/curves/ed25519';
import { sm2 } from 'sm-crypto-v2';
import type { SuiteTag } from './suite';

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function isUsablePublicKey(suite: SuiteTag, publicKey: unknown): boolean {
  if (!(publicKey instanceof Uint8Array)) return false;
  try {
    if (suite === 'sm') return publicKey.length === 65 && publicKey[0] === 0x04 && sm2.verifyPublicKey(toHex(publicKey));
    return publicKey.length === 32 && !ed25519.ExtendedPoint.fromHex(toHex(publicKey)).isSmallOrder();
  } catch {
    return false; // not a point on the curve
  }
}
