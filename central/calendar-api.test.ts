// Publishing a working-day calendar: central refuses one that contradicts itself, so no kiosk ever
// counts a promised completion date from a day that is both a holiday and a working day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarSchema } from '../common/central-api';
import { centralHarness, type CentralHarness } from './test-support/central-harness';

let h: CentralHarness;
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => h.close());

const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const put = (year: number | string, body: unknown) => h.admin(`/v1/admin/calendar/${year}`, 'PUT', body);

describe('calendar publication', () => {
  it('refuses a date listed both as holiday and as workday, and keeps the published calendar', async () => {
    const good = { version: 'v1', days: [{ date: `${thisYear}-10-01`, kind: 'holiday', name: '国庆节' }] };
    expect((await put(thisYear, good)).status).toBe(200);
    const r = await put(thisYear, {
      version: 'v2',
      days: [
        { date: `${thisYear}-10-08`, kind: 'holiday', name: '国庆节' },
        { date: `${thisYear}-10-08`, kind: 'workday', name: '国庆节调休' },
      ],
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain('listed twice');
    const served = await (await h.call({ method: 'GET', path: `/v1/calendar/${thisYear}` })).json();
    expect(served.version).toBe('v1');
  });

  it('refuses a date outside the year it is published for', async () => {
    const r = await put(thisYear, { version: 'v1', days: [{ date: `${thisYear + 1}-01-01`, kind: 'holiday', name: '元旦' }] });
    expect(r.status).toBe(400);
    expect(h.store.calendar(thisYear)).toBeNull();
  });

  it('takes next year (announced late in the year) but not a year no one can know yet', async () => {
    expect((await put(thisYear + 1, { version: 'v1', days: [] })).status).toBe(200);
    const far = await put(thisYear + 5, { version: 'v1', days: [] });
    expect(far.status).toBe(400);
    expect(h.store.calendar(thisYear + 5)).toBeNull();
    expect((await put(1999, { version: 'v1', days: [] })).status).toBe(400);
  });

  it('is the same rule the kiosk applies to what it receives', () => {
    const twice = {
      year: 2026,
      version: 'v1',
      days: [
        { date: '2026-02-14', kind: 'workday', name: '调休' },
        { date: '2026-02-14', kind: 'holiday', name: '春节' },
      ],
    };
    expect(calendarSchema.safeParse(twice).success).toBe(false);
  });
});
