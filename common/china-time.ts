// Dates and times as they are in China (UTC+8, no daylight saving), whatever time zone the
// machine running the code is set to: receipts, retention, working days, printed and shown times.
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function shifted(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString();
}

/** 2026-11-22T17:00:00Z → "2026-11-23" */
export function chinaIsoDate(d: Date): string {
  return shifted(d).slice(0, 10);
}

/** 2026-11-22T17:00:00Z → "20261123" */
export function chinaDay(d: Date): string {
  return chinaIsoDate(d).replace(/-/g, '');
}

/** 2026-12-31T16:30:00Z → 2027 */
export function chinaYear(d: Date): number {
  return Number(shifted(d).slice(0, 4));
}

/** "2026-11-22T05:05:00Z" → "2026-11-22 13:05" (minutes, no seconds: what screens and slips show). */
export function chinaDateTime(iso: string): string {
  const t = shifted(new Date(Date.parse(iso)));
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}
