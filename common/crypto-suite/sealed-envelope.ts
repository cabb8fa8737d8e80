// The byte layout of a sealed value, the same for both suites:
//   0x02 ‖ suite id ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag
// The two header bytes are authenticated too (they are prefixed to the associated data), so an
// item cannot be relabelled as the other suite's. 0x02 tells these apart from the outbox's
// version-1 AES-GCM values (0x01 ‖ iv ‖ tag ‖ body), which carry no suite id.
import { err, ok, type Result } from '../result';
import type { OpenError, SuiteTag } from './suite';

const FORMAT = 0x02;
export const SUITE_IDS: Readonly<Record<SuiteTag, number>> = { international: 0x01, sm: 0x02 };
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const HEADER_BYTES = 2;

export function suiteOfId(id: number): SuiteTag | null {
  for (const [tag, value] of Object.entries(SUITE_IDS)) if (value === id) return tag as SuiteTag;
  return null;
}

/** Which suite sealed `sealed`, or null if it is not a suite-tagged sealed value. */
export function sealedSuiteOf(sealed: Uint8Array): SuiteTag | null {
  if (sealed.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT) return null;
  return suiteOfId(sealed[1]!);
}

export function sealedHeader(suite: SuiteTag): Uint8Array {
  return Uint8Array.of(FORMAT, SUITE_IDS[suite]);
}

/** What the AEAD authenticates besides the ciphertext: the header, then the caller's data. */
export function authenticatedData(suite: SuiteTag, associatedData: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + associatedData.length);
  out.set(sealedHeader(suite));
  out.set(associatedData, HEADER_BYTES);
  return out;
}

export function encodeSealed(suite: SuiteTag, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + nonce.length + ciphertext.length + tag.length);
  out.set(sealedHeader(suite));
  out.set(nonce, HEADER_BYTES);
  out.set(ciphertext, HEADER_BYTES + nonce.length);
  out.set(tag, HEADER_BYTES + nonce.length + ciphertext.length);
  return out;
}

export type SealedParts = { readonly nonce: Uint8Array; readonly ciphertext: Uint8Array; readonly tag: Uint8Array };

/** Splits a sealed value that `suite` must open; refuses other formats and the other suite's items. */
export function decodeSealed(suite: SuiteTag, sealed: unknown): Result<SealedParts, OpenError> {
  if (!(sealed instanceof Uint8Array) || sealed.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT) return err('malformed');
  const madeBy = suiteOfId(sealed[1]!);
  if (madeBy === null) return err('unknown-suite');
  if (madeBy !== suite) return err('wrong-suite');
  const end = sealed.length - TAG_BYTES;
  return ok({
    nonce: sealed.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES),
    ciphertext: sealed.subarray(HEADER_BYTES + NONCE_BYTES, end),
    tag: sealed.subarray(end),
  });
}
