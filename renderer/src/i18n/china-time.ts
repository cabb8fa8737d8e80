/** "2026-11-22T05:05:00Z" → "2026-11-22 13:05": China time, whatever zone the machine is set to. */
export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
