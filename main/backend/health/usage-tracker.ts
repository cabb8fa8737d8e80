// Usage statistics computed on the kiosk, without personal data: submissions per service per day
// by channel (and how many reach the citizen without a counter visit: 不见面), how far citizens
// get in each journey (steps reached vs abandoned), and 好差评 ratings. Sessions are anonymous
// random ids from the renderer that rotate with every citizen session.
import { chinaIsoDate } from '../../../common/china-time';
import type { MaintenanceTables } from '../../../offline-queue/store/maintenance-tables';
import type { UsageReport } from '../../../common/heartbeat';

/** Steps after which a journey is over: a session that stops there did not abandon anything. */
export const FINAL_STEPS = new Set(['submitted', 'done', 'receipt']);
/**
 * Per journey, where it ends well: browsing once the full guide (办事指南) is on screen; applying
 * once the receipt is out (rating after it is optional) or a 一次性告知单 told the citizen what
 * to bring (the journey's own end, not giving up).
 */
const FINAL_BY_JOURNEY: Record<string, ReadonlySet<string>> = {
  browse: new Set(['guide']),
  apply: new Set(['receipt', 'rate', 'rated', 'notice']),
};

export function isFinalStep(journey: string, step: string): boolean {
  return FINAL_STEPS.has(step) || (FINAL_BY_JOURNEY[journey]?.has(step) ?? false);
}

interface OpenSession {
  journey: string;
  step: string;
  day: string;
  lastSeen: number;
}

export class UsageTracker {
  private readonly sessions = new Map<string, OpenSession>();

  constructor(
    private readonly tables: MaintenanceTables,
    /** a session quiet this long is over (the citizen idle timeout plus its countdown) */
    private readonly abandonAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  recordSubmission(e: { receiptNo: string; serviceCode: string; channel: 'kiosk' | 'helper'; delivery: string; at?: Date }): void {
    this.tables.recordSubmission({ ...e, day: chinaIsoDate(e.at ?? new Date(this.now())) });
  }

  /** The citizen reached `step` of `journey`. Moving on from a step completes it. */
  step(sessionId: string, journey: string, step: string): void {
    this.settle();
    const t = this.now();
    const day = chinaIsoDate(new Date(t));
    const prev = this.sessions.get(sessionId);
    if (prev && prev.journey === journey && prev.step === step) {
      prev.lastSeen = t;
      return;
    }
    // Moving to another journey (from browsing the guide to applying) is going on, not giving up:
    // only a session that ends or goes quiet abandons the step it stands on.
    this.tables.addStep({ day, journey, step, reached: 1, abandoned: 0 });
    if (isFinalStep(journey, step)) this.sessions.delete(sessionId);
    else this.sessions.set(sessionId, { journey, step, day, lastSeen: t });
  }

  /** The citizen ended the session (home, idle reset): where they stood counts as abandoned. */
  end(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    this.sessions.delete(sessionId);
    this.tables.addStep({ day: s.day, journey: s.journey, step: s.step, reached: 0, abandoned: 1 });
  }

  /** Citizen sessions on screen now (not ended, not gone quiet): an update or a configuration change waits for none. */
  openSessions(): number {
    this.settle();
    return this.sessions.size;
  }

  /** Sessions gone quiet count as abandoned at their last step. */
  settle(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (t - s.lastSeen > this.abandonAfterMs) this.end(id);
  }

  report(days = 2): UsageReport {
    this.settle();
    const t = this.now();
    const list = Array.from({ length: days }, (_, i) => chinaIsoDate(new Date(t - (days - 1 - i) * 86_400_000)));
    const from = list[0]!;
    return {
      days: list,
      submissions: this.tables.submissionCounts(from),
      steps: this.tables.stepCounts(from),
      ratings: this.tables.ratingCounts(from),
    };
  }
}
