// The one text form of a salted scrypt hash, shared by the technician PIN (config file) and
// central's staff hashes (API.md): scrypt$N$r$p$<salt base64url>$<hash base64url>. Only the text
// form lives here (common/ has no crypto); each side derives with node:crypto.

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** A stored hash taken apart: its cost, salt and hash (base64url). */
export interface ScryptParts extends ScryptCost {
  salt: string;
  hash: string;
}

export function formatScrypt(c: ScryptCost, salt: string, hash: string): string {
  return `scrypt$${c.N}$${c.r}$${c.p}$${salt}$${hash}`;
}

/** The parts of a stored hash, or null for anything else (and for a cost too high to compute: N over 2^20). */
export function parseScrypt(stored: string): ScryptParts | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 1 << 20) return null;
  return { N, r, p, salt: parts[4]!, hash: parts[5]! };
}

/** Memory scrypt needs for this cost (node's default cap is lower than N = 16384, r = 8 needs). */
export const scryptMaxmem = (c: ScryptCost) => 256 * c.N * c.r;
