// POST /v1/netid/verify (signed by the terminal): a 网证 QR scanned at a kiosk, verified here
// (central/netid/netid-verifier.ts); the answer is the identity the credential carries.
import { Hono } from 'hono';
import { netidVerifyRequestSchema } from '../../common/netid-credential';
import type { NetidRefusal } from '../../common/netid-refusals';
import type { AuthVariables } from '../auth/terminal-auth';
import { parseJsonBody, problem } from '../http-helpers';
import { verifyNetid, type NetidIssuers } from '../netid/netid-verifier';
import type { CentralStore } from '../store';

const REFUSAL_MESSAGE: Record<NetidRefusal, string> = {
  'netid-malformed': '网证格式不正确 / not a well-formed network identity credential',
  'netid-unknown-issuer': '网证签发方未知 / unknown credential issuer',
  'netid-bad-signature': '网证签名无效 / the credential’s signature does not verify',
  'netid-expired': '网证已过期 / the credential has expired',
  'netid-replayed': '网证已使用 / the credential was used already',
};

export function netidRoutes(store: CentralStore, issuers: NetidIssuers, now: () => number = Date.now) {
  return new Hono<{ Variables: AuthVariables }>().post('/netid/verify', (c) => {
    const body = parseJsonBody(c, c.get('rawBody'), netidVerifyRequestSchema);
    if (!body.ok) return body.response;
    const r = verifyNetid(store, issuers, body.value.credential, now());
    if (!r.ok) return problem(c, 422, r.error, REFUSAL_MESSAGE[r.error]);
    return c.json({ identity: r.value.identity, expiresAt: new Date(r.value.expiresAt).toISOString() });
  });
}
