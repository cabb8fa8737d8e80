import { describe, expect, it } from 'vitest';
import { CN_2026 } from '../../../common/test-support/calendars';
import type { BackendContext } from '../context';
import { commitmentDeadline, deadlineText, promisedCompletion } from './promised-dates';

const ctxWith = (years: Record<number, unknown>) =>
  ({ store: { outbox: { calendar: (y: number) => (years[y] ? { version: 'v', body: JSON.stringify(years[y]), fetched_at: '' } : undefined) } } }) as unknown as BackendContext;

describe('promised dates on the receipt', () => {
  it('counts working days over holidays and 调休 from the cached calendar', () => {
    const ctx = ctxWith({ 2026: CN_2026 });
    // accepted on Friday 2026-09-18: 09-19/20 weekend but 09-20 is a 调休 working day (国庆节调休)
    expect(promisedCompletion(ctx, '2026-09-18', { kind: 'working_days', legal: 20, promised: 1 })).toEqual({ kind: 'by-date', date: '2026-09-20', workingDays: 1 });
    // 劳动节 2026-05-01…05 is a holiday; 05-09 (Saturday) is a make-up working day
    expect(promisedCompletion(ctx, '2026-04-30', { kind: 'working_days', legal: 20, promised: 2 })).toEqual({ kind: 'by-date', date: '2026-05-07', workingDays: 2 });
    expect(promisedCompletion(ctx, '2026-04-30', { kind: 'on_the_spot' })).toEqual({ kind: 'on-the-spot', date: '2026-04-30' });
    expect(commitmentDeadline(ctx, '2026-11-20')).toEqual({ kind: 'date', date: '2026-11-27' });
  });

  it('says "N working days" instead of guessing when the year reached has no calendar', () => {
    const ctx = ctxWith({ 2026: CN_2026 });
    expect(promisedCompletion(ctx, '2026-12-24', { kind: 'working_days', legal: 20, promised: 15 })).toEqual({ kind: 'within', workingDays: 15 });
    expect(commitmentDeadline(ctxWith({}), '2026-11-20')).toEqual({ kind: 'within', workingDays: 5 });
    expect(deadlineText({ kind: 'within', workingDays: 5 })).toBe('受理后 5 个工作日内');
  });
});
