// The estimated wait a queued citizen is told: the calls ahead, shared among the staff on duty,
// times how long recent calls took to handle. Said as a rounded-up minute figure on screen, so
// the estimate errs long rather than short.

/** Used until the desk has answered a few calls of its own. */
export const DEFAULT_HANDLING_SEC = 180;
/** Even first in line with someone free: the time a person needs to notice and pick up. */
export const PICK_UP_SEC = 30;

export function estimateWaitSec(o: { ahead: number; staffOnDuty: number; recentHandlingSec: readonly number[] }): number {
  const usable = o.recentHandlingSec.filter((s) => Number.isFinite(s) && s > 0);
  const handling = usable.length ? usable.reduce((a, b) => a + b, 0) / usable.length : DEFAULT_HANDLING_SEC;
  const staff = Math.max(1, o.staffOnDuty);
  // calls ahead are answered `staff` at a time; this one waits for the rounds before its own
  const rounds = Math.floor(o.ahead / staff);
  return Math.round(rounds * handling + PICK_UP_SEC);
}
