// What a caller of either suite relies on, run twice: on the pure-JS path (what Electron runs:
// no node:crypto at all) and on the node:crypto fast path. Sealed values and signatures name
// their suite, open and verify refuse the other suite's items, and neither throws on garbage.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCryptoSuite } from './create-suite';
import { fastPathWanted } from './fast-path';
import { isUsablePublicKey } from './public-key';
import { sealedSuiteOf } from './sealed-envelope';
import { signatureSuiteOf } from './signature-envelope';
import { SUITE_TAGS, type SuiteTag } from './suite';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const other = (tag: SuiteTag): SuiteTag => (tag === 'sm' ? 'international' : 'sm');
const CASES = SUITE_TAGS.flatMap((tag) => [
  { tag, path: 'pure JS', nodeCrypto: undefined },
  { tag, path: 'node:crypto fast path', nodeCrypto: crypto },
]);

describe.each(CASES)('$tag suite, $path', ({ tag, nodeCrypto }) => {
  const suite = createCryptoSuite(tag, { nodeCrypto });
  const otherPath = createCryptoSuite(tag, { nodeCrypto: nodeCrypto ? undefined : crypto });
  const stranger = createCryptoSuite(other(tag), { nodeCrypto });
  const key = suite.newSealKey();
  const row = utf8('submissions:42:applicant');

  it('names its algorithms and key sizes', () => {
    expect(suite.tag).toBe(tag);
    expect(suite.algorithms).toEqual(
      tag === 'sm' ? { digest: 'SM3', mac: 'HMAC-SM3', aead: 'SM4-GCM', signature: 'SM2' } : { digest: 'SHA-256', mac: 'HMAC-SHA256', aead: 'AES-256-GCM', signature: 'Ed25519' },
    );
    expect(key.length).toBe(tag === 'sm' ? 16 : 32);
    expect(suite.digest(utf8('x')).length).toBe(suite.digestBytes);
    expect(suite.hmac(key, utf8('x')).length).toBe(suite.digestBytes);
  });

  it('opens what it sealed, for any plaintext and associated data, and on the other path too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 64 }), (plain, ad) => {
        const sealed = suite.seal(key, plain, ad);
        expect(sealedSuiteOf(sealed)).toBe(tag);
        expect(suite.open(key, sealed, ad)).toEqual({ ok: true, value: plain });
        expect(otherPath.open(key, sealed, ad)).toEqual({ ok: true, value: plain });
        expect(suite.open(key, otherPath.seal(key, plain, ad), ad)).toEqual({ ok: true, value: plain });
      }),
      { numRuns: 60 },
    );
  });

  it('digests and HMACs agree between the pure-JS and fast paths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 100 }), (data, macKey) => {
        expect(suite.digest(data)).toEqual(otherPath.digest(data));
        expect(suite.hmac(macKey, data)).toEqual(otherPath.hmac(macKey, data));
      }),
      { numRuns: 60 },
    );
  });

  it('digests a file fed in pieces as the whole (chunk-by-chunk verification)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 500 }), { maxLength: 8 }), (pieces) => {
        const whole = Uint8Array.from(pieces.flatMap((p) => [...p]));
        const incremental = suite.createDigest();
        for (const p of pieces) incremental.update(p);
        expect(incremental.digest()).toEqual(suite.digest(whole));
      }),
      { numRuns: 60 },
    );
  });

  it('seals the same value differently each time (fresh nonce) and hides it', () => {
    const a = suite.seal(key, utf8('320102199001011234'), row);
    const b = suite.seal(key, utf8('320102199001011234'), row);
    expect(a).not.toEqual(b);
    expect(Buffer.from(a).includes(Buffer.from('320102199001011234'))).toBe(false);
  });

  it('does not open a value under another row’s associated data, another key, or after tampering', () => {
    const sealed = suite.seal(key, utf8('张三'), row);
    expect(suite.open(key, sealed, utf8('submissions:43:applicant'))).toEqual({ ok: false, error: 'unauthentic' });
    expect(suite.open(suite.newSealKey(), sealed, row)).toEqual({ ok: false, error: 'unauthentic' });
    for (let i = 2; i < sealed.length; i++) {
      const flipped = sealed.slice();
      flipped[i]! ^= 1 << (i % 8);
      expect(suite.open(key, flipped, row)).toEqual({ ok: false, error: 'unauthentic' });
    }
  });

  it('refuses the other suite’s items by name, and a relabelled item, never opening them with the wrong algorithm', () => {
    const theirs = stranger.seal(stranger.newSealKey(), utf8('x'), row);
    expect(suite.open(key, theirs, row)).toEqual({ ok: false, error: 'wrong-suite' });
    const mine = suite.seal(key, utf8('x'), row);
    const relabelled = mine.slice();
    relabelled[1] = theirs[1]!;
    expect(suite.open(key, relabelled, row)).toEqual({ ok: false, error: 'wrong-suite' });
    relabelled[1] = 0x7f;
    expect(suite.open(key, relabelled, row)).toEqual({ ok: false, error: 'unknown-suite' });
    // the outbox's version-1 AES-GCM values (no suite id) are not this format
    expect(suite.open(key, Uint8Array.of(1, ...new Uint8Array(40)), row)).toEqual({ ok: false, error: 'malformed' });
  });

  it('refuses a key of the wrong length as a programming error', () => {
    expect(() => suite.seal(new Uint8Array(24), utf8('x'), row)).toThrow(RangeError);
  });

  it('never throws opening garbage, truncations or bit-flipped values', () => {
    const sealed = suite.seal(key, utf8('一些个人数据'), row);
    for (let n = 0; n < sealed.length; n++) expect(suite.open(key, sealed.subarray(0, n), row).ok).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (garbage) => {
        expect(suite.open(key, garbage, row).ok).toBe(false);
        const headed = Uint8Array.of(sealed[0]!, sealed[1]!, ...garbage);
        expect(suite.open(key, headed, row).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    for (const junk of [null, undefined, 'sealed', 42, {}, [2, 1, 0]]) expect(suite.open(key, junk as unknown as Uint8Array, row).ok).toBe(false);
  });

  const pair = suite.generateSigningKeyPair();

  it('signs with a tagged signature that its public key verifies, and its stored private key gives the same public key', () => {
    expect(pair.suite).toBe(tag);
    expect(pair.publicKey.length).toBe(tag === 'sm' ? 65 : 32);
    expect(suite.publicKeyOf(pair.privateKey)).toEqual(pair.publicKey);
    const message = utf8('POST\n/v1/submissions\n1764672000000\nnonce\nbodyhash');
    const signature = suite.sign(pair, message);
    expect(signatureSuiteOf(signature)).toBe(tag);
    expect(suite.verify(pair.publicKey, message, signature)).toBe(true);
    expect(otherPath.verify(pair.publicKey, message, signature)).toBe(true);
  });

  it('rejects another message, another key, the other suite and a key pair of the other suite', () => {
    const message = utf8('release 1.4.2 sha=…');
    const signature = suite.sign(pair, message);
    expect(suite.verify(pair.publicKey, utf8('release 1.4.3 sha=…'), signature)).toBe(false);
    expect(suite.verify(suite.generateSigningKeyPair().publicKey, message, signature)).toBe(false);
    expect(stranger.verify(pair.publicKey, message, signature)).toBe(false);
    const relabelled = signature.slice();
    relabelled[1] = stranger.sign(stranger.generateSigningKeyPair(), message)[1]!;
    expect(suite.verify(pair.publicKey, message, relabelled)).toBe(false);
    expect(() => suite.sign(stranger.generateSigningKeyPair(), message)).toThrow(TypeError);
  });

  it('never throws verifying garbage signatures, keys or messages, nor bit-flipped signatures', () => {
    const message = utf8('x-kiosk-signature');
    const signature = suite.sign(pair, message);
    for (let i = 0; i < signature.length; i++) {
      const flipped = signature.slice();
      flipped[i]! ^= 1 << (i % 8);
      expect(suite.verify(pair.publicKey, message, flipped)).toBe(false);
    }
    for (let n = 0; n < signature.length; n++) expect(suite.verify(pair.publicKey, message, signature.subarray(0, n))).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ maxLength: 80 }), (raw, publicKey) => {
        const tagged = Uint8Array.of(signature[0]!, signature[1]!, ...raw);
        expect(suite.verify(pair.publicKey, message, tagged)).toBe(false);
        expect(suite.verify(publicKey, message, signature)).toBe(false);
        expect(suite.verify(publicKey, message, tagged)).toBe(false);
      }),
      { numRuns: tag === 'sm' ? 60 : 200 },
    );
    // edge values: r = s = 0, all ones, a point-looking key off the curve, the identity
    const zeros = Uint8Array.of(signature[0]!, signature[1]!, ...new Uint8Array(64));
    const ones = Uint8Array.of(signature[0]!, signature[1]!, ...new Uint8Array(64).fill(0xff));
    const offCurve = Uint8Array.of(4, ...new Uint8Array(64).fill(1));
    for (const s of [zeros, ones]) expect(suite.verify(pair.publicKey, message, s)).toBe(false);
    for (const k of [offCurve, new Uint8Array(65), new Uint8Array(32), Uint8Array.of(1, ...new Uint8Array(31))]) expect(suite.verify(k, message, signature)).toBe(false);
    for (const junk of [null, undefined, 'sig', 7, {}]) {
      expect(suite.verify(pair.publicKey, message, junk as unknown as Uint8Array)).toBe(false);
      expect(suite.verify(junk as unknown as Uint8Array, message, signature)).toBe(false);
      expect(suite.verify(pair.publicKey, junk as unknown as Uint8Array, signature)).toBe(false);
    }
  }, 120_000);
});

