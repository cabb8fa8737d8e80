// When an update may be installed: a daily window in China time (e.g. 12:00–13:30 lunch or
// 20:00–07:00 overnight, wrapping midnight), whatever the machine's time zone. null: any time.
import { CHINA_OFFSET_MS } from '../../../common/china-time';

export interface MaintenanceWindow {
  /** "HH:MM" China time */
  from: string;
  to: string;
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

export function inMaintenanceWindow(w: MaintenanceWindow | null, at: number): boolean {
  if (!w) return true;
  const d = new Date(at + CHINA_OFFSET_MS);
  const now = d.getUTCHours() * 60 + d.getUTCMinutes();
  const from = minutes(w.from);
  const to = minutes(w.to);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}
