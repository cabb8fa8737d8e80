// SM2 key exchange (GB/T 32918.3): the published example on the recommended curve (GB/T
// 32918.5-2017 / GM/T 0003.5-2012 annex: keys, ephemeral points, the 128-bit key and both
// confirmation hashes), sm-crypto-v2's independent implementation both ways round, and hostile
// input from the peer answered with an error, never a throw. Each on the pure-JS path and on the
// node:crypto fast path (the child process in without-node-crypto.test.ts runs it with
// node:crypto out of reach).
import crypto from 'node:crypto';
import fc from 'fast-check';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { createCryptoSuite } from './create-suite';
import { sm2KeyExchange, type Sm2Party } from './sm2-key-exchange';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The published example: A = initiator (user A), B = responder, both with ID 1234567812345678. */
const EXAMPLE = {
  dA: hex('81EB26E941BB5AF16DF116495F90695272AE2CD63D6C4AE1678418BE48230029'),
  PA: hex('04 160E12897DF4EDB61DD812FEB96748FBD3CCF4FFE26AA6F6DB9540AF49C94232 4A7DAD08BB9A459531694BEB20AA489D6649975E1BFCF8C4741B78B4B223007F'),
  rA: hex('D4DE15474DB74D06491C440D305E012400990F3E390C7E87153C12DB2EA60BB3'),
  RA: hex('04 64CED1BDBC99D590049B434D0FD73428CF608A5DB8FE5CE07F15026940BAE40E 376629C7AB21E7DB260922499DDB118F07CE8EAAE3E7720AFEF6A5CC062070C0'),
  dB: hex('785129917D45A9EA5437A59356B82338EAADDA6CEB199088F14AE10DEFA229B5'),
  PB: hex('04 6AE848C57C53C7B1B5FA99EB2286AF078BA64C64591B8B566F7357D576F16DFB EE489D771621A27B36C5C7992062E9CD09A9264386F3FBEA54DFF69305621C4D'),
  rB: hex('7E07124814B309489125EAED101113164EBF0F3458C5BD88335C1F9D596243D6'),
  RB: hex('04 ACC27688A6F7B706098BC91FF3AD1BFF7DC2802CDB14CCCCDB0A90471F9BD707 2FEDAC0494B2FFC4D6853876C79B8F301C6573AD0AA50F39FC87181E1A1B46FE'),
  K: '6c89347354de2484c60b4ab1fde4c6e5',
  SB: 'd3a0fe15dee185ceae907a6b595cc32a266ed7b3367e9983a896dc32fa20f8eb',
  SA: '18c7894b3816df16cf07b05c5ec0bef5d655d58f779cc1b400a4f3884644db88',
};

const PATHS = [
  { path: 'pure JS', nodeCrypto: undefined },
  { path: 'node:crypto fast path', nodeCrypto: crypto },
] as const;

