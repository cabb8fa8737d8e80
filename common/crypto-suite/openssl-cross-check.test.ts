// SM3, HMAC-SM3, SM4 and SM2 checked against an independent implementation, the `openssl`
// command line, on random inputs: what the suites compute on either path is what OpenSSL
// computes, and SM2 signatures made here verify there and the other way round.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { sm4 } from 'sm-crypto-v2';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { referenceGhash } from '../test-support/ghash-reference';
import { derToRs, opensslHmacSm3, opensslSm2KeyPair, opensslSm2Sign, opensslSm2Verify, opensslSm3, opensslSm4, opensslWorkdir, rsToDer } from '../test-support/openssl-cli';
import { createCryptoSuite } from './create-suite';
import { encodeSignature } from './signature-envelope';

// each run spawns openssl: on a loaded CI machine that is the slow part, not the code under test
vi.setConfig({ testTimeout: 120_000 });
const RUNS = { numRuns: 25 };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const blocksOf = (max: number) => fc.integer({ min: 1, max }).chain((n) => bytes(16 * n));

describe.each([
  { path: 'pure JS', nodeCrypto: undefined },
  { path: 'node:crypto fast path', nodeCrypto: crypto },
])('sm suite on the $path agrees with openssl', ({ nodeCrypto }) => {
  const suite = createCryptoSuite('sm', { nodeCrypto });

  it('SM3', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (data) => {
        expect(suite.digest(data)).toEqual(new Uint8Array(opensslSm3(data)));
      }),
      RUNS,
    );
  });

  it('HMAC-SM3, keys shorter and longer than the 64-byte block', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 130 }), fc.uint8Array({ maxLength: 500 }), (key, data) => {
        expect(suite.hmac(key, data)).toEqual(new Uint8Array(opensslHmacSm3(key, data)));
      }),
      RUNS,
    );
  });

  it('SM4-GCM: the ciphertext is openssl’s SM4-CTR from J0+1, the tag GHASH (SP 800-38D, written out) masked by SM4(J0)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 40 }), (plain, ad) => {
        const key = suite.newSealKey();
        const sealed = suite.seal(key, plain, ad);
        const nonce = sealed.subarray(2, 14);
        const ciphertext = sealed.subarray(14, sealed.length - 16);
        const tag = sealed.subarray(sealed.length - 16);
        const counter = (n: number): Uint8Array => Uint8Array.of(...nonce, 0, 0, 0, n);
        expect(ciphertext).toEqual(new Uint8Array(opensslSm4('ctr', key, counter(2), plain)));
        const authenticated = Uint8Array.of(...sealed.subarray(0, 2), ...ad); // the envelope's header is authenticated too
        const h = opensslSm4('ecb', key, null, new Uint8Array(16));
        const mask = opensslSm4('ecb', key, null, counter(1));
        expect(tag).toEqual(referenceGhash(h, authenticated, ciphertext).map((b, i) => b ^ mask[i]!));
      }),
      RUNS,
    );
  });
});

describe('SM4 blocks (sm-crypto-v2, under SM4-GCM) agree with openssl', () => {
  it.each(['ecb', 'cbc'] as const)('SM4-%s', (mode) => {
    fc.assert(
      fc.property(bytes(16), bytes(16), blocksOf(20), (key, iv, data) => {
        const ours = sm4.encrypt(data, key, { mode, iv: mode === 'cbc' ? iv : undefined, padding: 'none', output: 'array' });
        expect(ours).toEqual(new Uint8Array(opensslSm4(mode, key, mode === 'cbc' ? iv : null, data)));
      }),
      RUNS,
    );
  });
});

describe('SM2 signatures cross-verify with openssl', () => {
  const suite = createCryptoSuite('sm');
  const work = opensslWorkdir();
  afterAll(() => work.remove());

  it('what the suite signs, openssl verifies; with another message, it refuses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (message) => {
        const pair = suite.generateSigningKeyPair();
        const der = rsToDer(suite.sign(pair, message).subarray(2));
        expect(opensslSm2Verify(work.dir, pair.publicKey, message, der)).toBe(true);
        expect(opensslSm2Verify(work.dir, pair.publicKey, Uint8Array.of(...message, 0), der)).toBe(false);
      }),
      { numRuns: 12 },
    );
  });

  it('what openssl signs, the suite verifies; its key pair is the suite’s key pair', () => {
    for (let i = 0; i < 6; i++) {
      const openssl = opensslSm2KeyPair(work.dir, `k${i}`);
      expect(suite.publicKeyOf(openssl.privateKey)).toEqual(openssl.publicKey);
      const message = utf8(`POST\n/v1/submissions\n${i}\n${crypto.randomUUID()}`);
      const signature = encodeSignature('sm', derToRs(opensslSm2Sign(openssl.pemPath, message)));
      expect(suite.verify(openssl.publicKey, message, signature)).toBe(true);
      expect(suite.verify(openssl.publicKey, utf8('another request'), signature)).toBe(false);
    }
  });
});
