// Helper proofs issued by central at a verified sign-in and checked by central at intake.
// A MAC under a key only central holds (central_keys), in central's own suite (central-mac.ts):
// HMAC-SM3 when central runs `sm`, HMAC-SHA256 otherwise. Central is both the issuer and the only
// verifier, so no key ever needs to reach a terminal, and a terminal cannot mint or alter a
// proof. (Ed25519 / SM2 would let terminals verify too, but nothing on a terminal needs to.)
//
// A token names its MAC inside what the MAC covers (`v: 2, m`; a `v: 1` token is HMAC-SHA256,
// as central issued before issue 16), so it cannot be relabelled. After central switched suite, a
// token of the old MAC is still central's own if it was issued before the switch (an offline
// ticket whose submissions reach central later must not be lost); one issued after is refused.
import crypto from 'node:crypto';
import { z } from 'zod';
import { HELPER_TOKEN_PATTERN } from '../../common/staff-registry';
import { MAC_ALGS, type CentralMac, type MacAlg } from './central-mac';

const claimFields = {
  /** 'session' proves an online sign-in; 'offline' is the ticket for card-only sign-in offline. */
  k: z.enum(['session', 'offline']),
  /** staff id */
  sid: z.string().min(1).max(32),
  /** terminal the sign-in happened at */
  tid: z.string().min(1).max(64),
  /** issued / expires, epoch ms (central's clock) */
  iat: z.number().int().positive(),
  exp: z.number().int().positive(),
};
const claimsSchema = z.discriminatedUnion('v', [
  z.strictObject({ v: z.literal(1), ...claimFields }),
  /** `m`: the MAC that signs the token */
  z.strictObject({ v: z.literal(2), m: z.enum(MAC_ALGS), ...claimFields }),
]);
export type HelperClaims = Omit<z.infer<typeof claimsSchema>, 'v' | 'm'> & { mac: MacAlg };

const CONTEXT = 'gov-kiosk helper token v1.';

export function issueHelperToken(key: CentralMac, c: Omit<HelperClaims, 'mac'>): string {
  const payload = Buffer.from(JSON.stringify({ v: 2, m: key.alg, ...c })).toString('base64url');
  return `${payload}.${key.mac(key.alg, CONTEXT + payload).toString('base64url')}`;
}

/** The claims of a token central issued and nobody changed, with a MAC central may have made then; null for anything else. */
export function verifyHelperToken(key: CentralMac, token: string): HelperClaims | null {
  if (!HELPER_TOKEN_PATTERN.test(token)) return null;
  const [payload, sig] = token.split('.') as [string, string];
  let parsed: z.infer<typeof claimsSchema>;
  try {
    const r = claimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!r.success) return null;
    parsed = r.data;
  } catch {
    return null;
  }
  // The MAC the token names is covered by that MAC: read before checking, trusted only after.
  const alg: MacAlg = parsed.v === 1 ? 'hmac-sha256' : parsed.m;
  const want = Buffer.from(key.mac(alg, CONTEXT + payload).toString('base64url'));
  const got = Buffer.from(sig);
  if (got.length !== want.length || !crypto.timingSafeEqual(got, want)) return null;
  if (!key.mayHaveMade(alg, parsed.iat)) return null;
  return { k: parsed.k, sid: parsed.sid, tid: parsed.tid, iat: parsed.iat, exp: parsed.exp, mac: alg };
}

/**
 * submittedAt is the terminal's clock, iat/exp are central's. An honest kiosk ends the session
 * at exp by its own clock, so its submittedAt is before exp whatever its clock error: the upper
 * bound needs only a small margin, and it is what matters (no submission after the proof ran
 * out). Before iat only a terminal clock running behind can put a genuine submission, so the
 * lower bound is loose (a terminal holding a genuine proof gains nothing by backdating).
 */
export const HELPER_PROOF_SKEW_MS = 120_000;
export const HELPER_PROOF_EARLY_MS = 24 * 3600_000;

export type HelperProofProblem = 'missing' | 'forged' | 'other-helper' | 'other-terminal' | 'outside-validity';

/**
 * Whether a helper-channel submission made at `submittedAt` by `terminalId` in the name of
 * `staffId` carries a proof that this helper had signed in there and the proof was valid then.
 */
export function checkHelperProof(
  key: CentralMac,
  proof: string | null,
  want: { staffId: string; terminalId: string; submittedAt: string },
): { ok: true; claims: HelperClaims } | { ok: false; problem: HelperProofProblem } {
  if (!proof) return { ok: false, problem: 'missing' };
  const claims = verifyHelperToken(key, proof);
  if (!claims) return { ok: false, problem: 'forged' };
  if (claims.sid !== want.staffId) return { ok: false, problem: 'other-helper' };
  if (claims.tid !== want.terminalId) return { ok: false, problem: 'other-terminal' };
  const at = Date.parse(want.submittedAt);
  if (!(at >= claims.iat - HELPER_PROOF_EARLY_MS && at <= claims.exp + HELPER_PROOF_SKEW_MS)) return { ok: false, problem: 'outside-validity' };
  return { ok: true, claims };
}
