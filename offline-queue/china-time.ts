// Receipts, retention and the working-day calendar follow the date in China (UTC+8, no DST),
// whatever time zone the terminal's OS happens to be set to.
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2026-11-22T17:00:00Z → "20261123" */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** 2026-11-22T17:00:00Z → "2026-11-23" */
export function chinaIsoDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
