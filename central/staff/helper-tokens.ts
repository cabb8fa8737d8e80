// Helper proofs issued by central at a verified sign-in and checked by central at intake.
// HMAC-SHA256 under a key only central holds (central_keys): central is both the issuer and the
// only verifier, so no key ever needs to reach a terminal, and a terminal cannot mint or alter a
// proof. (Ed25519 would let terminals verify too, but nothing on a terminal needs to.)
import crypto from 'node:crypto';
import { z } from 'zod';
import { HELPER_TOKEN_PATTERN } from '../../common/staff-registry';

const claimsSchema = z.strictObject({
  v: z.literal(1),
  /** 'session' proves an online sign-in; 'offline' is the ticket for card-only sign-in offline. */
  k: z.enum(['session', 'offline']),
  /** staff id */
  sid: z.string().min(1).max(32),
  /** terminal the sign-in happened at */
  tid: z.string().min(1).max(64),
  /** issued / expires, epoch ms (central's clock) */
  iat: z.number().int().positive(),
  exp: z.number().int().positive(),
});
export type HelperClaims = z.infer<typeof claimsSchema>;

const CONTEXT = 'gov-kiosk helper token v1.';

function mac(key: Buffer, payload: string): string {
  return crypto
    .createHmac('sha256', key)
    .update(CONTEXT + payload)
    .digest('base64url');
}

export function issueHelperToken(key: Buffer, c: Omit<HelperClaims, 'v'>): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, ...c })).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The claims of a token central issued and nobody changed; null for anything else. */
export function verifyHelperToken(key: Buffer, token: string): HelperClaims | null {
  if (!HELPER_TOKEN_PATTERN.test(token)) return null;
  const [payload, sig] = token.split('.') as [string, string];
  const want = Buffer.from(mac(key, payload));
  const got = Buffer.from(sig);
  if (got.length !== want.length || !crypto.timingSafeEqual(got, want)) return null;
  try {
    const r = claimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
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
  key: Buffer,
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
