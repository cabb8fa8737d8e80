// Central hashes a helper's card number and PIN once, at enrolment; terminals only verify.
// Format (documented in API.md): scrypt$N$r$p$<salt base64url>$<hash base64url>, a fresh random
// salt per value. The card number is normalised (upper-case final X) so either spelling matches.
import crypto from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** The cost used for published hashes; tests pass a cheaper one. */
export const STAFF_SCRYPT_COST: ScryptCost = { N: 16384, r: 8, p: 1 };

export function scryptHash(secret: string, cost: ScryptCost = STAFF_SCRYPT_COST): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(secret.normalize('NFKC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** Constant-time check of a secret against one of the hashes above. */
export function verifyScrypt(secret: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 1 << 20) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const got = crypto.scryptSync(secret.normalize('NFKC'), Buffer.from(parts[4]!, 'base64url'), expected.length, { N, r, p, maxmem: 256 * N * r });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}
