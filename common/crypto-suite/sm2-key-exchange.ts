// SM2 key exchange (GB/T 32918.3-2016 §6.1, GM/T 0003.3) on the recommended curve sm2p256v1:
// two parties, each with a long-term SM2 key pair and a signer ID, agree on a key of any length
// from one ephemeral point each, optionally confirming it to each other (S_B / S_A).
//
// Nothing in the product uses it yet. It is here for a deployment's TLCP gateway and for future
// session keys (README, 密评): a 国密 deployment can derive keys the standard way instead of
// with the international ECDH.
//
// The curve arithmetic is @noble/curves' generic short-Weierstrass code with the parameters
// below, not sm-crypto-v2's key exchange, so the cross-check against sm-crypto-v2
// (`sm2-key-exchange.test.ts`) compares two implementations. SM3 comes from the suite handed in:
// the node:crypto fast path when there is one, pure JS otherwise.
//
// Everything the peer sends (its ephemeral point, its long-term public key, its confirmation)
// is checked and refused with an error value, never a throw: garbage from the network is an
// expected input here.
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { concatBytes } from '../bytes';
import { err, ok, type Result } from '../result';
import { SM2_DEFAULT_USER_ID } from './sm';
import type { CryptoSuite } from './suite';

/** GB/T 32918.5 recommended 256-bit curve (sm2p256v1). */
const CURVE: Readonly<Record<'p' | 'a' | 'b' | 'n' | 'h' | 'Gx' | 'Gy', bigint>> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const Point = weierstrassN(CURVE);
// Each side multiplies G twice per exchange (its ephemeral R, and R again from r): a window
// table for G makes those cheap, once per process.
Point.BASE.precompute(8);
type CurvePoint = InstanceType<typeof Point>;

/** w = ⌈⌈log2 n⌉ / 2⌉ − 1 = 127 for a 256-bit n (§6.1). */
const W = 127n;
const TWO_W = 1n << W;
const FIELD_BYTES = 32;
const POINT_BYTES = 1 + 2 * FIELD_BYTES;
/** A generous bound on a derived key; the standard's bound (2³² − 1 hash blocks) is far beyond any use. */
const MAX_KEY_BYTES = 1024;

/** A party's long-term key pair (the same kind of pair the `sm` suite signs with) and signer ID. */
export type Sm2Party = {
  /** The 32-byte scalar d. */
  readonly privateKey: Uint8Array;
  /** 65 bytes, 04 ‖ x ‖ y. */
  readonly publicKey: Uint8Array;
  /** Goes into Z; default GB/T 35276's `1234567812345678`. */
  readonly userId?: string;
};
/** The other party as known beforehand: its registered public key and signer ID. */
export type Sm2Peer = { readonly publicKey: Uint8Array; readonly userId?: string };
/** One run's ephemeral pair (r, R = [r]G); used once, then forgotten. */
export type Sm2Ephemeral = { readonly privateKey: Uint8Array; readonly publicKey: Uint8Array };

/**
 * Why an exchange stopped. `bad-peer-key`: the peer's long-term key is not a point of the curve.
 * `bad-ephemeral-point`: what the peer sent as its ephemeral point is not one (garbage,
 * truncated, off the curve, the point at infinity) — the peer or the link is broken or hostile.
 * `degenerate`: the shared point came out as infinity (only with hostile values).
 * `confirmation-mismatch`: the peer's S_B does not match — it derived another key (wrong keys or
 * IDs on one side, or someone in the middle).
 */
export type Sm2KeyExchangeError = 'bad-peer-key' | 'bad-ephemeral-point' | 'degenerate' | 'confirmation-mismatch';

export type Sm2ResponderResult = {
  /** R_B, to send to the initiator. */
  readonly ephemeralPublicKey: Uint8Array;
  /** S_B (optional step B8), to send with R_B when the initiator wants key confirmation. */
  readonly confirmation: Uint8Array;
  /** K_B. Use it only after `initiatorConfirmed` when the exchange runs with confirmation. */
  readonly key: Uint8Array;
  /** Step B10: whether the initiator's S_A proves it derived the same key. */
  initiatorConfirmed(initiatorConfirmation: Uint8Array): boolean;
};

export type Sm2InitiatorResult = {
  /** K_A. */
  readonly key: Uint8Array;
  /** S_A (optional step A10), to send to the responder. */
  readonly confirmation: Uint8Array;
};

