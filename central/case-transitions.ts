// The one table of how a case may move, used by every path that changes a case's status (the
// admin route and the follow-up routes both go through CentralStore.advanceCase). Besides which
// status may follow which, 送达 needs a fact behind it: by post only after the citizen asked for
// post, by self-service print only after a result was printed at a kiosk.
import type { CaseStatus, CaseUpdate } from '../common/central-api';
import { err, ok, type Result } from '../common/result';

/** Which status may follow which (a case never goes back to 'received'). */
export const NEXT_STATUS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['accepted', 'correction', 'not-accepted'],
  correction: ['accepted', 'correction', 'not-accepted'],
  accepted: ['reviewing', 'correction', 'concluded'],
  reviewing: ['correction', 'concluded'],
  'not-accepted': [],
  concluded: ['delivered'],
  delivered: [],
};

/** What central knows about the case beyond its status. */
export interface CaseFacts {
  /** the citizen asked for the result by post (POST /v1/cases/{caseNo}/delivery) */
  postalRequested: boolean;
  /** a result document of the case was printed at a self-service terminal */
  resultPrinted: boolean;
}

export function checkTransition(from: CaseStatus, update: CaseUpdate, facts: CaseFacts): Result<void, string> {
  if (!NEXT_STATUS[from].includes(update.status)) return err(`案件状态不能从「${from}」变为「${update.status}」 / a case cannot go from ${from} to ${update.status}`);
  if (update.status === 'delivered') {
    if (update.method === 'post' && !facts.postalRequested) return err('申请人未申请邮寄，不能记为邮寄送达 / no postal delivery was requested, so the case cannot be delivered by post');
    if (update.method === 'kiosk_print' && !facts.resultPrinted)
      return err('结果文书未在自助终端打印，不能记为自助打印送达 / no result was printed at a kiosk, so the case cannot be delivered by self-service print');
  }
  return ok(undefined);
}
