// The reference 网证 verifier: checks a credential's issuer signature (Ed25519, node:crypto), its
// lifetime (≤ 180 s, not expired, not issued in the future beyond a small clock skew) and that it
// was not used before (the nonce table), then answers the identity it carries. The order matters:
// nothing about the claims counts before the signature does, and a nonce is spent only by a
// credential that is otherwise valid, so a forged or expired QR cannot burn a genuine one's nonce.
import crypto from 'node:crypto';
import { NETID_MAX_LIFETIME_SEC, parseNetidCredential, type NetidIdentity } from '../../common/netid-credential';
import type { NetidRefusal } from '../../common/netid-refusals';
import { NETID_TEST_ISSUER_JWK, NETID_TEST_KID } from '../../common/netid-test-issuer';
import { err, ok, type Result } from '../../common/result';
import type { CentralStore } from '../store';

/** How far a phone's clock may run ahead of central's. */
const CLOCK_SKEW_SEC = 30;

export type NetidIssuers = ReadonlyMap<string, crypto.KeyObject>;

/** The reference central trusts the published test issuer only (see common/netid-test-issuer.ts). */
export function testNetidIssuers(): NetidIssuers {
  return new Map([[NETID_TEST_KID, crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: NETID_TEST_ISSUER_JWK.x }, format: 'jwk' })]]);
}

export interface VerifiedNetid {
  identity: NetidIdentity;
  expiresAt: number;
}

export function verifyNetid(store: Pick<CentralStore, 'useNetidNonce'>, issuers: NetidIssuers, text: string, nowMs: number): Result<VerifiedNetid, NetidRefusal> {
  const parsed = parseNetidCredential(text);
  if (!parsed.ok) return err('netid-malformed');
  const { kid, claims, signingInput, signature } = parsed.value;
  const key = issuers.get(kid);
  if (!key) return err('netid-unknown-issuer');
  if (!crypto.verify(null, Buffer.from(signingInput, 'ascii'), key, signature)) return err('netid-bad-signature');
  const now = Math.floor(nowMs / 1000);
  if (claims.exp <= claims.iat || claims.exp - claims.iat > NETID_MAX_LIFETIME_SEC || claims.iat > now + CLOCK_SKEW_SEC) return err('netid-malformed');
  if (now >= claims.exp) return err('netid-expired');
  if (!store.useNetidNonce(kid, claims.nonce, claims.exp * 1000, nowMs)) return err('netid-replayed');
  const { name, idNumber, gender, birthDate } = claims;
  return ok({ identity: { name, idNumber, ...(gender ? { gender } : {}), ...(birthDate ? { birthDate } : {}) }, expiresAt: claims.exp * 1000 });
}
