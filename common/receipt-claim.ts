// The receipt's claim: a random capability printed in the 收件回执's QR beside the receipt number.
// A receipt number follows a sequence anyone could guess, so it only ever shows status; the claim
// (>= 128 random bits, drawn at enqueue) is what proves the paper is in the citizen's hand. Central
// keeps only its digest, so neither central's database nor its logs can mint a valid QR.
// The digest is made with the terminal's suite (SM3 for `sm`, issue 16) and says which
// (common/content-digest.ts); a claim is checked against a filed digest in the algorithm that
// digest names, so a receipt printed before a terminal moved to sm still opens its case.
import { z } from 'zod';
import type { CryptoSuite } from './crypto-suite/suite';
import { contentDigestSchema, digestAlgOf, formatDigest } from './content-digest';
import { sha256Hex } from './request-signing';
import { receiptNoSchema } from './submission';
import { lazySchema } from './lazy-schema';

/** 16 random bytes = 128 bits, as base64url without padding (22 characters). */
export const RECEIPT_CLAIM_BYTES = 16;

export const receiptClaimSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, '回执凭证格式不正确 / malformed receipt claim'));

/** What central stores and compares: the claim's digest, 64 hex (SHA-256) or `sm3:` + 64 hex (SM3). */
export const claimDigestSchema = contentDigestSchema;

export function newReceiptClaim(): string {
  const b = new Uint8Array(RECEIPT_CLAIM_BYTES);
  globalThis.crypto.getRandomValues(b);
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const CONTEXT = 'gk-receipt-claim-v1:';

/**
 * The one place a claim becomes its digest (kiosk outbox, central store), in the terminal's
 * suite: SHA-256 (Web Crypto) for `international` or none given, SM3 tagged `sm3:` for `sm`. The
 * suite is handed in, so what imports this file (the renderer, through the contract) carries no
 * cryptography.
 */
export async function receiptClaimDigest(claim: string, suite: CryptoSuite | null = null): Promise<string> {
  if (!suite || suite.tag === 'international') return sha256Hex(CONTEXT + claim);
  return formatDigest(suite.tag, suite.digest(new TextEncoder().encode(CONTEXT + claim)));
}

/**
 * Whether `claim` is the one a filed digest was made of, in the algorithm the digest names
 * (`sm` computes SM3 digests); constant time.
 */
export async function claimMatchesDigest(claim: string, filed: string, sm: CryptoSuite): Promise<boolean> {
  if (!claimDigestSchema.safeParse(filed).success) return false;
  return sameDigest(await receiptClaimDigest(claim, digestAlgOf(filed) === 'sm3' ? sm : null), filed);
}

/** Equal digests, compared without an early exit (the digests are of equal, fixed length). */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const QR_V2 = 'GK2';

/** The receipt QR's text: versioned, so a later format can sit beside this one. */
export function receiptQrPayload(receiptNo: string, claim: string): string {
  return `${QR_V2}|${receiptNo}|${claim}`;
}

/**
 * The receipt number (and the claim, on a GK2 receipt) in a scanned code. An old receipt (or any
 * code with a receipt number in it) yields the number alone: it still shows status.
 */
export function parseReceiptCode(text: string): { receiptNo: string; claim: string | null } | null {
  const t = text.trim();
  const parts = t.split('|');
  if (parts.length === 3 && parts[0] === QR_V2) {
    const no = receiptNoSchema.safeParse(parts[1]);
    const claim = receiptClaimSchema.safeParse(parts[2]);
    return no.success ? { receiptNo: no.data, claim: claim.success ? claim.data : null } : null;
  }
  if (receiptNoSchema.safeParse(t).success) return { receiptNo: t, claim: null };
  const m = /[A-Z0-9]{4,16}-\d{8}-\d{4,6}/.exec(t.toUpperCase());
  return m && receiptNoSchema.safeParse(m[0]).success ? { receiptNo: m[0], claim: null } : null;
}

/**
 * What a terminal shows central to act on a case for the citizen in front of it: the receipt's
 * claim, or the identity number of the applicant (or of the authorised agent the case records)
 * read from the card on the reader. Travels only in signed JSON bodies, never in a URL.
 */
export const caseProofSchema = lazySchema(() =>
  z.discriminatedUnion('by', [
    z.object({ by: z.literal('claim'), claim: receiptClaimSchema }).strict(),
    z.object({ by: z.literal('idNumber'), idNumber: z.string().regex(/^[0-9A-Za-z]{6,20}$/, '证件号码格式不正确 / malformed identity number') }).strict(),
  ]),
);
export type CaseProof = z.infer<typeof caseProofSchema>;
