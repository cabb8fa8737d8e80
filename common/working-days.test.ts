import { describe, expect, it } from 'vitest';
import { calendarSchema } from './central-api';
import { CN_2026, FIXTURE_2027 } from './test-support/calendars';
import { chinaDateOf, workingCalendar, type WorkingCalendar } from './working-days';

function cal(...c: Parameters<typeof workingCalendar>[0][]): WorkingCalendar {
  const r = workingCalendar(c.flat());
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const both = () => cal(CN_2026, FIXTURE_2027);
function add(c: WorkingCalendar, from: string, n: number): string {
  const r = c.addWorkingDays(from, n);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const working = (c: WorkingCalendar, d: string) => {
  const r = c.isWorkingDay(d);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('calendar data', () => {
  it('is the shape central publishes and the 2026 make-up days are weekend days', () => {
    expect(calendarSchema.parse(CN_2026)).toEqual(CN_2026);
    expect(calendarSchema.parse(FIXTURE_2027)).toEqual(FIXTURE_2027);
    for (const d of CN_2026.days.filter((x) => x.kind === 'workday')) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
  });
});

describe('isWorkingDay (2026 national calendar)', () => {
  it('weekdays work, weekends rest, holidays rest even on weekdays, make-up weekend days work', () => {
    const c = both();
    expect(working(c, '2026-10-12')).toBe(true); // Monday
    expect(working(c, '2026-10-11')).toBe(false); // Sunday
    expect(working(c, '2026-10-05')).toBe(false); // Monday in 国庆
    expect(working(c, '2026-06-19')).toBe(false); // Friday 端午
    expect(working(c, '2026-10-10')).toBe(true); // Saturday 调休
    expect(working(c, '2026-09-20')).toBe(true); // Sunday 调休
    expect(working(c, '2026-01-04')).toBe(true); // Sunday 调休
  });
});

describe('addWorkingDays', () => {
  it('does not count the acceptance day: 1 working day after a Tuesday is Wednesday; 0 is the day itself', () => {
    const c = both();
    expect(add(c, '2026-11-17', 1)).toBe('2026-11-18');
    expect(add(c, '2026-11-17', 0)).toBe('2026-11-17');
    expect(add(c, '2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(add(c, '2026-11-21', 1)).toBe('2026-11-23'); // accepted on a Saturday at the kiosk
  });

  it('spans the 国庆 week and counts the make-up Saturday', () => {
    const c = both();
    expect(add(c, '2026-09-30', 1)).toBe('2026-10-08');
    expect(add(c, '2026-09-30', 3)).toBe('2026-10-10'); // Thu 8, Fri 9, Sat 10 (调休)
    expect(add(c, '2026-09-30', 4)).toBe('2026-10-12');
    expect(add(c, '2026-09-30', 5)).toBe('2026-10-13');
  });

  it('spans 春节 with make-up Saturdays on both sides', () => {
    const c = both();
    expect(add(c, '2026-02-13', 1)).toBe('2026-02-14');
    expect(add(c, '2026-02-13', 2)).toBe('2026-02-24');
    expect(add(c, '2026-02-24', 4)).toBe('2026-02-28');
  });

  it('skips a holiday that falls on a weekday', () => {
    expect(add(both(), '2026-06-18', 1)).toBe('2026-06-22'); // 端午 Friday, then the weekend
  });

  it("crosses the year boundary using next year's calendar", () => {
    expect(add(both(), '2026-12-30', 2)).toBe('2027-01-04'); // Thu 31, (Fri 1 元旦, weekend) Mon 4
  });

  it('refuses to promise a date in a year whose calendar is missing', () => {
    const r = cal(CN_2026).addWorkingDays('2026-12-30', 2);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('no-calendar');
      expect(r.error.message).toContain('2027');
    }
  });

  it('rejects bad dates and bad day counts with a clear bilingual message', () => {
    const c = both();
    for (const bad of ['2026-02-30', '2026/10/01', '', '2026-13-01', '26-10-01']) {
      const r = c.addWorkingDays(bad, 1);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('bad-date');
        expect(r.error.message).toMatch(/不是有效的日期.*not a valid date/);
      }
      expect(c.isWorkingDay(bad).ok).toBe(false);
    }
    for (const n of [-1, 1.5, Number.NaN, 100000]) {
      const r = c.addWorkingDays('2026-10-12', n);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('bad-days');
        expect(r.error.message).toMatch(/工作日数.*number of working days/);
      }
    }
  });
});

describe('promisedCompletion', () => {
  it('当场办结 is the acceptance day, even on a holiday', () => {
    const r = both().promisedCompletion('2026-10-03', { kind: 'on-the-spot' });
    expect(r).toEqual({ ok: true, value: { kind: 'on-the-spot', date: '2026-10-03' } });
  });
  it('N working days gives the date and the limit', () => {
    const r = both().promisedCompletion('2026-09-30', { kind: 'working-days', days: 3 });
    expect(r).toEqual({ ok: true, value: { kind: 'by-date', date: '2026-10-10', workingDays: 3 } });
  });
});

describe('building the calendar', () => {
  it('rejects a date listed as both holiday and working day, and dates filed under the wrong year', () => {
    const clash = workingCalendar({ ...CN_2026, days: [...CN_2026.days, { date: '2026-10-01', kind: 'workday', name: 'x' }] });
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.error.kind).toBe('bad-calendar');
    const wrongYear = workingCalendar({ year: 2026, version: 'v', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(wrongYear.ok).toBe(false);
  });
});

describe('chinaDateOf', () => {
  it('uses the date in China, not the OS time zone', () => {
    expect(chinaDateOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaDateOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });
});
