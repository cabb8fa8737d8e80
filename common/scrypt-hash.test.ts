import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scryptHashWith, verifyScryptWith } from './scrypt-hash';

const COST = { N: 1024, r: 8, p: 1 };

describe('salted scrypt hashes', () => {
  it('verify the secret they were made from (NFKC: full-width digits are the same PIN), and no other', () => {
    const stored = scryptHashWith(crypto, '13572468', COST);
    expect(verifyScryptWith(crypto, '１３５７２４６８', stored)).toBe(true);
    expect(verifyScryptWith(crypto, '13572469', stored)).toBe(false);
  });

  it('refuse every secret against a stored hash whose hash part is empty or a few bytes (nothing compared with nothing, or one byte in 256)', () => {
    const salt = scryptHashWith(crypto, 'x', COST).split('$')[4];
    expect(verifyScryptWith(crypto, '000000', `scrypt$1024$8$1$${salt}$`)).toBe(false);
    const oneByte = crypto.scryptSync('000000', Buffer.from(salt!, 'base64url'), 1, { ...COST, maxmem: 256 * 1024 * 8 }).toString('base64url');
    expect(verifyScryptWith(crypto, '000000', `scrypt$1024$8$1$${salt}$${oneByte}`)).toBe(false);
  });
});
