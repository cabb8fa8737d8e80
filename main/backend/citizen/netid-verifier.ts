// The kiosk's side of 网证 verification: the adapter the identification flow talks to, and its
// implementation against central (signed POST /v1/netid/verify, answer parsed with the contract's
// schema by the central client). A province whose verifier is another service implements the
// same interface. Only central can verify: the kiosk holds no issuer key, and a credential is
// single use, so verification cannot be done or queued offline.
import type { NetidIdentity } from '../../../common/netid-credential';
import { NETID_REFUSALS, type NetidRefusal } from '../../../common/netid-refusals';
import { err, ok, type Result } from '../../../common/result';
import type { CentralClient } from '../../../offline-queue/sync/central-client';

export type NetidVerifyFailure =
  /** the verifier judged the credential (expired, replayed, forged, …) */
  | { kind: 'refused'; code: NetidRefusal }
  /** no answer: network, central down or busy, this terminal's credentials refused */
  | { kind: 'unreachable' }
  /** an answer the contract does not allow (or a refusal it does not name): never taken as a pass */
  | { kind: 'bad-answer' };

export interface NetidVerifier {
  verify(credential: string): Promise<Result<{ identity: NetidIdentity; expiresAt: string }, NetidVerifyFailure>>;
}

const TIMEOUT_MS = 8_000;

export function centralNetidVerifier(client: Pick<CentralClient, 'call'>): NetidVerifier {
  return {
    async verify(credential) {
      const r = await client.call('netidVerify', { json: { credential }, timeoutMs: TIMEOUT_MS });
      if (r.ok) return ok(r.body);
      const f = r.failure;
      if (f.kind === 'network' || f.kind === 'unavailable' || f.kind === 'auth') return err({ kind: 'unreachable' });
      // central before contract 1.2 has no such path: it cannot verify, which for the citizen is the same as offline
      if (f.kind === 'rejected' && f.status === 404) return err({ kind: 'unreachable' });
      const code = f.kind === 'rejected' && f.status === 422 ? NETID_REFUSALS.find((c) => c === f.error) : undefined;
      return err(code ? { kind: 'refused', code } : { kind: 'bad-answer' });
    },
  };
}
