// A helper's own cases on this terminal: status as last pulled from central, and what the
// helper has to bring back (补正 items, or materials owed under 容缺 after 受理). The applicant is
// shown masked: the helper needs to tell cases apart, not to read identity numbers.
import type { CaseStatus, CaseUpdate } from '../../../common/central-api';
import { maskName } from '../../../common/mask';
import type { BackendContext } from '../context';

export interface HelperCaseView {
  receiptNo: string;
  caseNo: string | null;
  serviceCode: string;
  serviceName: string | null;
  submittedAt: string;
  applicantName: string | null;
  /** null while the submission is still on its way to central */
  status: CaseStatus | null;
  statusAt: string | null;
  /** on its way to central: pending, sent, or needs a technician (dead) */
  delivery: 'pending' | 'sent' | 'dead';
  /** what to bring back to the office for the resident */
  toBringBack: { description: string; deadline: string | null }[];
}

function bringBack(status: CaseStatus | null, events: { status: CaseStatus; notice: CaseUpdate | null }[]): HelperCaseView['toBringBack'] {
  const latest = [...events].reverse().find((e) => e.status === status)?.notice;
  if (!latest) return [];
  if (latest.status === 'correction') return latest.items.map((i) => ({ description: i.description, deadline: latest.deadline }));
  if (latest.status === 'accepted') return latest.owed.map((o) => ({ description: o.description, deadline: null }));
  return [];
}

export function helperCases(ctx: BackendContext, staffId: string): HelperCaseView[] {
  return ctx.store.helpers.receiptsOfHelper(staffId).flatMap((receiptNo) => {
    const v = ctx.queue.caseStatus(receiptNo);
    if (!v) return [];
    const row = ctx.store.outbox.byReceipt(receiptNo);
    let applicantName: string | null = null;
    try {
      if (row && !v.purged) applicantName = maskName(ctx.queue.outbox.manifest(row).applicant.name);
    } catch {
      applicantName = null; // purged after retention: the case stays listed without the name
    }
    return [
      {
        receiptNo,
        caseNo: v.caseNo,
        serviceCode: v.serviceCode,
        serviceName: ctx.catalog.service(v.serviceCode)?.name ?? null,
        submittedAt: v.submittedAt,
        applicantName,
        status: v.status,
        statusAt: v.statusAt,
        delivery: v.delivery,
        toBringBack: bringBack(v.status, v.events),
      },
    ];
  });
}
