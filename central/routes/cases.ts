// What flows back to a kiosk: its cases' status feed, a case's history, released result
// documents, evaluations (好差评) and the working-day calendar. The feed, case history and
// evaluations are scoped to the signed terminal. A document is served only against a proof of its
// case (the receipt's claim or the applicant's card), by POST …/fetch in routes/followup.ts.
import { Hono } from 'hono';
import { z } from 'zod';
import { CALENDAR_YEARS, caseFeedQuerySchema, caseNoSchema, decimalInt, documentIdSchema, evaluationRequestSchema } from '../../common/central-api';
import type { AuthVariables } from '../auth/terminal-auth';
import { caseDetail } from '../case-views';
import { parseJsonBody, parseWith, problem } from '../http-helpers';
import type { CentralStore } from '../store';

export function caseRoutes(store: CentralStore) {
  return new Hono<{ Variables: AuthVariables }>()
    .get('/cases/feed', (c) => {
      const q = parseWith(c, c.req.query(), caseFeedQuerySchema);
      if (!q.ok) return q.response;
      const events = store.feed(c.get('terminalId'), q.value.after, q.value.limit);
      return c.json({ events, cursor: events.at(-1)?.seq ?? q.value.after });
    })
    .get('/cases/:caseNo', (c) => {
      const p = parseWith(c, c.req.param(), z.object({ caseNo: caseNoSchema }));
      if (!p.ok) return p.response;
      const row = store.caseRow(p.value.caseNo);
      if (!row || row.terminal_id !== c.get('terminalId')) return problem(c, 404, 'not-found', '无此案件 / no such case');
      return c.json(caseDetail(store, row));
    })
    .get('/documents/:documentId', (c) => {
      const p = parseWith(c, c.req.param(), z.object({ documentId: documentIdSchema }));
      if (!p.ok) return p.response;
      // A document is released only against a proof of the case (POST …/fetch, routes/followup.ts).
      return problem(
        c,
        403,
        'proof-required',
        '取文书须出示回执凭证或身份证号：请用 POST /v1/documents/{documentId}/fetch / a document is released only with a proof: use POST /v1/documents/{documentId}/fetch',
      );
    })
    .post('/evaluations', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), evaluationRequestSchema);
      if (!body.ok) return body.response;
      const row = store.caseRow(body.value.caseNo);
      if (!row || row.terminal_id !== c.get('terminalId')) return problem(c, 404, 'not-found', '无此案件 / no such case');
      if (body.value.stage === 'result' && row.status !== 'concluded' && row.status !== 'delivered')
        return problem(c, 409, 'not-concluded', '案件尚未办结，暂不能评价办理结果 / the case is not concluded yet, its result cannot be rated');
      const r = store.evaluate(c.get('terminalId'), body.value);
      if (r.kind === 'already-rated') return problem(c, 409, 'already-rated', '该案件此次办理已评价（一次一评） / this case was already rated for this occasion (one rating per occasion)');
      return c.json({ evaluationId: r.evaluationId, duplicate: r.kind === 'duplicate' });
    })
    .get('/calendar/:year', (c) => {
      const p = parseWith(c, c.req.param(), z.object({ year: decimalInt(CALENDAR_YEARS.min, CALENDAR_YEARS.max) }));
      if (!p.ok) return p.response;
      const cal = store.calendar(p.value.year);
      if (!cal) return problem(c, 404, 'not-found', '该年度日历尚未发布 / calendar not published');
      const etag = `"cal-${cal.year}-${cal.version}"`;
      c.header('ETag', etag);
      if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
      return c.json(cal);
    });
}
