// The technician PIN is stored only as a salted scrypt hash in the config file:
// scrypt$N$r$p$<salt base64url>$<hash base64url>. Verification is constant-time.
import crypto from 'node:crypto';

const KEY_LEN = 32;

export function hashPin(pin: string, opts: { N?: number; r?: number; p?: number; salt?: Buffer } = {}): string {
  const N = opts.N ?? 16384;
  const r = opts.r ?? 8;
  const p = opts.p ?? 1;
  const salt = opts.salt ?? crypto.randomBytes(16);
  const hash = crypto.scryptSync(pin.normalize('NFKC'), salt, KEY_LEN, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 1 << 20) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const got = crypto.scryptSync(pin.normalize('NFKC'), salt, expected.length, { N, r, p, maxmem: 256 * N * r });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

/** PIN rules: 6–12 digits (entered on the on-screen number pad). */
export function pinProblem(pin: string): string | null {
  return /^\d{6,12}$/.test(pin) ? null : 'PIN 应为 6–12 位数字 / the PIN must be 6–12 digits';
}
