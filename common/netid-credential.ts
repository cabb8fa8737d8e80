// 网证 (national network identity credential): the QR a citizen without the physical card shows
// on a phone. The real format is not public, so this is a documented stand-in with the same
// properties the kiosk relies on: short-lived (≤ 180 s), single-use (a nonce), signed by an issuer
// key central trusts, carrying a few identity fields and no photo.
//
//   NETID1.<kid>.<payload base64url>.<signature base64url>
//
// The signature is Ed25519 over the ASCII text `NETID1.<kid>.<payload base64url>` (as in JWS).
// The payload is JSON: { v: 1, nonce, iat, exp (seconds), name, idNumber, gender?, birthDate? }.
// The kiosk only recognises and size-checks the text (it cannot verify: the issuer's keys are for
// central); central verifies it (central/netid/netid-verifier.ts). Pure: no Node, no crypto here.
import { z } from 'zod';
import { err, ok, type Result } from './result';
import { lazySchema } from './lazy-schema';

export const NETID_PREFIX = 'NETID1.';
/** A QR of this stand-in stays well inside what a kiosk scanner reads in one pass. */
export const NETID_MAX_CHARS = 1024;
/** The longest a credential may live from issue to expiry, in seconds. */
export const NETID_MAX_LIFETIME_SEC = 180;

const B64URL = /^[A-Za-z0-9_-]+$/;
const kidSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9-]{1,32}$/));
/** Ed25519: 64 bytes → 86 base64url characters without padding. */
const SIGNATURE_CHARS = 86;
const PAYLOAD_MAX_CHARS = 700;

/** The identity fields a credential may carry. No address, no photo. */
export const netidIdentitySchema = lazySchema(() =>
  z.strictObject({
    name: z.string().trim().min(1).max(32),
    idNumber: z.string().regex(/^\d{17}[\dX]$/),
    gender: z.enum(['male', 'female']).optional(),
    /** YYYY-MM-DD */
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
);
export type NetidIdentity = z.infer<typeof netidIdentitySchema>;

export const netidClaimsSchema = lazySchema(() =>
  netidIdentitySchema.extend({
    v: z.literal(1),
    /** single use: central refuses a nonce it has seen (16–32 random bytes, base64url) */
    nonce: z.string().regex(/^[A-Za-z0-9_-]{22,43}$/),
    iat: z.number().int().nonnegative(),
    exp: z.number().int().nonnegative(),
  }),
);
export type NetidClaims = z.infer<typeof netidClaimsSchema>;

export interface NetidCredential {
  kid: string;
  claims: NetidClaims;
  /** the bytes the signature covers */
  signingInput: string;
  signature: Uint8Array;
}

export type NetidFormatProblem = 'not-netid' | 'too-long' | 'malformed';

/** Whether a scanned text claims to be a 网证 credential (then it is never a receipt or anything else). */
export function looksLikeNetid(text: string): boolean {
  return text.trim().startsWith(NETID_PREFIX);
}

function base64urlBytes(s: string): Uint8Array | null {
  if (!B64URL.test(s) || s.length % 4 === 1) return null;
  const pad = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  try {
    const bin = atob(pad);
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Parses the text of a scanned QR; says why it is not a well-formed credential. */
export function parseNetidCredential(text: string): Result<NetidCredential, NetidFormatProblem> {
  const t = text.trim();
  if (!t.startsWith(NETID_PREFIX)) return err('not-netid');
  if (t.length > NETID_MAX_CHARS) return err('too-long');
  const parts = t.split('.');
  if (parts.length !== 4) return err('malformed');
  const [, kid, payload, sig] = parts as [string, string, string, string];
  if (!kidSchema.safeParse(kid).success) return err('malformed');
  if (payload.length > PAYLOAD_MAX_CHARS || sig.length !== SIGNATURE_CHARS) return err('malformed');
  const payloadBytes = base64urlBytes(payload);
  const signature = base64urlBytes(sig);
  if (!payloadBytes || !signature || signature.length !== 64) return err('malformed');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
  } catch {
    return err('malformed');
  }
  const claims = netidClaimsSchema.safeParse(json);
  if (!claims.success) return err('malformed');
  return ok({ kid, claims: claims.data, signingInput: `${NETID_PREFIX}${kid}.${payload}`, signature });
}

/** The request a terminal signs to central: the scanned text, as scanned. */
export const netidVerifyRequestSchema = lazySchema(() => z.strictObject({ credential: z.string().min(1).max(NETID_MAX_CHARS) }));

/** Central's answer: the identity the credential carries, verified fresh at central. */
export const netidVerifyResponseSchema = lazySchema(() =>
  z.strictObject({
    identity: netidIdentitySchema,
    /** ISO time the credential stops being valid (the verification itself is single use) */
    expiresAt: z.string().datetime(),
  }),
);
export type NetidVerifyResponse = z.infer<typeof netidVerifyResponseSchema>;
