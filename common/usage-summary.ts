// Turns usage aggregates (one terminal's, or many terminals' merged) into the figures the reform
// measures: volume by day and channel (自助办 / 代办), volume by service, share of 不见面 cases
// (result delivered without a counter visit), satisfaction (ratings), and completion vs
// abandonment per journey step. Used by the technician screen and central's fleet page.
import type { UsageReport } from './heartbeat';

export interface UsageSummary {
  days: string[];
  perDay: { day: string; kiosk: number; helper: number }[];
  perService: { serviceCode: string; kiosk: number; helper: number }[];
  total: number;
  noVisit: number;
  /** noVisit / total, null when there were no submissions */
  noVisitShare: number | null;
  /** count per rating 1..5 (index 0 = rating 1) */
  ratings: [number, number, number, number, number];
  /** share of ratings 4 and 5, null without ratings */
  satisfaction: number | null;
  steps: { journey: string; step: string; reached: number; abandoned: number; completed: number }[];
}

export function summariseUsage(reports: Pick<UsageReport, 'submissions' | 'steps' | 'ratings'>[], days: string[]): UsageSummary {
  const perDay = new Map(days.map((d) => [d, { day: d, kiosk: 0, helper: 0 }]));
  const perService = new Map<string, { serviceCode: string; kiosk: number; helper: number }>();
  const ratings: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const steps = new Map<string, { journey: string; step: string; reached: number; abandoned: number; completed: number }>();
  let total = 0;
  let noVisit = 0;
  for (const r of reports) {
    for (const s of r.submissions) {
      const d = perDay.get(s.day);
      if (!d) continue;
      d[s.channel] += s.count;
      const svc = perService.get(s.serviceCode) ?? { serviceCode: s.serviceCode, kiosk: 0, helper: 0 };
      svc[s.channel] += s.count;
      perService.set(s.serviceCode, svc);
      total += s.count;
      noVisit += s.noVisit;
    }
    for (const x of r.ratings) if (perDay.has(x.day) && x.rating >= 1 && x.rating <= 5) ratings[x.rating - 1] = (ratings[x.rating - 1] ?? 0) + x.count;
    for (const x of r.steps) {
      if (!perDay.has(x.day)) continue;
      const key = `${x.journey}\u0000${x.step}`;
      const s = steps.get(key) ?? { journey: x.journey, step: x.step, reached: 0, abandoned: 0, completed: 0 };
      s.reached += x.reached;
      s.abandoned += x.abandoned;
      s.completed = Math.max(0, s.reached - s.abandoned);
      steps.set(key, s);
    }
  }
  const rated = ratings.reduce((a, b) => a + b, 0);
  return {
    days,
    perDay: [...perDay.values()],
    perService: [...perService.values()].sort((a, b) => b.kiosk + b.helper - (a.kiosk + a.helper)),
    total,
    noVisit,
    noVisitShare: total ? noVisit / total : null,
    ratings,
    satisfaction: rated ? (ratings[3] + ratings[4]) / rated : null,
    steps: [...steps.values()].sort((a, b) => (a.journey === b.journey ? b.reached - a.reached : a.journey.localeCompare(b.journey))),
  };
}

/** The last n China dates (YYYY-MM-DD), oldest first. */
export function lastChinaDays(n: number, now = Date.now()): string[] {
  return Array.from({ length: n }, (_, i) => new Date(now + 8 * 3_600_000 - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
