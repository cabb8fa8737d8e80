// The OpenSSL-backed SM4-GCM must be the same function as the pure-JS one of
// common/crypto-suite: what one seals the other opens, for every length around
// the block size, with and without associated data; a flipped bit or other data is refused.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { smSuite } from '../../common/crypto-suite/sm';
import { nodeSuite } from './node-suites';
import { nodeSm4Gcm } from './sm4-gcm-node';

const fast = nodeSm4Gcm()!;
const pure = smSuite();

describe('SM4-GCM on OpenSSL', () => {
  it('is available on this Node', () => {
    expect(fast).not.toBeNull();
    expect(nodeSuite('sm').algorithms.aead).toBe('SM4-GCM');
  });

  it('opens what the pure-JS SM4-GCM sealed, and the pure-JS one opens what it sealed', () => {
    const key = crypto.randomBytes(16);
    for (const len of [0, 1, 15, 16, 17, 31, 32, 33, 100, 4096, 65_537])
      for (const aadLen of [0, 5, 16, 40]) {
        const nonce = crypto.randomBytes(12);
        const plain = crypto.randomBytes(len);
        const aad = crypto.randomBytes(aadLen);
        const a = fast.seal(key, nonce, plain, aad);
        // The pure-JS suite through its envelope: header ‖ nonce ‖ ciphertext ‖ tag, AAD = header ‖ aad.
        const header = Uint8Array.of(0x02, 0x02);
        const viaFast = fast.seal(key, nonce, plain, Buffer.concat([header, aad]));
        const envelope = Buffer.concat([header, nonce, viaFast.ciphertext, viaFast.tag]);
        const opened = pure.open(key, envelope, aad);
        expect(opened.ok && Buffer.from(opened.value).equals(plain), `len ${len} aad ${aadLen}`).toBe(true);
        const sealedByPure = Buffer.from(pure.seal(key, plain, aad));
        const n = sealedByPure.subarray(2, 14);
        const c = sealedByPure.subarray(14, sealedByPure.length - 16);
        const t = sealedByPure.subarray(sealedByPure.length - 16);
        expect(Buffer.from(fast.open(key, n, c, t, Buffer.concat([header, aad]))!).equals(plain)).toBe(true);
        expect(a.ciphertext.length).toBe(len);
      }
  });

  it('refuses a flipped bit, a wrong tag or other associated data', () => {
    const key = crypto.randomBytes(16);
    const nonce = crypto.randomBytes(12);
    const { ciphertext, tag } = fast.seal(key, nonce, Buffer.from('欧阳明月 320102199003071234'), Buffer.from('submission:a'));
    const flipped = Uint8Array.from(ciphertext);
    flipped[3]! ^= 1;
    expect(fast.open(key, nonce, flipped, tag, Buffer.from('submission:a'))).toBeNull();
    expect(fast.open(key, nonce, ciphertext, tag, Buffer.from('submission:b'))).toBeNull();
    expect(fast.open(key, nonce, ciphertext, tag.subarray(0, 15), Buffer.from('submission:a'))).toBeNull();
    expect(Buffer.from(fast.open(key, nonce, ciphertext, tag, Buffer.from('submission:a'))!).toString()).toBe('欧阳明月 320102199003071234');
  });
});
