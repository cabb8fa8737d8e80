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

/** PIN rules: 6–12 digits (entered on the on-screen number pad). */
export function pinProblem(pin: string): string | null {
  return /^\d{6,12}$/.test(pin) ? null : 'PIN 应为 6–12 位数字 / the PIN must be 6–12 digits';
}
