// How the shell recovers from a storm of failures (renderer crashes and hangs, the window being
// closed, the main process restarted by systemd after a crash or a backend that would not start):
// each recovery within the window waits twice as long as the last, up to a cap, and past
// `maxRestarts` the terminal stops trying and shows the out-of-service page — never the desktop —
// trying once more after `outOfServiceRetryMs`. Pure: the caller keeps the history and the clock.
// The process-start history counts starts the same way: the first start in the window is
// immediate, each further one is a restart after a failure and backs off.

export interface RestartPolicy {
  /** wait before the second recovery in the window (the first is immediate) */
  baseMs: number;
  capMs: number;
  /** failures older than this no longer count */
  windowMs: number;
  /** failures within the window that are still recovered from; the next one ends on the out-of-service page */
  maxRestarts: number;
  /** how long the out-of-service page stays before one more attempt */
  outOfServiceRetryMs: number;
}

export const RESTART_POLICY: RestartPolicy = {
  baseMs: 2_000,
  capMs: 60_000,
  windowMs: 10 * 60_000,
  maxRestarts: 5,
  outOfServiceRetryMs: 15 * 60_000,
};

export type RestartDecision = { action: 'restart'; delayMs: number; failures: number } | { action: 'out-of-service'; retryAfterMs: number; failures: number };

/** Records a failure at `now` and decides; returns the history to keep (only what still counts). */
export function decideRestart(history: readonly number[], now: number, policy: RestartPolicy = RESTART_POLICY): { decision: RestartDecision; history: number[] } {
  const recent = history.filter((t) => Number.isFinite(t) && t <= now && now - t < policy.windowMs);
  recent.push(now);
  const failures = recent.length;
  if (failures > policy.maxRestarts) return { decision: { action: 'out-of-service', retryAfterMs: policy.outOfServiceRetryMs, failures }, history: recent };
  const delayMs = failures <= 1 ? 0 : Math.min(policy.capMs, policy.baseMs * 2 ** (failures - 2));
  return { decision: { action: 'restart', delayMs, failures }, history: recent };
}
