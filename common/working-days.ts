// Working-day arithmetic for promised completion dates (承诺办结时限). Dates are plain
// "YYYY-MM-DD" strings of the day in China (UTC+8, no DST); the arithmetic runs on whole
// day numbers in UTC so the terminal's own time zone can never shift a date.
// Calendars are the ones central publishes (`Calendar` in calendar.ts: 法定节假日 and
// 调休 working days per year); a year without a calendar is refused rather than guessed,
// because a promise printed on a receipt must not silently ignore a holiday.
import type { Calendar } from './calendar';
import { chinaIsoDate } from './china-time';
import { err, ok, type Result } from './result';

const DAY_MS = 24 * 60 * 60 * 1000;
/** No service limit is anywhere near this; it stops a typo (e.g. 2000 for 20) from looping over years. */
export const MAX_WORKING_DAYS = 366;

export type WorkingDayProblem =
  | { kind: 'bad-date'; input: string; message: string }
  | { kind: 'bad-days'; input: number; message: string }
  | { kind: 'no-calendar'; year: number; message: string }
  | { kind: 'bad-calendar'; date: string; message: string };

/** How long a service takes: finished while the citizen waits, or within N working days. */
export type TimeLimit = { kind: 'on-the-spot' } | { kind: 'working-days'; days: number };

export type Promised = { kind: 'on-the-spot'; date: string } | { kind: 'by-date'; date: string; workingDays: number };

export interface WorkingCalendar {
  /** years this calendar knows the holidays of */
  readonly years: readonly number[];
  isWorkingDay(date: string): Result<boolean, WorkingDayProblem>;
  /** The Nth working day after `acceptedOn` (the acceptance day itself is not counted; 0 → `acceptedOn`). */
  addWorkingDays(acceptedOn: string, days: number): Result<string, WorkingDayProblem>;
  promisedCompletion(acceptedOn: string, limit: TimeLimit): Result<Promised, WorkingDayProblem>;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-10-01" → days since 1970-01-01, or null when it is not a real calendar date. */
export function dayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  return dayNumber(date) !== null;
}

/** The date in China at an instant, whatever the OS time zone: 2026-11-22T17:00:00Z → "2026-11-23". */
export const chinaDateOf = chinaIsoDate;

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function badDate(input: string): WorkingDayProblem {
  return { kind: 'bad-date', input, message: `日期“${input}”不是有效的日期（应为 YYYY-MM-DD）/ "${input}" is not a valid date (expected YYYY-MM-DD)` };
}

/** Builds the calculator from one or more years' calendars (e.g. this year and next). */
export function workingCalendar(calendars: Calendar | readonly Calendar[]): Result<WorkingCalendar, WorkingDayProblem> {
  const list: readonly Calendar[] = Array.isArray(calendars) ? calendars : [calendars as Calendar];
  const days = new Map<number, 'holiday' | 'workday'>();
  const years = new Set<number>();
  for (const cal of list) {
    years.add(cal.year);
    for (const day of cal.days) {
      const n = dayNumber(day.date);
      if (n === null) return err(badDate(day.date));
      if (!day.date.startsWith(`${cal.year}-`))
        return err({ kind: 'bad-calendar', date: day.date, message: `${cal.year} 年日历中出现了其他年份的日期 ${day.date} / the ${cal.year} calendar lists ${day.date} from another year` });
      const seen = days.get(n);
      if (seen && seen !== day.kind)
        return err({ kind: 'bad-calendar', date: day.date, message: `日历中 ${day.date} 既是假日又是调休工作日 / the calendar lists ${day.date} both as a holiday and as a working day` });
      days.set(n, day.kind);
    }
  }

  const workingOn = (n: number): Result<boolean, WorkingDayProblem> => {
    const date = dateOfDayNumber(n);
    const year = Number(date.slice(0, 4));
    if (!years.has(year))
      return err({ kind: 'no-calendar', year, message: `尚未取得 ${year} 年的节假日安排，无法计算工作日 / the ${year} holiday calendar is not available, working days cannot be counted` });
    const listed = days.get(n);
    if (listed === 'holiday') return ok(false);
    if (listed === 'workday') return ok(true);
    const wd = weekday(n);
    return ok(wd !== 0 && wd !== 6);
  };

  const addWorkingDays = (acceptedOn: string, count: number): Result<string, WorkingDayProblem> => {
    const start = dayNumber(acceptedOn);
    if (start === null) return err(badDate(acceptedOn));
    if (!Number.isInteger(count) || count < 0 || count > MAX_WORKING_DAYS)
      return err({
        kind: 'bad-days',
        input: count,
        message: `工作日数应为 0 至 ${MAX_WORKING_DAYS} 的整数，收到 ${count} / the number of working days must be a whole number from 0 to ${MAX_WORKING_DAYS}, got ${count}`,
      });
    let n = start;
    let left = count;
    while (left > 0) {
      n += 1;
      const w = workingOn(n);
      if (!w.ok) return w;
      if (w.value) left -= 1;
    }
    return ok(dateOfDayNumber(n));
  };

  return ok({
    years: [...years].sort((a, b) => a - b),
    isWorkingDay(date) {
      const n = dayNumber(date);
      return n === null ? err(badDate(date)) : workingOn(n);
    },
    addWorkingDays,
    promisedCompletion(acceptedOn, limit) {
      if (limit.kind === 'on-the-spot') return isIsoDate(acceptedOn) ? ok({ kind: 'on-the-spot', date: acceptedOn }) : err(badDate(acceptedOn));
      const r = addWorkingDays(acceptedOn, limit.days);
      return r.ok ? ok({ kind: 'by-date', date: r.value, workingDays: limit.days }) : r;
    },
  });
}
