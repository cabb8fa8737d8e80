// The working-day calendar central publishes per year: 法定节假日 (weekdays off) and 调休
// (weekend days worked). Part of the central contract (central-api.ts re-exports it).
import { z } from 'zod';
import { cleanText } from './text-hygiene';
import { lazySchema } from './lazy-schema';

const dateSchema = lazySchema(() => z.iso.date());

export const calendarDaySchema = lazySchema(() =>
  z.object({
    date: dateSchema,
    /** holiday: a weekday off; workday: a weekend day worked (调休) */
    kind: z.enum(['holiday', 'workday']),
    name: cleanText(z.string().min(1).max(40)),
  }),
);
/** A calendar year as central publishes calendars for (also the `{year}` of its paths). */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
/** A calendar as the admin publishes it (the year comes from the path). */
export const calendarBodySchema = lazySchema(() =>
  z.object({
    version: z.string().min(1).max(40),
    days: z.array(calendarDaySchema).max(366),
  }),
);
/**
 * One year's exceptions, consistent in itself: every date inside that year and listed once (a
 * date both holiday and workday has no meaning; the working-day count would depend on order).
 */
export const calendarSchema = lazySchema(() =>
  calendarBodySchema.extend({ year: z.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max) }).superRefine((cal, ctx) => {
    const seen = new Set<string>();
    cal.days.forEach((d, i) => {
      if (!d.date.startsWith(`${cal.year}-`)) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `${d.date} 不在 ${cal.year} 年 / date outside the year ${cal.year}` });
      if (seen.has(d.date))
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'date'],
          message: `${d.date} 重复列出（同一天不能既是假日又是调休工作日） / ${d.date} listed twice (a day cannot be both holiday and workday)`,
        });
      seen.add(d.date);
    });
  }),
);
export type Calendar = z.infer<typeof calendarSchema>;
