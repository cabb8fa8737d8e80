// Counting wrong PINs and locking out for a while: one rule for the technician PIN, the helper
// sign-in screen of a kiosk and central's per-helper count. Pure: callers load and save the state.
// A lockout that has run out starts the count afresh, so the next answer offers every attempt
// again (not "0 attempts left" from the count that caused the lock).

export interface LockoutState {
  failures: number;
  /** epoch ms; 0 when not locked */
  lockedUntil: number;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockoutSec: number;
}

/** A PIN screen's rule with where its count is kept (it survives a restart). */
export interface StoredLockout extends LockoutPolicy {
  load: () => LockoutState | null;
  save: (l: LockoutState) => void;
}

export interface LockoutView {
  locked: boolean;
  lockedUntil: string | null;
  attemptsLeft: number;
}

export const NO_FAILURES: LockoutState = { failures: 0, lockedUntil: 0 };

/** The state as it counts now: a spent lockout is no lockout and no failures. */
export function current(s: LockoutState | null, policy: LockoutPolicy, now: number): LockoutState {
  if (!s) return NO_FAILURES;
  if (s.lockedUntil > now) return s;
  if (s.lockedUntil !== 0 || s.failures >= policy.maxFailures) return NO_FAILURES;
  return s;
}

export function viewOf(s: LockoutState | null, policy: LockoutPolicy, now: number): LockoutView {
  const c = current(s, policy, now);
  const locked = c.lockedUntil > now;
  return { locked, lockedUntil: locked ? new Date(c.lockedUntil).toISOString() : null, attemptsLeft: locked ? 0 : Math.max(0, policy.maxFailures - c.failures) };
}

/** One more wrong PIN: the new state to save, and what to tell the person. */
export function afterFailure(s: LockoutState | null, policy: LockoutPolicy, now: number): { state: LockoutState; view: LockoutView } {
  const failures = current(s, policy, now).failures + 1;
  const state = { failures, lockedUntil: failures >= policy.maxFailures ? now + policy.lockoutSec * 1000 : 0 };
  return { state, view: viewOf(state, policy, now) };
}
