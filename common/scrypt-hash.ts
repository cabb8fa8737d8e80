// Hashing a secret with salted scrypt and checking it, one rule for the technician PIN
// (main/backend/maintenance/pin.ts) and central's staff hashes (central/staff/staff-hash.ts): the
// secret NFKC-normalised, a fresh 16-byte salt, 32 bytes of hash, a constant-time check. common/
// has no crypto of its own, so the Node side hands node:crypto in.
import { formatScrypt, parseScrypt, scryptMaxmem, type ScryptCost } from './scrypt-format';

/** The part of node:crypto used, typed structurally (no Node types in common/). */
export interface NodeScrypt {
  scryptSync(password: string, salt: Uint8Array, keylen: number, options: ScryptCost & { maxmem: number }): Uint8Array;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

const HASH_BYTES = 32;
/** Shorter stored hashes are refused: every hash this code makes has HASH_BYTES. */
const MIN_HASH_BYTES = 16;

function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64url (with or without padding) as bytes; null for anything else. */
function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const bare = text.replace(/=+$/, '');
  if (bare.length % 4 === 1) return null;
  const bin = atob(bare.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (bare.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A new stored hash of `secret` (a fresh random salt unless one is given, for tests). */
export function scryptHashWith(node: NodeScrypt, secret: string, cost: ScryptCost, salt: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  const hash = node.scryptSync(secret.normalize('NFKC'), salt, HASH_BYTES, { ...cost, maxmem: scryptMaxmem(cost) });
  return formatScrypt(cost, toBase64url(salt), toBase64url(hash));
}

/** Constant-time check of `secret` against a stored hash; false for anything that is not one. */
export function verifyScryptWith(node: NodeScrypt, secret: string, stored: string): boolean {
  const s = parseScrypt(stored);
  if (!s) return false;
  const salt = fromBase64url(s.salt);
  const expected = fromBase64url(s.hash);
  // a hash part that is empty (or a few bytes) would match (almost) any secret
  if (!salt || !expected || expected.length < MIN_HASH_BYTES) return false;
  const got = node.scryptSync(secret.normalize('NFKC'), salt, expected.length, { N: s.N, r: s.r, p: s.p, maxmem: scryptMaxmem(s) });
  return got.length === expected.length && node.timingSafeEqual(got, expected);
}
