// Follow-up at the kiosk: look a citizen's cases up (by identity number or receipt number),
// fetch a case's documents, record that a result was printed at the kiosk (once), and take a
// postal delivery request. Open to every signed terminal, whichever took the case: a citizen
// follows progress at any kiosk. What is released depends on the proof the terminal shows for the
// citizen in front of it (followup/case-proof.ts): a receipt number alone — guessable — gets the
// status only; the receipt's claim (its QR) or the applicant's or agent's card gets the case with
// its documents, and only a proof opens a document, a print report or a postal request. A result
// still prints once in all: the first print reported, from any terminal, is kept. Lookups are
// rate-limited per terminal and every access is audited without the number or identity itself.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  caseLookupRequestSchema,
  caseNoSchema,
  DEFAULT_LOOKUP_LIMIT,
  deliveryRequestSchema,
  documentIdSchema,
  documentFetchRequestSchema,
  documentPrintedRequestSchema,
} from '../../common/central-api';
import type { PostRefusal } from '../../common/post-refusals';
import type { CaseProof } from '../../common/receipt-claim';
import type { AuthVariables } from '../auth/terminal-auth';
import { proofOpens } from '../followup/case-proof';
import { lookupWait, type LookupLimit } from '../followup/lookup-limit';
import { plausibleInstant } from '../../common/plausible-time';
import { checkTransition } from '../case-transitions';
import { caseStatusOnly, caseSummary } from '../case-views';
import { parseJsonBody, parseWith, problem } from '../http-helpers';
import type { CaseRow, CentralStore, LookupAuditEntry } from '../store';

const NO_PROOF = '凭证与该案件不符：请扫描回执上的二维码或刷申请人本人身份证 / the proof does not match this case: scan the receipt’s QR code or place the applicant’s ID card';

