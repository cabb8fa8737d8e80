// The kiosk's side of helper sign-in at central (POST /v1/helpers/identify, /v1/helpers/sign-in):
// signed requests through the central client and answers validated at the boundary. Only "no
// answer" (network, 5xx/408/429, this terminal's credentials refused) counts as unreachable and
// lets the offline ticket stand in; any other refusal is a refusal — a request central judged
// invalid must not turn into a PIN-less offline sign-in.
import { helperLockedSchema, helperWrongPinSchema } from '../../../common/staff-registry';
import type { CallFailure, CentralClient } from '../../../offline-queue/sync/central-client';
import type { CentralAnswer, HelperCentral } from './helper-auth';

const TIMEOUT_MS = 8_000;

function answer<T>(r: { ok: true; body: T } | { ok: false; failure: CallFailure }): CentralAnswer<T> {
  if (r.ok) return { kind: 'ok', value: r.body };
  const f = r.failure;
  // An answer central gave but the contract does not allow is a refusal, never "unreachable".
  if (f.kind === 'invalid') return { kind: 'refused', reason: 'malformed-answer' };
  if (f.kind !== 'rejected') return { kind: 'unreachable', reason: f.kind };
  if (f.status === 404 && f.error === 'unknown-card') return { kind: 'unknown-card' };
  const wrong = helperWrongPinSchema.safeParse(f.body);
  if (f.status === 422 && wrong.success) return { kind: 'wrong-pin', attemptsLeft: wrong.data.attemptsLeft };
  const locked = helperLockedSchema.safeParse(f.body);
  if (f.status === 423 && locked.success) return { kind: 'locked', lockedUntil: locked.data.lockedUntil };
  return { kind: 'refused', reason: `${f.status} ${f.error}` };
}

export function centralHelperSignIn(client: CentralClient): HelperCentral {
  return {
    identify: async (idNumber) => answer(await client.call('helperIdentify', { json: { idNumber }, timeoutMs: TIMEOUT_MS })),
    signIn: async (idNumber, pin) => answer(await client.call('helperSignIn', { json: { idNumber, pin }, timeoutMs: TIMEOUT_MS })),
  };
}
