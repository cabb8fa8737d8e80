// A content digest on the wire says which algorithm made it (issue 16): SM3 is written
// `sm3:<64 hex>`, SHA-256 as the bare 64 hex every terminal and central record used before the
// sm suite (as an absent x-kiosk-suite means `international`), so nothing stored or sent before
// changes meaning. A terminal digests with its suite's hash; central verifies with the one the
// digest names and decides whether that algorithm is allowed for the terminal (no downgrade).
import { z } from 'zod';
import type { CryptoSuite, SuiteTag } from './crypto-suite/suite';
import { lazySchema } from './lazy-schema';

export const DIGEST_ALGS = ['sha256', 'sm3'] as const;
export type DigestAlg = (typeof DIGEST_ALGS)[number];

const SM3_PREFIX = 'sm3:';

/** An attachment's (or a receipt claim's) digest: 64 lowercase hex (SHA-256) or `sm3:` + 64 lowercase hex (SM3). */
export const contentDigestSchema = lazySchema(() =>
  z.string().regex(/^(sm3:)?[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256，或 sm3: 加 64 位小写十六进制 SM3 / expected a lowercase hex SHA-256, or sm3: and a lowercase hex SM3'),
);

/** The algorithm a well-formed digest names. */
export function digestAlgOf(digest: string): DigestAlg {
  return digest.startsWith(SM3_PREFIX) ? 'sm3' : 'sha256';
}

/** The suite whose hash an algorithm is. */
export function suiteOfDigestAlg(alg: DigestAlg): SuiteTag {
  return alg === 'sm3' ? 'sm' : 'international';
}

/** The hex of a well-formed wire digest when it is `suite`'s hash (as a request signature in that suite carries a body's digest), else null. */
export function digestHexIn(suite: SuiteTag, digest: string): string | null {
  if (suiteOfDigestAlg(digestAlgOf(digest)) !== suite) return null;
  return suite === 'sm' ? digest.slice(SM3_PREFIX.length) : digest;
}

/** The wire form of `suite`'s digest bytes. */
export function formatDigest(suite: SuiteTag, bytes: Uint8Array): string {
  return contentDigestOfHex(suite, Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
}

/** The wire form of `suite`'s digest given as lowercase hex (as a request signature carries a body's digest). */
export function contentDigestOfHex(suite: SuiteTag, hex: string): string {
  return suite === 'sm' ? SM3_PREFIX + hex : hex;
}

/** The wire-form digest of `data` in `suite`'s hash. */
export function contentDigest(suite: CryptoSuite, data: Uint8Array): string {
  return formatDigest(suite.tag, suite.digest(data));
}
