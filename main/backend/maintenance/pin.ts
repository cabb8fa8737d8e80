// The technician PIN is stored only as a salted scrypt hash in the config file:
// scrypt$N$r$p$<salt base64url>$<hash base64url>. Verification is constant-time.
import crypto from 'node:crypto';
import { formatScrypt, parseScrypt, scryptMaxmem } from '../../../common/scrypt-format';

const KEY_LEN = 32;

export function hashPin(pin: string, opts: { N?: number; r?: number; p?: number; salt?: Buffer } = {}): string {
  const N = opts.N ?? 16384;
  const r = opts.r ?? 8;
  const p = opts.p ?? 1;
  const salt = opts.salt ?? crypto.randomBytes(16);
  const hash = crypto.scryptSync(pin.normalize('NFKC'), salt, KEY_LEN, { N, r, p, maxmem: scryptMaxmem({ N, r, p }) });
  return formatScrypt({ N, r, p }, salt.toString('base64url'), hash.toString('base64url'));
}

export function verifyPin(pin: string, stored: string): boolean {
  const s = parseScrypt(stored);
  if (!s) return false;
  const expected = Buffer.from(s.hash, 'base64url');
  const got = crypto.scryptSync(pin.normalize('NFKC'), Buffer.from(s.salt, 'base64url'), expected.length, { N: s.N, r: s.r, p: s.p, maxmem: scryptMaxmem(s) });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

/** The PIN rule: digits only (entered on the on-screen number pad), this many of them. */
const PIN_DIGITS = { min: 6, max: 12 } as const;

/** Why a PIN cannot be the technician's, as a code with the rule's figures (whoever shows it words it), or null. */
export function pinProblem(pin: string): { problem: 'pin-format'; minDigits: number; maxDigits: number } | null {
  const fits = /^\d+$/.test(pin) && pin.length >= PIN_DIGITS.min && pin.length <= PIN_DIGITS.max;
  return fits ? null : { problem: 'pin-format', minDigits: PIN_DIGITS.min, maxDigits: PIN_DIGITS.max };
}
