// HKDF over each suite's HMAC: RFC 5869's first test case for HMAC-SHA256, and the openssl
// command line's HKDF for both digests on random inputs, on the pure-JS and fast paths.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createCryptoSuite } from './create-suite';
import { hkdf } from './hkdf';
import { SUITE_TAGS, suiteTagSchema } from './suite';

// each run spawns openssl: on a loaded CI machine that is the slow part, not the code under test
vi.setConfig({ testTimeout: 120_000 });
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function opensslHkdf(digest: 'SHA256' | 'SM3', ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): string {
  const opt = (name: string, b: Uint8Array): string[] => (b.length ? ['-kdfopt', `hex${name}:${toHex(b)}`] : []);
  const args = ['kdf', '-keylen', String(length), '-kdfopt', `digest:${digest}`, ...opt('key', ikm), ...opt('salt', salt), ...opt('info', info), 'HKDF'];
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .replace(/[\s:]/g, '')
    .toLowerCase();
}

describe.each(SUITE_TAGS.flatMap((tag) => [undefined, crypto].map((nodeCrypto) => ({ tag, nodeCrypto, path: nodeCrypto ? 'fast path' : 'pure JS' }))))(
  'HKDF on the $tag suite, $path',
  ({ tag, nodeCrypto }) => {
    const suite = createCryptoSuite(tag, { nodeCrypto });

    it('matches openssl kdf HKDF on random inputs', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 1, max: 100 }), (ikm, salt, info, length) => {
          expect(toHex(hkdf(suite, ikm, salt, info, length))).toBe(opensslHkdf(tag === 'sm' ? 'SM3' : 'SHA256', ikm, salt, info, length));
        }),
        { numRuns: 10 },
      );
    });

    it('refuses lengths HKDF cannot give', () => {
      for (const length of [0, -1, 1.5, 255 * 32 + 1]) expect(() => hkdf(suite, hex('0b'), new Uint8Array(0), new Uint8Array(0), length)).toThrow(RangeError);
    });
  },
);

it('HKDF-SHA256 gives RFC 5869 test case 1', () => {
  const okm = hkdf(createCryptoSuite('international'), hex('0b'.repeat(22)), hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42);
  expect(toHex(okm)).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
});

it('a deployment names its suite as international or sm, nothing else', () => {
  expect(suiteTagSchema.parse('sm')).toBe('sm');
  expect(suiteTagSchema.parse('international')).toBe('international');
  for (const bad of ['SM', 'aes', '', null, 2]) expect(suiteTagSchema.safeParse(bad).success).toBe(false);
});
