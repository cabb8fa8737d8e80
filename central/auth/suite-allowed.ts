// Which suite a terminal may use now (issue 16), for its request signatures and for the digests
// it files (attachments, receipt claims): the suite it is registered for; `sm` always (a terminal
// with a registered SM2 key moving up, never down); the other suite only inside the transition
// window central set for it. One rule, so signatures and digests cannot disagree on a downgrade.
import type { SuiteTag } from '../../common/crypto-suite/suite';
import type { TerminalSuite } from '../tables/terminal-tables';

export function suiteAllowed(t: Pick<TerminalSuite, 'suite' | 'transitionUntil'>, suite: SuiteTag, nowMs: number): boolean {
  if (t.suite === suite) return true;
  if (suite === 'sm') return true;
  return t.transitionUntil !== null && nowMs < t.transitionUntil;
}
