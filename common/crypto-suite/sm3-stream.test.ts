// The pure-JS incremental SM3 (what Electron, without SM3 in BoringSSL, digests attachments
// with): split anywhere it gives the one-shot digest, OpenSSL's and node:crypto's; and it holds
// only a block, never the input, so a large attachment is digested in constant memory.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { opensslSm3 } from '../test-support/openssl-cli';
import { createCryptoSuite } from './create-suite';
import { createSm3 } from './sm3-stream';

vi.setConfig({ testTimeout: 120_000 });
const pure = createCryptoSuite('sm');
const nodeSm3 = (data: Uint8Array): Uint8Array => new Uint8Array(crypto.createHash('sm3').update(data).digest());

/** `data` cut at the given points (sorted, clamped), each piece fed in turn. */
function fedInPieces(data: Uint8Array, cuts: number[]): Uint8Array {
  const at = [...new Set(cuts.map((c) => Math.min(c, data.length)))].sort((a, b) => a - b);
  const h = createSm3();
  let from = 0;
  for (const c of [...at, data.length]) {
    h.update(data.subarray(from, c));
    from = c;
  }
  return h.digest();
}

describe('streaming SM3', () => {
  it('gives the standard’s example digests (GB/T 32905-2016 appendix A), fed byte by byte', () => {
    const abc = createSm3();
    for (const b of new TextEncoder().encode('abc')) abc.update(Uint8Array.of(b));
    expect(Buffer.from(abc.digest()).toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    const long = createSm3();
    for (let i = 0; i < 16; i++) long.update(new TextEncoder().encode('abcd'));
    expect(Buffer.from(long.digest()).toString('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('split at random points, equals the one-shot digest and node:crypto’s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat({ max: 2000 }), { maxLength: 12 }), (data, cuts) => {
        const streamed = fedInPieces(data, cuts);
        expect(streamed).toEqual(pure.digest(data));
        expect(streamed).toEqual(nodeSm3(data));
      }),
      { numRuns: 300 },
    );
  });

  it('split around block and padding boundaries (55, 56, 63, 64, 65 bytes …), equals openssl', () => {
    const lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000];
    fc.assert(
      fc.property(fc.constantFrom(...lengths), fc.array(fc.nat({ max: 1000 }), { maxLength: 5 }), fc.integer({ min: 0, max: 255 }), (n, cuts, seed) => {
        const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
        expect(fedInPieces(data, cuts)).toEqual(new Uint8Array(opensslSm3(data)));
      }),
      { numRuns: 30 },
    );
  });

  it('is spent after digest: a second digest or update throws instead of answering wrongly', () => {
    const h = createSm3().update(Uint8Array.of(1));
    h.digest();
    expect(() => h.digest()).toThrow();
    expect(() => h.update(Uint8Array.of(2))).toThrow();
  });

  it('digests 64 MiB fed in 1 MiB pieces without holding them (memory stays flat), as node:crypto does', () => {
    const piece = crypto.randomBytes(1024 * 1024);
    const reference = crypto.createHash('sm3');
    const h = pure.createDigest();
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 64; i++) {
      // the same buffer each time, changed in place: only a digest that copies it grows
      piece[i] = i;
      h.update(piece);
      reference.update(piece);
    }
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(h.digest()).toEqual(new Uint8Array(reference.digest()));
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });
});
