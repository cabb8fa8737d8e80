// The technician PIN is stored only as a salted scrypt hash in the config file:
// scrypt$N$r$p$<salt base64url>$<hash base64url>. Verification is constant-time.
import crypto from 'node:crypto';
import { scryptHashWith, verifyScryptWith } from '../../../common/scrypt-hash';

export function hashPin(pin: string, opts: { N?: number; r?: number; p?: number; salt?: Uint8Array } = {}): string {
  return scryptHashWith(crypto, pin, { N: opts.N ?? 16384, r: opts.r ?? 8, p: opts.p ?? 1 }, opts.salt);
}

export function verifyPin(pin: string, stored: string): boolean {
  return verifyScryptWith(crypto, pin, stored);
}

/** The PIN rule: digits only (entered on the on-screen number pad), this many of them. */
const PIN_DIGITS = { min: 6, max: 12 } as const;

/** Why a PIN cannot be the technician's, as a code with the rule's figures (whoever shows it words it), or null. */
export function pinProblem(pin: string): { problem: 'pin-format'; minDigits: number; maxDigits: number } | null {
  const fits = /^\d+$/.test(pin) && pin.length >= PIN_DIGITS.min && pin.length <= PIN_DIGITS.max;
  return fits ? null : { problem: 'pin-format', minDigits: PIN_DIGITS.min, maxDigits: PIN_DIGITS.max };
}
