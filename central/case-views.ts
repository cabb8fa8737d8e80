// What central shows of a case, built from its stored row: the terminal's own view (cases.ts),
// the proven follow-up view with documents and delivery, and the receipt-number-only view
// (followup.ts). One place, so the views cannot drift apart.
import type { z } from 'zod';
import type { caseDetailSchema, CaseStatusOnly, CaseSummary } from '../common/central-api';
import type { CaseRow, CentralStore } from './store';

export function caseDetail(store: CentralStore, row: CaseRow): z.infer<typeof caseDetailSchema> {
  return {
    caseNo: row.case_no,
    receiptNo: row.receipt_no,
    idempotencyKey: row.idempotency_key,
    serviceCode: row.service_code,
    status: row.status,
    events: store.caseEvents(row.case_no),
  };
}

export function caseSummary(store: CentralStore, row: CaseRow): CaseSummary {
  const d = store.delivery(row.case_no);
  return {
    ...caseDetail(store, row),
    documents: store.documentsOf(row.case_no),
    delivery: d ? { method: 'post', requestedAt: d.requestedAt, carrier: d.carrier, trackingNo: d.trackingNo } : null,
  };
}

/** What anyone holding the receipt number may see: where the case stands, nothing personal. */
export function caseStatusOnly(store: CentralStore, row: CaseRow): CaseStatusOnly {
  return {
    receiptNo: row.receipt_no,
    serviceCode: row.service_code,
    status: row.status,
    timeline: store.caseEvents(row.case_no).map((e) => ({ status: e.update.status, at: e.at })),
  };
}
