// Calendars for tests, in the shape central publishes (`Calendar`, common/central-api.ts).
import type { Calendar } from '../central-api';

function span(from: string, to: string, name: string): Calendar['days'] {
  const out: Calendar['days'] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  return out;
}
const workday = (date: string, name: string): Calendar['days'][number] => ({ date, kind: 'workday', name });

/**
 * The real 2026 national calendar: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, 新华社).
 * Every day of each break is listed as a holiday (weekend days included, as the notice counts them).
 */
export const CN_2026: Calendar = {
  year: 2026,
  version: 'gov-2025-11-04',
  days: [
    ...span('2026-01-01', '2026-01-03', '元旦'),
    workday('2026-01-04', '元旦调休'),
    workday('2026-02-14', '春节调休'),
    ...span('2026-02-15', '2026-02-23', '春节'),
    workday('2026-02-28', '春节调休'),
    ...span('2026-04-04', '2026-04-06', '清明节'),
    ...span('2026-05-01', '2026-05-05', '劳动节'),
    workday('2026-05-09', '劳动节调休'),
    ...span('2026-06-19', '2026-06-21', '端午节'),
    workday('2026-09-20', '国庆节调休'),
    ...span('2026-09-25', '2026-09-27', '中秋节'),
    ...span('2026-10-01', '2026-10-07', '国庆节'),
    workday('2026-10-10', '国庆节调休'),
  ],
};

/**
 * FICTIONAL FIXTURE, not the real 2027 arrangement (not known when this was written):
 * only 元旦 on Friday 2027-01-01, enough to test counting across the year boundary.
 */
export const FIXTURE_2027: Calendar = {
  year: 2027,
  version: 'fixture',
  days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦（测试数据）' }],
};
