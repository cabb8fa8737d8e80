// When a terminal tells central something happened (a submission, a print), the instant it gives
// must be one that could be true: not later than central's clock allows for skew, and not before
// the thing could have happened. A first print dated 2999 would otherwise stand forever.
import { MAX_CLOCK_SKEW_MS } from './request-signing';
import { err, ok, type Result } from './result';

/**
 * How long a submission may wait in a terminal's outbox and still be taken with its own
 * submittedAt. A township terminal can be offline for weeks; three months without a link is a
 * case for a person (central refuses it, the kiosk keeps it as a dead letter the technician sees).
 */
export const MAX_OFFLINE_DAYS = 90;

export type ImplausibleTime = { kind: 'in-future' | 'too-early'; message: string };

/** Checks an ISO instant against [notBefore − skew, now + skew]; returns it in milliseconds. */
export function plausibleInstant(iso: string, o: { nowMs: number; notBeforeMs: number; what: { zh: string; en: string } }): Result<number, ImplausibleTime> {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return err({ kind: 'too-early', message: `${o.what.zh}不是有效时间 / ${o.what.en} is not a valid time` });
  if (at > o.nowMs + MAX_CLOCK_SKEW_MS) return err({ kind: 'in-future', message: `${o.what.zh}晚于中心当前时间 / ${o.what.en} is later than central's clock (${new Date(o.nowMs).toISOString()})` });
  if (at < o.notBeforeMs - MAX_CLOCK_SKEW_MS)
    return err({ kind: 'too-early', message: `${o.what.zh}早于 ${new Date(o.notBeforeMs).toISOString()} / ${o.what.en} is before ${new Date(o.notBeforeMs).toISOString()}` });
  return ok(at);
}