export interface Sm2KeyExchange {
  /** Steps A1–A3 / B1–B3: a fresh random ephemeral pair. */
  newEphemeral(): Sm2Ephemeral;
  /**
   * The responder (B), steps B1–B9, on receiving the initiator's R_A. `ephemeral` is for
   * published test vectors only; left out, a fresh one is made.
   */
  respond(input: {
    readonly self: Sm2Party;
    readonly peer: Sm2Peer;
    readonly peerEphemeralPublicKey: Uint8Array;
    readonly keyBytes: number;
    readonly ephemeral?: Sm2Ephemeral;
  }): Result<Sm2ResponderResult, Sm2KeyExchangeError>;
  /**
   * The initiator (A), steps A4–A10, on receiving the responder's R_B (and S_B, which when
   * given must match: the optional step A9).
   */
  finishAsInitiator(input: {
    readonly self: Sm2Party;
    readonly peer: Sm2Peer;
    readonly ephemeral: Sm2Ephemeral;
    readonly peerEphemeralPublicKey: Uint8Array;
    readonly peerConfirmation?: Uint8Array;
    readonly keyBytes: number;
  }): Result<Sm2InitiatorResult, Sm2KeyExchangeError>;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function toBytes(x: bigint): Uint8Array {
  const out = new Uint8Array(FIELD_BYTES);
  for (let i = FIELD_BYTES - 1; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

function toBigInt(bytes: Uint8Array): bigint {
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return x;
}

/** An uncompressed point of the curve other than infinity, or null (never throws). */
function pointOf(bytes: unknown): CurvePoint | null {
  if (!(bytes instanceof Uint8Array) || bytes.length !== POINT_BYTES || bytes[0] !== 0x04) return null;
  try {
    const point = Point.fromAffine({ x: toBigInt(bytes.subarray(1, 33)), y: toBigInt(bytes.subarray(33)) });
    point.assertValidity(); // on the curve, coordinates below p, not infinity
    return point;
  } catch {
    return null;
  }
}

function encodePoint(point: CurvePoint): Uint8Array {
  const { x, y } = point.toAffine();
  return concatBytes(Uint8Array.of(0x04), toBytes(x), toBytes(y));
}

/** x̄ = 2^w + (x mod 2^w) (§6.1 A4 / A6 / B3 / B5). */
const xBar = (point: CurvePoint): bigint => TWO_W + (point.toAffine().x & (TWO_W - 1n));

function scalarOf(privateKey: Uint8Array, what: string): bigint {
  const d = privateKey.length === FIELD_BYTES ? toBigInt(privateKey) : 0n;
  // d ∈ [1, n − 2] (GB/T 32918.1 §6.1); a caller's own key out of range is a programming error
  if (d < 1n || d > CURVE.n - 2n) throw new Error(`SM2 key exchange: ${what} is not a valid SM2 private key`);
  return d;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * The key exchange over the given `sm` suite's SM3. Throws if handed the international suite:
 * an SM2 exchange with SHA-256 would be neither standard nor interoperable.
 */
export function sm2KeyExchange(suite: Pick<CryptoSuite, 'tag' | 'digest'>): Sm2KeyExchange {
  if (suite.tag !== 'sm') throw new Error('SM2 key exchange runs only on the sm suite (SM3)');
  const sm3 = suite.digest;

  /** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ x ‖ y) (GB/T 32918.2 §5.5). */
  const z = (userId: string, publicKey: Uint8Array): Uint8Array => {
    const id = utf8(userId);
    if (id.length * 8 > 0xffff) throw new Error('SM2 key exchange: signer ID longer than 8191 bytes');
    const entl = Uint8Array.of((id.length * 8) >> 8, (id.length * 8) & 0xff);
    return sm3(concatBytes(entl, id, toBytes(CURVE.a), toBytes(CURVE.b), toBytes(CURVE.Gx), toBytes(CURVE.Gy), publicKey.subarray(1)));
  };

  /** KDF(Z, klen): SM3(Z ‖ ct) for ct = 1, 2, … as 32-bit big-endian, concatenated and cut (GB/T 32918.3 §5.4.3). */
  const kdf = (input: Uint8Array, keyBytes: number): Uint8Array => {
    const out = new Uint8Array(keyBytes);
    for (let ct = 1, at = 0; at < keyBytes; ct++) {
      const block = sm3(concatBytes(input, Uint8Array.of(ct >>> 24, (ct >>> 16) & 0xff, (ct >>> 8) & 0xff, ct & 0xff)));
      out.set(block.subarray(0, Math.min(block.length, keyBytes - at)), at);
      at += block.length;
    }
    return out;
  };

  /**
   * What both roles compute, with "own" and "peer" for the caller's side: the shared point
   * [t](P_peer + [x̄_peer]R_peer) with t = d + x̄_own·r, then K and the two confirmation hashes
   * (tag 0x02: S_B / S1, tag 0x03: S_A / S2). A always comes first in Z and in the points.
   */
  const agree = (
    role: 'initiator' | 'responder',
    self: Sm2Party,
    peer: Sm2Peer,
    ephemeral: Sm2Ephemeral,
    peerEphemeralPublicKey: Uint8Array,
    keyBytes: number,
  ): Result<{ key: Uint8Array; s02: Uint8Array; s03: Uint8Array; ownEphemeral: Uint8Array }, Sm2KeyExchangeError> => {
    if (!Number.isInteger(keyBytes) || keyBytes < 1 || keyBytes > MAX_KEY_BYTES) throw new Error(`SM2 key exchange: key length ${keyBytes} bytes is out of range`);
    const d = scalarOf(self.privateKey, 'own private key');
    const r = scalarOf(ephemeral.privateKey, 'ephemeral private key');
    const peerKey = pointOf(peer.publicKey);
    if (!peerKey) return err('bad-peer-key');
    const peerR = pointOf(peerEphemeralPublicKey);
    if (!peerR) return err('bad-ephemeral-point');
    const ownR = Point.BASE.multiply(r);

    const t = (d + xBar(ownR) * r) % CURVE.n;
    if (t === 0n) return err('degenerate');
    // h = 1 on this curve, so [h·t] is [t]; the shared point is checked against infinity (§6.1 A7 / B5)
    const shared = peerKey.add(peerR.multiply(xBar(peerR))).multiply(t);
    if (shared.is0()) return err('degenerate');
    const { x, y } = shared.toAffine();

    const ownZ = z(self.userId ?? SM2_DEFAULT_USER_ID, self.publicKey);
    const peerZ = z(peer.userId ?? SM2_DEFAULT_USER_ID, peer.publicKey);
    const [zA, zB] = role === 'initiator' ? [ownZ, peerZ] : [peerZ, ownZ];
    const [rA, rB] = role === 'initiator' ? [encodePoint(ownR), encodePoint(peerR)] : [encodePoint(peerR), encodePoint(ownR)];

    const key = kdf(concatBytes(toBytes(x), toBytes(y), zA, zB), keyBytes);
    const inner = sm3(concatBytes(toBytes(x), zA, zB, rA.subarray(1), rB.subarray(1)));
    const s02 = sm3(concatBytes(Uint8Array.of(0x02), toBytes(y), inner));
    const s03 = sm3(concatBytes(Uint8Array.of(0x03), toBytes(y), inner));
    return ok({ key, s02, s03, ownEphemeral: role === 'initiator' ? rA : rB });
  };

  const newEphemeral = (): Sm2Ephemeral => {
    const bytes = new Uint8Array(FIELD_BYTES);
    // rejection sampling keeps r uniform in [1, n − 2]
    for (;;) {
      globalThis.crypto.getRandomValues(bytes);
      const r = toBigInt(bytes);
      if (r >= 1n && r <= CURVE.n - 2n) return { privateKey: bytes.slice(), publicKey: encodePoint(Point.BASE.multiply(r)) };
    }
  };

  return {
    newEphemeral,
    respond({ self, peer, peerEphemeralPublicKey, keyBytes, ephemeral }) {
      const agreed = agree('responder', self, peer, ephemeral ?? newEphemeral(), peerEphemeralPublicKey, keyBytes);
      if (!agreed.ok) return agreed;
      const { key, s02, s03, ownEphemeral } = agreed.value;
      return ok({
        ephemeralPublicKey: ownEphemeral,
        confirmation: s02,
        key,
        initiatorConfirmed: (initiatorConfirmation) => initiatorConfirmation instanceof Uint8Array && constantTimeEqual(initiatorConfirmation, s03),
      });
    },
    finishAsInitiator({ self, peer, ephemeral, peerEphemeralPublicKey, peerConfirmation, keyBytes }) {
      const agreed = agree('initiator', self, peer, ephemeral, peerEphemeralPublicKey, keyBytes);
      if (!agreed.ok) return agreed;
      const { key, s02, s03 } = agreed.value;
      if (peerConfirmation !== undefined && !(peerConfirmation instanceof Uint8Array && constantTimeEqual(peerConfirmation, s02))) return err('confirmation-mismatch');
      return ok({ key, confirmation: s03 });
    },
  };
}
