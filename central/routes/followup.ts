// Follow-up at the kiosk: look a citizen's cases up (by identity number or receipt number),
// record that a result was printed at the kiosk (once), and take a postal delivery request.
// Open to every signed terminal, whichever took the case: a citizen follows progress at any kiosk
// (the kiosk shows documents only to whoever presented the card or the receipt's QR there). A
// result still prints once in all: the first print reported, from any terminal, is kept. The
// identity number arrives only in the signed body and is never written to a log or an answer.
import { Hono } from 'hono';
import { z } from 'zod';
import { caseLookupRequestSchema, caseNoSchema, deliveryRequestSchema, documentIdSchema, documentPrintedRequestSchema, type CaseSummary } from '../../common/central-api';
import type { AuthVariables } from '../auth/terminal-auth';
import { plausibleInstant } from '../../common/plausible-time';
import { checkTransition } from '../case-transitions';
import { parseJsonBody, parseWith, problem } from '../http-helpers';
import type { CaseRow, CentralStore } from '../store';

function summary(store: CentralStore, row: CaseRow): CaseSummary {
  const d = store.delivery(row.case_no);
  return {
    caseNo: row.case_no,
    receiptNo: row.receipt_no,
    idempotencyKey: row.idempotency_key,
    serviceCode: row.service_code,
    status: row.status,
    events: store.caseEvents(row.case_no),
    documents: store.documentsOf(row.case_no),
    delivery: d ? { method: 'post', requestedAt: d.requestedAt, carrier: d.carrier, trackingNo: d.trackingNo } : null,
  };
}

export function followupRoutes(store: CentralStore) {
  return new Hono<{ Variables: AuthVariables }>()
    .post('/cases/lookup', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), caseLookupRequestSchema);
      if (!body.ok) return body.response;
      const rows =
        body.value.by === 'idNumber'
          ? store.casesOfApplicant(body.value.idNumber)
          : [store.caseByReceiptNo(body.value.receiptNo)].filter((r): r is CaseRow => r !== null);
      return c.json({ cases: rows.map((r) => summary(store, r)) });
    })
    .post('/documents/:documentId/printed', (c) => {
      const p = parseWith(c, c.req.param(), z.object({ documentId: documentIdSchema }));
      if (!p.ok) return p.response;
      const body = parseJsonBody(c, c.get('rawBody'), documentPrintedRequestSchema);
      if (!body.ok) return body.response;
      const doc = store.document(p.value.documentId);
      if (!doc) return problem(c, 404, 'not-found', '无此文书 / no such document');
      // The first print reported is kept for good, so its time must be one that could be true.
      const when = plausibleInstant(body.value.printedAt, { nowMs: Date.now(), notBeforeMs: Date.parse(store.documentCreatedAt(p.value.documentId)!), what: { zh: '打印时间', en: 'printedAt' } });
      if (!when.ok) return problem(c, 422, 'implausible-time', when.error.message);
      const r = store.documentPrinted(p.value.documentId, c.get('terminalId'), body.value.printedAt);
      // The citizen took the result away from the kiosk: that is its 送达 (self-service print).
      const kind = store.documentsOf(doc.caseNo).find((d) => d.id === p.value.documentId)?.kind;
      const delivered = { status: 'delivered', method: 'kiosk_print', trackingNo: null } as const;
      const status = store.caseRow(doc.caseNo)?.status;
      if (r.first && kind === 'result' && status && checkTransition(status, delivered, store.caseFacts(doc.caseNo)).ok) store.advanceCase(doc.caseNo, delivered);
      return c.json({ documentId: p.value.documentId, printedAt: r.printedAt, first: r.first });
    })
    .post('/cases/:caseNo/delivery', (c) => {
      const p = parseWith(c, c.req.param(), z.object({ caseNo: caseNoSchema }));
      if (!p.ok) return p.response;
      const body = parseJsonBody(c, c.get('rawBody'), deliveryRequestSchema);
      if (!body.ok) return body.response;
      const row = store.caseRow(p.value.caseNo);
      if (!row) return problem(c, 404, 'not-found', '无此案件 / no such case');
      const results = store.documentsOf(row.case_no).filter((d) => d.kind === 'result');
      if (results.some((d) => d.printedAt))
        return problem(c, 409, 'already-printed', '结果文书已在自助终端打印，不能再邮寄 / the result was already printed at a kiosk');
      if (row.status !== 'concluded') return problem(c, 409, 'not-concluded', '案件尚未办结，暂不能邮寄 / the case is not concluded yet');
      const r = store.requestDelivery(row.case_no, c.get('terminalId'), body.value.idempotencyKey, JSON.stringify(body.value.address));
      if (r.kind === 'conflict') return problem(c, 409, 'already-requested', '该案件已申请邮寄 / postal delivery was already requested');
      return c.json(summary(store, row));
    });
}
