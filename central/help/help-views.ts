// What the console and the fleet view show of the help desk: notices and callbacks with the
// terminal, where the citizen was and how long they have waited; the session log with who
// answered and how long the call took.
import type { HelpScreen } from '../../common/help-desk';
import type { CentralStore } from '../store';

const since = (now: number, at: number) => Math.max(0, Math.round((now - at) / 1000));

export function screenLabel(s: HelpScreen): string {
  return [s.screen, s.step, s.serviceName].filter((x) => x).join(' · ');
}

export interface HelpNoticeView {
  noticeId: string;
  terminalId: string;
  screen: string;
  waitingSec: number;
  at: string;
}

/** Open 呼叫帮助 notices: the citizen's own waiting before pressing plus the time since. */
export function openNotices(store: CentralStore, now: number): HelpNoticeView[] {
  return store.openHelpNotices().map((n) => ({
    noticeId: n.noticeId,
    terminalId: n.terminalId,
    screen: screenLabel(JSON.parse(n.screen) as HelpScreen),
    waitingSec: n.waitingSec + since(now, n.createdAt),
    at: new Date(n.createdAt).toISOString(),
  }));
}

/** Callbacks still to make; numbers past their keep time are purged first. */
export function openCallbacks(store: CentralStore, now: number) {
  store.purgeExpiredHelpCallbacks(now);
  return store.openHelpCallbacks(now).map((c) => ({ seq: c.seq, terminalId: c.terminalId, phone: c.phone, at: new Date(c.createdAt).toISOString(), expiresAt: new Date(c.expiresAt).toISOString() }));
}

/** The last day's sessions: who, when, how long; never what was said or shown. */
export function sessionLog(store: CentralStore, now: number) {
  return store.helpCallLog(now - 24 * 3600_000).map((r) => ({
    callId: r.callId,
    terminalId: r.terminalId,
    staffId: r.staffId,
    state: r.state,
    at: new Date(r.createdAt).toISOString(),
    waitedSec: r.answeredAt !== null ? since(r.answeredAt, r.createdAt) : r.endedAt !== null ? since(r.endedAt, r.createdAt) : since(now, r.createdAt),
    talkedSec: r.answeredAt !== null && r.endedAt !== null ? since(r.endedAt, r.answeredAt) : null,
    endReason: r.endReason,
  }));
}
