// Maintenance requests: a 403 means the technician session is gone (idle expiry, sign-out on
// another screen), so the screen closes instead of showing errors.
import type { Result } from '../../../common/result';
import { call, type Refusal, type Success } from '../call';

export class SessionExpired extends Error {}

/** A refused request other than the expired session; the panels leave their last view in place. */
export class Refused extends Error {}

export async function techCall<R extends Response>(request: Promise<R>): Promise<Result<Success<R>, Refusal<R>>> {
  const r = await call(request);
  if (!r.ok && r.error.status === 403) throw new SessionExpired('technician session expired');
  return r;
}

/** For reads whose only expected answer is success: a refusal throws, as the panels treat it like a lost session check. */
export async function techValue<R extends Response>(request: Promise<R>): Promise<Success<R>> {
  const r = await techCall(request);
  if (!r.ok) throw new Refused(r.error.message);
  return r.value;
}

/** Request options for the screen's automatic refreshes: they do not keep an unattended session alive. */
export const BACKGROUND = { headers: { 'x-maintenance-background': '1' } };