describe.each(PATHS)('SM2 key exchange, $path', ({ nodeCrypto }) => {
  const suite = createCryptoSuite('sm', { nodeCrypto });
  const kx = sm2KeyExchange(suite);
  const alice: Sm2Party = { privateKey: EXAMPLE.dA, publicKey: EXAMPLE.PA };
  const bob: Sm2Party = { privateKey: EXAMPLE.dB, publicKey: EXAMPLE.PB };
  const party = (userId?: string): Sm2Party => {
    const pair = suite.generateSigningKeyPair();
    return { privateKey: pair.privateKey, publicKey: pair.publicKey, userId };
  };

  it('gives the published example’s R_B, S_B, key and S_A, and each side accepts the other’s confirmation', () => {
    const b = kx.respond({ self: bob, peer: alice, peerEphemeralPublicKey: EXAMPLE.RA, keyBytes: 16, ephemeral: { privateKey: EXAMPLE.rB, publicKey: EXAMPLE.RB } });
    if (!b.ok) throw new Error(b.error);
    expect(toHex(b.value.ephemeralPublicKey)).toBe(toHex(EXAMPLE.RB));
    expect(toHex(b.value.key)).toBe(EXAMPLE.K);
    expect(toHex(b.value.confirmation)).toBe(EXAMPLE.SB);

    const a = kx.finishAsInitiator({
      self: alice,
      peer: bob,
      ephemeral: { privateKey: EXAMPLE.rA, publicKey: EXAMPLE.RA },
      peerEphemeralPublicKey: EXAMPLE.RB,
      peerConfirmation: b.value.confirmation,
      keyBytes: 16,
    });
    if (!a.ok) throw new Error(a.error);
    expect(toHex(a.value.key)).toBe(EXAMPLE.K);
    expect(toHex(a.value.confirmation)).toBe(EXAMPLE.SA);
    expect(b.value.initiatorConfirmed(a.value.confirmation)).toBe(true);
    expect(b.value.initiatorConfirmed(hex(EXAMPLE.SB))).toBe(false); // S_B is not S_A: the tags 02 / 03 differ
  });

  it('agrees with sm-crypto-v2’s independent key exchange, as initiator and as responder, for other IDs and key lengths', () => {
    const asHex = (p: Sm2Party) => ({ privateKey: toHex(p.privateKey), publicKey: toHex(p.publicKey) });
    for (const keyBytes of [1, 16, 32, 33, 100]) {
      const a = party('ALICE123@YAHOO.COM');
      const b = party('BILL456@YAHOO.COM');
      const ra = kx.newEphemeral();
      const rb = kx.newEphemeral();
      const ours = kx.respond({ self: b, peer: a, peerEphemeralPublicKey: ra.publicKey, keyBytes, ephemeral: rb });
      if (!ours.ok) throw new Error(ours.error);
      const theirsAsInitiator = sm2.calculateSharedKey(asHex(a), asHex(ra), toHex(b.publicKey), toHex(rb.publicKey), keyBytes, false, a.userId, b.userId);
      const theirsAsResponder = sm2.calculateSharedKey(asHex(b), asHex(rb), toHex(a.publicKey), toHex(ra.publicKey), keyBytes, true, b.userId, a.userId);
      expect(toHex(ours.value.key)).toBe(toHex(theirsAsInitiator));
      expect(toHex(ours.value.key)).toBe(toHex(theirsAsResponder));
      const initiator = kx.finishAsInitiator({ self: a, peer: b, ephemeral: ra, peerEphemeralPublicKey: rb.publicKey, peerConfirmation: ours.value.confirmation, keyBytes });
      expect(initiator.ok && toHex(initiator.value.key)).toBe(toHex(theirsAsInitiator));
    }
  });

  it('runs with fresh ephemeral keys: both sides derive one key and confirm it; a second run derives another', () => {
    const a = party();
    const b = party();
    const run = () => {
      const ra = kx.newEphemeral();
      const responder = kx.respond({ self: b, peer: a, peerEphemeralPublicKey: ra.publicKey, keyBytes: 16 });
      if (!responder.ok) throw new Error(responder.error);
      const initiator = kx.finishAsInitiator({
        self: a,
        peer: b,
        ephemeral: ra,
        peerEphemeralPublicKey: responder.value.ephemeralPublicKey,
        peerConfirmation: responder.value.confirmation,
        keyBytes: 16,
      });
      if (!initiator.ok) throw new Error(initiator.error);
      expect(toHex(initiator.value.key)).toBe(toHex(responder.value.key));
      expect(responder.value.initiatorConfirmed(initiator.value.confirmation)).toBe(true);
      return toHex(initiator.value.key);
    };
    expect(run()).not.toBe(run());
  });

  it('stops at the confirmation when the sides do not hold the same keys or IDs (someone in the middle, a misconfigured peer)', () => {
    const a = party();
    const b = party();
    const mallory = party();
    const ra = kx.newEphemeral();
    // B believes it talks to A, but the initiator with A's ephemeral is Mallory: confirmations do not match
    const responder = kx.respond({ self: b, peer: a, peerEphemeralPublicKey: ra.publicKey, keyBytes: 16 });
    if (!responder.ok) throw new Error(responder.error);
    const asMallory = kx.finishAsInitiator({
      self: mallory,
      peer: b,
      ephemeral: ra,
      peerEphemeralPublicKey: responder.value.ephemeralPublicKey,
      peerConfirmation: responder.value.confirmation,
      keyBytes: 16,
    });
    expect(asMallory).toEqual({ ok: false, error: 'confirmation-mismatch' });
    // the same keys under another signer ID for B
    const otherId = kx.finishAsInitiator({
      self: a,
      peer: { publicKey: b.publicKey, userId: 'not-b' },
      ephemeral: ra,
      peerEphemeralPublicKey: responder.value.ephemeralPublicKey,
      peerConfirmation: responder.value.confirmation,
      keyBytes: 16,
    });
    expect(otherId).toEqual({ ok: false, error: 'confirmation-mismatch' });
    // without S_B the initiator cannot tell, but the responder refuses its S_A
    const unconfirmed = kx.finishAsInitiator({ self: mallory, peer: b, ephemeral: ra, peerEphemeralPublicKey: responder.value.ephemeralPublicKey, keyBytes: 16 });
    if (!unconfirmed.ok) throw new Error(unconfirmed.error);
    expect(responder.value.initiatorConfirmed(unconfirmed.value.confirmation)).toBe(false);
  });

  it('answers garbage, truncated, off-curve, out-of-range and infinity ephemeral points with an error, never a throw', () => {
    const b = party();
    const a = party();
    const ra = kx.newEphemeral();
    const asResponder = (point: Uint8Array) => kx.respond({ self: b, peer: a, peerEphemeralPublicKey: point, keyBytes: 16 });
    const asInitiator = (point: Uint8Array) => kx.finishAsInitiator({ self: a, peer: b, ephemeral: ra, peerEphemeralPublicKey: point, keyBytes: 16 });
    const refused = { ok: false, error: 'bad-ephemeral-point' };
    const p = 'fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff';
    const specials = [
      new Uint8Array(0),
      new Uint8Array(65), // 00…: the infinity encoding in SEC 1 is a single 00, this is not a point either
      Uint8Array.of(0x00),
      hex('04' + '00'.repeat(64)),
      ra.publicKey.subarray(0, 64), // truncated
      Uint8Array.of(0x02, ...ra.publicKey.subarray(1, 33)), // compressed: not what the exchange sends
      Uint8Array.of(...ra.publicKey.subarray(0, 64), ra.publicKey[64]! ^ 1), // one bit off the curve
      hex('04' + p + toHex(ra.publicKey.subarray(33))), // x = p
      Uint8Array.of(...ra.publicKey, 0), // trailing byte
    ];
    for (const point of specials) {
      expect(asResponder(point)).toEqual(refused);
      expect(asInitiator(point)).toEqual(refused);
    }
    expect(asResponder('garbage' as unknown as Uint8Array)).toEqual(refused);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (garbage, xy) => {
        expect(asResponder(garbage).ok).toBe(false);
        expect(asInitiator(garbage).ok).toBe(false);
        // 04 ‖ random x ‖ random y is off the curve but for a negligible chance
        expect(asResponder(Uint8Array.of(0x04, ...xy))).toEqual(refused);
      }),
      { numRuns: 200 },
    );
  });

  it('answers a garbage peer public key or confirmation with an error, never a throw', () => {
    const b = party();
    const ra = kx.newEphemeral();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (garbage) => {
        expect(kx.respond({ self: b, peer: { publicKey: garbage }, peerEphemeralPublicKey: ra.publicKey, keyBytes: 16 })).toEqual({ ok: false, error: 'bad-peer-key' });
        const responder = kx.respond({ self: b, peer: party(), peerEphemeralPublicKey: ra.publicKey, keyBytes: 16 });
        expect(responder.ok && responder.value.initiatorConfirmed(garbage)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('throws on the caller’s own mistakes (a key length out of range, an own private key that is not one), unlike the peer’s', () => {
    const b = party();
    const ra = kx.newEphemeral();
    expect(() => kx.respond({ self: b, peer: party(), peerEphemeralPublicKey: ra.publicKey, keyBytes: 0 })).toThrow(/key length/);
    expect(() => kx.respond({ self: b, peer: party(), peerEphemeralPublicKey: ra.publicKey, keyBytes: 1025 })).toThrow(/key length/);
    expect(() => kx.respond({ self: { ...b, privateKey: new Uint8Array(32) }, peer: party(), peerEphemeralPublicKey: ra.publicKey, keyBytes: 16 })).toThrow(/own private key/);
    expect(() => kx.finishAsInitiator({ self: b, peer: party(), ephemeral: { ...ra, privateKey: new Uint8Array(32).fill(0xff) }, peerEphemeralPublicKey: ra.publicKey, keyBytes: 16 })).toThrow(
      /ephemeral private key/,
    );
  });

  it('refuses to run on the international suite (SM2 needs SM3)', () => {
    expect(() => sm2KeyExchange(createCryptoSuite('international', { nodeCrypto }))).toThrow(/sm suite/);
  });
});
