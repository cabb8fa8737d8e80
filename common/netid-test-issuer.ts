// The 网证 TEST issuer: a published Ed25519 key (its private half is here, in the open), so the
// reference central can verify credentials that the kiosk's simulator and the tests make. It
// proves nothing about anybody: a real deployment's central verifies with the issuing platform's
// keys and never trusts this kid (central/README.md, SECURITY.md "网证").
import { NETID_PREFIX, type NetidClaims } from './netid-credential';

export const NETID_TEST_KID = 'test-2026';

/** The test issuer's key as a JWK (public: `x`; private: `d`, published on purpose). */
export const NETID_TEST_ISSUER_JWK = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'mzzBjLZtCUEChDd8Xe4kIFpUMO-csiQPaQEmK0rVjGI',
  d: 'FILK9sgOHbxLCh_zNeH3ePYriNNn8ElB1kyEWo-ScRU',
} as const;

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh single-use nonce (16 random bytes). */
export function netidNonce(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Signs claims as the test issuer (or as `kid` with the same key: an issuer central does not know). */
export async function signTestNetid(claims: NetidClaims, kid = NETID_TEST_KID): Promise<string> {
  const key = await crypto.subtle.importKey('jwk', { ...NETID_TEST_ISSUER_JWK }, { name: 'Ed25519' }, false, ['sign']);
  const input = `${NETID_PREFIX}${kid}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}`;
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, key, new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(sig))}`;
}
