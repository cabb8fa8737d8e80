// The sliding window on follow-up lookups per terminal: a terminal that looks up more than `max`
// cases within `windowMs` is told to wait (429, Retry-After) until the oldest lookup leaves the
// window. The audit table is the window, so a restart of central does not reset it.
import type { CentralStore } from '../store';

export interface LookupLimit {
  max: number;
  windowMs: number;
}

export function lookupWait(store: CentralStore, terminalId: string, now: number, limit: LookupLimit): number | null {
  const times = store.lookupTimesSince(terminalId, now - limit.windowMs);
  if (times.length < limit.max) return null;
  const oldestThatCounts = times[times.length - limit.max]!;
  return Math.max(1, Math.ceil((oldestThatCounts + limit.windowMs - now) / 1000));
}
