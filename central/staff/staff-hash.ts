// Central hashes a helper's card number and PIN once, at enrolment; terminals only verify.
// Format (documented in API.md): scrypt$N$r$p$<salt base64url>$<hash base64url>, a fresh random
// salt per value. The card number is normalised (upper-case final X) so either spelling matches.
import crypto from 'node:crypto';
import { formatScrypt, parseScrypt, scryptMaxmem, type ScryptCost } from '../../common/scrypt-format';

export type { ScryptCost };

/** The cost used for published hashes; tests pass a cheaper one. */
export const STAFF_SCRYPT_COST: ScryptCost = { N: 16384, r: 8, p: 1 };

export function scryptHash(secret: string, cost: ScryptCost = STAFF_SCRYPT_COST): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(secret.normalize('NFKC'), salt, 32, { ...cost, maxmem: scryptMaxmem(cost) });
  return formatScrypt(cost, salt.toString('base64url'), hash.toString('base64url'));
}

export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** Constant-time check of a secret against one of the hashes above. */
export function verifyScrypt(secret: string, stored: string): boolean {
  const s = parseScrypt(stored);
  if (!s) return false;
  const expected = Buffer.from(s.hash, 'base64url');
  const got = crypto.scryptSync(secret.normalize('NFKC'), Buffer.from(s.salt, 'base64url'), expected.length, { N: s.N, r: s.r, p: s.p, maxmem: scryptMaxmem(s) });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}
