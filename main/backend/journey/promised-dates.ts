// Dates printed for the citizen: the promised completion (承诺办结) and the 容缺 deadline, in
// working days from the holiday calendar central publishes (cached in the kiosk store). Without
// the calendar for a year the kiosk does not guess a date: it prints the number of working days.
import type { TimeLimit as CatalogTimeLimit } from '../../../common/catalog';
import { calendarSchema, type Calendar } from '../../../common/central-api';
import { COMMITMENT_WORKING_DAYS } from '../../../common/journey/materials-decision';
import { workingCalendar } from '../../../common/working-days';
import type { BackendContext } from '../context';

export type Completion =
  | { kind: 'on-the-spot'; date: string }
  | { kind: 'by-date'; date: string; workingDays: number }
  /** the calendar for the year the count reaches is not here yet */
  | { kind: 'within'; workingDays: number };

export type Deadline = { kind: 'date'; date: string } | { kind: 'within'; workingDays: number };

function calendars(ctx: BackendContext, today: string): Calendar[] {
  const y = Number(today.slice(0, 4));
  const out: Calendar[] = [];
  for (const year of [y, y + 1]) {
    const row = ctx.store.outbox.calendar(year);
    if (!row) continue;
    const parsed = calendarSchema.safeParse(JSON.parse(row.body));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export function promisedCompletion(ctx: BackendContext, today: string, limit: CatalogTimeLimit): Completion {
  if (limit.kind === 'on_the_spot') return { kind: 'on-the-spot', date: today };
  const cal = workingCalendar(calendars(ctx, today));
  const r = cal.ok ? cal.value.addWorkingDays(today, limit.promised) : null;
  return r?.ok ? { kind: 'by-date', date: r.value, workingDays: limit.promised } : { kind: 'within', workingDays: limit.promised };
}

export function commitmentDeadline(ctx: BackendContext, today: string): Deadline {
  const cal = workingCalendar(calendars(ctx, today));
  const r = cal.ok ? cal.value.addWorkingDays(today, COMMITMENT_WORKING_DAYS) : null;
  return r?.ok ? { kind: 'date', date: r.value } : { kind: 'within', workingDays: COMMITMENT_WORKING_DAYS };
}

export function deadlineText(d: Deadline): string {
  return d.kind === 'date' ? d.date : `受理后 ${d.workingDays} 个工作日内`;
}