describe('the fast-path switch', () => {
  it('is on unless KIOSK_CRYPTO_FAST_PATH turns it off', () => {
    expect(fastPathWanted({})).toBe(true);
    expect(fastPathWanted({ KIOSK_CRYPTO_FAST_PATH: 'on' })).toBe(true);
    for (const off of ['off', 'OFF', ' 0 ', 'false', 'no']) expect(fastPathWanted({ KIOSK_CRYPTO_FAST_PATH: off })).toBe(false);
  });

  it('takes from node:crypto only what its OpenSSL has (Electron’s BoringSSL has no SM3 or SM4)', () => {
    const boring = { ...crypto, getHashes: () => ['sha256'], getCiphers: () => ['aes-256-gcm'] } as typeof crypto;
    const sm = createCryptoSuite('sm', { nodeCrypto: boring });
    const pure = createCryptoSuite('sm');
    expect(sm.digest(utf8('abc'))).toEqual(pure.digest(utf8('abc')));
    const k = sm.newSealKey();
    expect(pure.open(k, sm.seal(k, utf8('abc'), utf8('ad')), utf8('ad'))).toEqual({ ok: true, value: utf8('abc') });
  });
});

describe('which public keys can be registered', () => {
  it('accepts each suite’s generated keys and refuses the other suite’s, garbage, off-curve and small-order keys', () => {
    for (const tag of SUITE_TAGS) {
      const suite = createCryptoSuite(tag);
      const { publicKey } = suite.generateSigningKeyPair();
      expect(isUsablePublicKey(tag, publicKey)).toBe(true);
      expect(isUsablePublicKey(other(tag), publicKey)).toBe(false);
      for (const junk of [new Uint8Array(0), publicKey.subarray(1), null, 'key', Uint8Array.of(...publicKey, 0)]) expect(isUsablePublicKey(tag, junk)).toBe(false);
    }
    expect(isUsablePublicKey('sm', Uint8Array.of(4, ...new Uint8Array(64).fill(1)))).toBe(false); // off the curve
    expect(isUsablePublicKey('sm', Uint8Array.of(4, ...new Uint8Array(64)))).toBe(false);
    expect(isUsablePublicKey('international', new Uint8Array(32))).toBe(false); // y = 0: a point of order 4
    expect(isUsablePublicKey('international', Uint8Array.of(1, ...new Uint8Array(31)))).toBe(false); // the identity
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (xy) => {
        expect(typeof isUsablePublicKey('sm', Uint8Array.of(4, ...xy))).toBe('boolean');
      }),
      { numRuns: 100 },
    );
  });
});
