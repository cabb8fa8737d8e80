// Exponential backoff with full jitter (sleep = random(0, min(cap, base·2^attempt))), never
// shorter than what the server asked for in Retry-After.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export function fullJitterDelay(attempt: number, p: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(p.capMs, p.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - nowMs);
}

/** The delay to use: jittered backoff, raised to Retry-After if the server named one (capped at 1 h). */
export function retryDelay(attempt: number, p: BackoffPolicy, retryAfterMs: number | null, random?: () => number): number {
  const jitter = fullJitterDelay(attempt, p, random);
  return retryAfterMs === null ? jitter : Math.min(Math.max(jitter, retryAfterMs), 3_600_000);
}
