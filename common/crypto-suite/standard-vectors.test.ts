// The standards' published examples, run through the code the suites use: GB/T 32905 (SM3),
// GB/T 32907 (SM4), RFC 8998 A.1 (SM4-GCM), GB/T 32918 part 5 (SM2 signature, with its fixed k),
// and for the international suite FIPS 180 / RFC 4231 / NIST GCM / RFC 8032. Each runs on the
// pure-JS path and, where it has one, the node:crypto fast path.
import crypto from 'node:crypto';
import { sm2, sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { createCryptoSuite } from './create-suite';
import { nodeFastPath } from './fast-path';
import { pureAesGcm } from './international';
import { encodeSignature } from './signature-envelope';
import { sm4Gcm } from './sm';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const PATHS = [
  { path: 'pure JS', nodeCrypto: undefined },
  { path: 'node:crypto fast path', nodeCrypto: crypto },
] as const;

describe.each(PATHS)('sm suite, $path', ({ nodeCrypto }) => {
  const suite = createCryptoSuite('sm', { nodeCrypto });

  it('SM3 of "abc" is GB/T 32905 example 1', () => {
    expect(toHex(suite.digest(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('SM3 of the 512-bit "abcd"×16 is GB/T 32905 example 2', () => {
    expect(toHex(suite.digest(utf8('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('SM2 verifies GB/T 32918.5’s signature of "message digest" and nothing else', () => {
    const publicKey = hex('04 09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020 CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13');
    const raw = hex('F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3 B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA');
    expect(suite.verify(publicKey, utf8('message digest'), encodeSignature('sm', raw))).toBe(true);
    expect(suite.verify(publicKey, utf8('message digesT'), encodeSignature('sm', raw))).toBe(false);
    // Z binds the signer ID: the same signature under another ID does not verify
    const otherId = createCryptoSuite('sm', { nodeCrypto, sm2UserId: 'ALICE123@YAHOO.COM' });
    expect(otherId.verify(publicKey, utf8('message digest'), encodeSignature('sm', raw))).toBe(false);
    // and it is the sm suite's, not the international one's
    expect(createCryptoSuite('international', { nodeCrypto }).verify(publicKey, utf8('message digest'), encodeSignature('sm', raw))).toBe(false);
  });

  it('the key pair of GB/T 32918.5’s private key is its published public key', () => {
    const d = hex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8');
    expect(toHex(suite.publicKeyOf(d))).toBe('04' + '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' + 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13');
  });
});

describe('SM4 and SM4-GCM on each path', () => {
  const key = hex('0123456789abcdeffedcba9876543210');
  const rfc8998 = {
    nonce: hex('00001234567800000000ABCD'),
    aad: hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2'),
    plain: hex('AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB CCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFF EEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA'),
    cipher: '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d',
    tag: '83de3541e4c2b58177e065a9bf7b62ec',
  };
  const fastGcm = nodeFastPath(crypto, 'sm3', 'sm4-gcm').aead!;

  it('SM4 encrypts GB/T 32907’s example block', () => {
    expect(toHex(sm4.encrypt(key, key, { mode: 'ecb', padding: 'none', output: 'array' }))).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM4 encrypting that block 1,000,000 times gives GB/T 32907’s second example', () => {
    // sm-crypto-v2 expands the key on every call, so this is its slowest test (a few seconds)
    let block = key;
    for (let i = 0; i < 1_000_000; i++) block = sm4.encrypt(block, key, { mode: 'ecb', padding: 'none', output: 'array' });
    expect(toHex(block)).toBe('595298c7c6fd271f0402f804c33d3f66');
  }, 120_000);

  it.each([
    ['pure JS (sm-crypto-v2)', sm4Gcm],
    ['node:crypto sm4-ctr + GHASH', fastGcm],
  ])('%s seals and opens RFC 8998 A.1', (_, aead) => {
    const { ciphertext, tag } = aead.seal(key, rfc8998.nonce, rfc8998.plain, rfc8998.aad);
    expect(toHex(ciphertext)).toBe(rfc8998.cipher);
    expect(toHex(tag)).toBe(rfc8998.tag);
    expect(toHex(aead.open(key, rfc8998.nonce, hex(rfc8998.cipher), hex(rfc8998.tag), rfc8998.aad)!)).toBe(toHex(rfc8998.plain));
    const flipped = hex(rfc8998.tag);
    flipped[15]! ^= 1;
    expect(aead.open(key, rfc8998.nonce, hex(rfc8998.cipher), flipped, rfc8998.aad)).toBeNull();
    expect(aead.open(key, rfc8998.nonce, hex(rfc8998.cipher), hex(rfc8998.tag), rfc8998.aad.subarray(1))).toBeNull();
  });

  it('sm-crypto-v2 signs GB/T 32918.5’s example exactly when given its k', () => {
    // The suite draws k at random; the library's point pool is how the standard's k gets in.
    const d = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
    const k = '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21';
    const kG = sm2.getPublicKeyFromPrivateKey(k);
    const signature = sm2.doSignature(utf8('message digest'), d, {
      hash: true,
      userId: '1234567812345678',
      publicKey: sm2.getPublicKeyFromPrivateKey(d),
      pointPool: [{ k: BigInt(`0x${k}`), x1: BigInt(`0x${kG.slice(2, 66)}`) }],
    });
    expect(signature).toBe('f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa');
    expect(toHex(sm2.getZ(sm2.getPublicKeyFromPrivateKey(d), '1234567812345678'))).toBe('b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3');
  });
});

describe.each(PATHS)('international suite, $path', ({ nodeCrypto }) => {
  const suite = createCryptoSuite('international', { nodeCrypto });

  it('SHA-256 of "abc" is FIPS 180’s example', () => {
    expect(toHex(suite.digest(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('HMAC-SHA256 is RFC 4231 test case 2', () => {
    expect(toHex(suite.hmac(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('Ed25519 signs RFC 8032 test 1 exactly (deterministic) and verifies it', () => {
    const privateKey = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const publicKey = suite.publicKeyOf(privateKey);
    expect(toHex(publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const signature = suite.sign({ suite: 'international', privateKey, publicKey }, new Uint8Array(0));
    expect(toHex(signature.subarray(2))).toBe('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
    expect(suite.verify(publicKey, new Uint8Array(0), signature)).toBe(true);
    expect(suite.verify(publicKey, new Uint8Array(1), signature)).toBe(false);
  });
});

describe('AES-256-GCM on each path', () => {
  const fastGcm = nodeFastPath(crypto, 'sha256', 'aes-256-gcm').aead!;
  it.each([
    ['pure JS (@noble/ciphers)', pureAesGcm],
    ['node:crypto', fastGcm],
  ])('%s gives NIST GCM test cases 13 and 14 (AES-256, zero key and IV)', (_, aead) => {
    const key = new Uint8Array(32);
    const nonce = new Uint8Array(12);
    const empty = aead.seal(key, nonce, new Uint8Array(0), new Uint8Array(0));
    expect(toHex(empty.tag)).toBe('530f8afbc74536b9a963b4f1c4cb738b');
    const block = aead.seal(key, nonce, new Uint8Array(16), new Uint8Array(0));
    expect(toHex(block.ciphertext)).toBe('cea7403d4d606b6e074ec5d3baf39d18');
    expect(toHex(block.tag)).toBe('d0d1c8a799996bf0265b98b5d48ab919');
  });
});