export function followupRoutes(store: CentralStore, opts: { now?: () => number; lookupLimit?: LookupLimit } = {}) {
  const now = opts.now ?? Date.now;
  const limit = opts.lookupLimit ?? DEFAULT_LOOKUP_LIMIT;
  const audit = (terminalId: string, e: Omit<LookupAuditEntry, 'terminalId' | 'at' | 'limited'> & { limited?: boolean }) => store.auditLookup({ terminalId, at: now(), limited: false, ...e });

  /** The case's row when the proof opens it; else the answer to give (audited either way). */
  async function proven(terminalId: string, row: CaseRow | null, proof: CaseProof, action: 'document' | 'printed' | 'delivery', missing: string) {
    const ok = row ? await proofOpens(store, row, proof) : false;
    audit(terminalId, { action, by: proof.by, found: row !== null, proofOk: ok });
    if (!row) return { ok: false as const, status: 404 as const, error: 'not-found', message: missing };
    if (!ok) return { ok: false as const, status: 403 as const, error: 'proof-mismatch', message: NO_PROOF };
    return { ok: true as const, row };
  }

  /** A document's id from the path and the body with its proof: the document with its case's row when the proof opens it. */
  async function provenDocument<S extends z.ZodType<{ proof: CaseProof }>>(c: Context<{ Variables: AuthVariables }>, schema: S, action: 'document' | 'printed') {
    const p = parseWith(c, c.req.param(), z.object({ documentId: documentIdSchema }));
    if (!p.ok) return p;
    const body = parseJsonBody(c, c.get('rawBody'), schema);
    if (!body.ok) return body;
    const doc = store.document(p.value.documentId);
    const r = await proven(c.get('terminalId'), doc ? store.caseRow(doc.caseNo) : null, body.value.proof, action, '无此文书 / no such document');
    if (!r.ok) return { ok: false as const, response: problem(c, r.status, r.error, r.message) };
    // a proof opened the document's case, so the document exists
    return { ok: true as const, doc: doc!, row: r.row, documentId: p.value.documentId, body: body.value };
  }

  return new Hono<{ Variables: AuthVariables }>()
    .post('/cases/lookup', async (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), caseLookupRequestSchema);
      if (!body.ok) return body.response;
      const terminalId = c.get('terminalId');
      const q = body.value;
      const by = q.by === 'idNumber' ? 'idNumber' : q.claim ? 'claim' : 'receiptNo';
      const wait = lookupWait(store, terminalId, now(), limit);
      if (wait !== null) {
        audit(terminalId, { action: 'lookup', by, found: false, proofOk: false, limited: true });
        c.header('Retry-After', String(wait));
        return c.json({ error: 'too-many-lookups', message: `查询过于频繁，请 ${wait} 秒后再试 / too many lookups from this terminal: try again in ${wait} s` }, 429);
      }
      if (q.by === 'idNumber') {
        const rows = store.casesOfApplicant(q.idNumber);
        audit(terminalId, { action: 'lookup', by, found: rows.length > 0, proofOk: rows.length > 0 });
        return c.json({ cases: rows.map((r) => caseSummary(store, r)), statusOnly: [] });
      }
      const row = store.caseByReceiptNo(q.receiptNo);
      const ok = row !== null && q.claim !== undefined && (await proofOpens(store, row, { by: 'claim', claim: q.claim }));
      audit(terminalId, { action: 'lookup', by, found: row !== null, proofOk: ok });
      if (!row) return c.json({ cases: [], statusOnly: [] });
      return c.json(ok ? { cases: [caseSummary(store, row)], statusOnly: [] } : { cases: [], statusOnly: [caseStatusOnly(store, row)] });
    })
    .post('/documents/:documentId/fetch', async (c) => {
      const r = await provenDocument(c, documentFetchRequestSchema, 'document');
      if (!r.ok) return r.response;
      return c.body(new Uint8Array(r.doc.data), 200, {
        'Content-Type': 'application/pdf',
        'X-Content-SHA256': r.doc.sha256,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(r.doc.name)}`,
      });
    })
    .post('/documents/:documentId/printed', async (c) => {
      const r = await provenDocument(c, documentPrintedRequestSchema, 'printed');
      if (!r.ok) return r.response;
      const { documentId, body } = r;
      // The first print reported is kept for good, so its time must be one that could be true.
      const when = plausibleInstant(body.printedAt, { nowMs: now(), notBeforeMs: Date.parse(store.documentCreatedAt(documentId)!), what: { zh: '打印时间', en: 'printedAt' } });
      if (!when.ok) return problem(c, 422, 'implausible-time', when.error.message);
      const first = store.documentPrinted(documentId, c.get('terminalId'), body.printedAt);
      // The citizen took the result away from the kiosk: that is its 送达 (self-service print).
      const kind = store.documentsOf(r.row.case_no).find((d) => d.id === documentId)?.kind;
      const delivered = { status: 'delivered', method: 'kiosk_print', trackingNo: null } as const;
      const status = store.caseRow(r.row.case_no)?.status;
      if (first.first && kind === 'result' && status && checkTransition(status, delivered, store.caseFacts(r.row.case_no)).ok) store.advanceCase(r.row.case_no, delivered);
      return c.json({ documentId, printedAt: first.printedAt, first: first.first });
    })
    .post('/cases/:caseNo/delivery', async (c) => {
      const p = parseWith(c, c.req.param(), z.object({ caseNo: caseNoSchema }));
      if (!p.ok) return p.response;
      const body = parseJsonBody(c, c.get('rawBody'), deliveryRequestSchema);
      if (!body.ok) return body.response;
      const r = await proven(c.get('terminalId'), store.caseRow(p.value.caseNo), body.value.proof, 'delivery', '无此案件 / no such case');
      if (!r.ok) return problem(c, r.status, r.error, r.message);
      const row = r.row;
      const results = store.documentsOf(row.case_no).filter((d) => d.kind === 'result');
      if (results.some((d) => d.printedAt)) return problem(c, 409, 'already-printed' satisfies PostRefusal, '结果文书已在自助终端打印，不能再邮寄 / the result was already printed at a kiosk');
      if (row.status !== 'concluded') return problem(c, 409, 'not-concluded' satisfies PostRefusal, '案件尚未办结，暂不能邮寄 / the case is not concluded yet');
      const d = store.requestDelivery(row.case_no, c.get('terminalId'), body.value.idempotencyKey, JSON.stringify(body.value.address));
      if (d.kind === 'conflict') return problem(c, 409, 'already-requested' satisfies PostRefusal, '该案件已申请邮寄 / postal delivery was already requested');
      return c.json(caseSummary(store, row));
    });
}
