// Central hashes a helper's card number and PIN once, at enrolment; terminals only verify.
// Format (documented in API.md): scrypt$N$r$p$<salt base64url>$<hash base64url>, a fresh random
// salt per value. The card number is normalised (upper-case final X) so either spelling matches.
import crypto from 'node:crypto';
import type { ScryptCost } from '../../common/scrypt-format';
import { scryptHashWith, verifyScryptWith } from '../../common/scrypt-hash';

export type { ScryptCost };

/** The cost used for published hashes; tests pass a cheaper one. */
export const STAFF_SCRYPT_COST: ScryptCost = { N: 16384, r: 8, p: 1 };

export function scryptHash(secret: string, cost: ScryptCost = STAFF_SCRYPT_COST): string {
  return scryptHashWith(crypto, secret, cost);
}

export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** Constant-time check of a secret against one of the hashes above. */
export function verifyScrypt(secret: string, stored: string): boolean {
  return verifyScryptWith(crypto, secret, stored);
}
