// The credentials the simulator panel and the e2e tests hold to the code scanner: made by the
// published test issuer (common/netid-test-issuer.ts), which the reference central trusts. Each
// kind is one thing a citizen's phone could show: a fresh credential (with or without sex and
// birth date), one that has expired, one whose signature does not match, one from an issuer
// central does not know. Developer tooling: mounted only where the simulator routes are.
import { z } from 'zod';
import type { NetidClaims } from '../../../common/netid-credential';
import { netidNonce, signTestNetid } from '../../../common/netid-test-issuer';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';

export const simNetidSchema = z.strictObject({
  kind: z.enum(['valid', 'minimal', 'expired', 'forged', 'unknown-issuer']),
});

export async function simNetidCredential({ kind }: z.infer<typeof simNetidSchema>, now = Date.now()): Promise<string> {
  const card = SAMPLE_CARDS.resident;
  const iat = Math.floor(now / 1000) - (kind === 'expired' ? 300 : 0);
  const claims: NetidClaims = { v: 1, nonce: netidNonce(), iat, exp: iat + 120, name: card.name, idNumber: card.idNumber, gender: 'male', birthDate: card.birthDate };
  if (kind === 'minimal') {
    delete claims.gender;
    delete claims.birthDate;
  }
  const text = await signTestNetid(claims, kind === 'unknown-issuer' ? 'sim-unknown' : undefined);
  if (kind !== 'forged') return text;
  // the signature of another credential: right shape, wrong bytes
  const other = await signTestNetid({ ...claims, nonce: netidNonce() });
  return `${text.slice(0, text.lastIndexOf('.'))}${other.slice(other.lastIndexOf('.'))}`;
}
