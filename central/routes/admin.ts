// Admin API for tests and demos (bearer token): advance a case with its notice, release result
// PDFs, publish holiday calendars, register terminals, and set fault injection at run time.
import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CALENDAR_YEARS, calendarBodySchema, calendarSchema, caseNoSchema, caseUpdateSchema, decimalInt, safeFileNameSchema, type CaseUpdate, type ResultDocument } from '../../common/central-api';
import { chinaYear } from '../../common/china-time';
import { cleanText, textProblem, textProblemMessage } from '../../common/text-hygiene';
import { adminEvaluationsQuerySchema } from '../admin-responses';
import { caseNoticeDoc, type NoticeBody } from '../../documents/case-notice/case-notice';
import { NOTICE_TITLES } from '../../documents/case-notice/case-notice-text';
import { resultCertificateDoc } from '../../documents/result-certificate/result-certificate';
import { drawIssuedPdf } from '../issued-pdf';
import { faultUpdateSchema, type FaultInjector } from '../faults';
import { parseWith, problem, readJsonBody, type Parsed } from '../http-helpers';
import { TransitionError, type CaseRow, type CentralStore } from '../store';
import type { TerminalSuite } from '../tables/terminal-tables';
import { suiteTagSchema } from '../../common/crypto-suite/suite';
import { requireAdminToken } from '../auth/admin-token';

const terminalIdSchema = z.string().regex(/^[A-Z0-9]{4,16}$/, '终端编号格式不正确 / malformed terminal id');

/** An uncompressed SM2 public key in hex (04‖x‖y), as a terminal writes it to `terminal.sm2.pub`. */
const sm2PublicKeySchema = z
  .string()
  .regex(/^04[0-9a-fA-F]{128}$/, 'SM2 公钥应为 130 位十六进制（04 开头）/ SM2 public key: 130 hex digits starting 04')
  .transform((k) => k.toLowerCase());

export const terminalSchema = z
  .object({
    terminalId: terminalIdSchema,
    secret: z.string().min(32).max(200),
    /** the suite the terminal must sign with; absent on re-registration keeps the one it has */
    suite: suiteTagSchema.optional(),
    sm2PublicKey: sm2PublicKeySchema.optional(),
  })
  .refine((t) => t.suite !== 'sm' || t.sm2PublicKey, { path: ['sm2PublicKey'], message: '国密终端须登记 SM2 公钥 / an sm terminal needs its SM2 public key' });

/** PUT /v1/admin/terminals/{terminalId}/suite */
export const terminalSuiteUpdateSchema = z.object({
  suite: suiteTagSchema,
  sm2PublicKey: sm2PublicKeySchema.optional(),
  /** until when the other suite is still taken from this terminal (switching); null or absent: not at all */
  transitionUntil: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const terminalIdParamSchema = z.object({ terminalId: terminalIdSchema });

function suiteView(s: TerminalSuite) {
  return { ...s, transitionUntil: s.transitionUntil === null ? null : new Date(s.transitionUntil).toISOString() };
}

const adminDocumentSchema = z.object({
  name: safeFileNameSchema.refine((n) => n.toLowerCase().endsWith('.pdf'), '文书应为 PDF / must be a .pdf'),
  selfPrint: z.boolean().default(true),
  /** The PDF itself; when absent central renders a sample certificate. */
  pdfBase64: z
    .base64()
    .max(24 * 1024 * 1024)
    .optional(),
});

/** Same as a case update, except that 办结 carries document content instead of references. */
export const adminCaseUpdateSchema = z
  .union([
    caseUpdateSchema.options[0],
    // Central renders the notice that goes with 受理 / 补正 / 不予受理 itself.
    caseUpdateSchema.options[1].omit({ documents: true }),
    caseUpdateSchema.options[2].omit({ documents: true }),
    caseUpdateSchema.options[3].omit({ documents: true }),
    caseUpdateSchema.options[4],
    z.object({
      status: z.literal('concluded'),
      decision: z.enum(['approved', 'denied']),
      documents: z.array(adminDocumentSchema).max(10).default([]),
      note: z.string().min(1).max(2000).nullable().default(null),
    }),
    caseUpdateSchema.options[6],
  ])
  // Every text of a notice (owed items, 补正 items, reasons, notes) is printed and shown at kiosks.
  .superRefine((u, ctx) => {
    const walk = (v: unknown, path: (string | number)[]): void => {
      if (typeof v === 'string') {
        const p = textProblem(v, { multiline: true });
        if (p) ctx.addIssue({ code: 'custom', path, message: textProblemMessage(p) });
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'pdfBase64') walk(x, [...path, k]);
    };
    walk(u, []);
  });

export const trackingSchema = z.object({
  carrier: cleanText(z.string().trim().min(1).max(40)),
  trackingNo: z.string().regex(/^[A-Za-z0-9-]{6,40}$/, '运单号格式不正确 / malformed tracking number'),
});

/** Renders the notice of a 受理 / 补正 / 不予受理 decision from the case's own manifest. */
async function noticeFor(
  store: CentralStore,
  row: CaseRow,
  u:
    | { status: 'accepted'; owed: { materialId: string; description: string }[]; note: string | null }
    | { status: 'correction'; items: { materialId: string | null; description: string }[]; deadline: string }
    | { status: 'not-accepted'; reasons: string[] },
): Promise<{ meta: ResultDocument; data: Buffer; kind: 'notice' }> {
  const manifest = JSON.parse(row.manifest) as { applicant?: { name?: string }; submittedAt?: string };
  const catalog = store.latestCatalog();
  const service = catalog ? (JSON.parse(catalog.body) as { services: { code: string; name: string }[] }).services.find((s) => s.code === row.service_code) : undefined;
  const body: NoticeBody =
    u.status === 'accepted'
      ? { kind: 'accepted', owed: u.owed, note: u.note }
      : u.status === 'correction'
        ? { kind: 'correction', items: u.items, deadline: u.deadline }
        : { kind: 'not-accepted', reasons: u.reasons };
  const data = await drawIssuedPdf(
    caseNoticeDoc(
      {
        caseNo: row.case_no,
        receiptNo: row.receipt_no,
        serviceCode: row.service_code,
        serviceName: service?.name ?? null,
        applicantName: manifest.applicant?.name ?? null,
        submittedAt: manifest.submittedAt ?? row.created_at,
        issuedAt: new Date(),
      },
      body,
    ),
  );
  return {
    meta: { id: crypto.randomUUID(), name: NOTICE_TITLES[body.kind].file, mime: 'application/pdf', size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), selfPrint: true },
    data,
    kind: 'notice',
  };
}

export const adminCasesQuerySchema = z.object({
  terminalId: terminalIdSchema.optional(),
  limit: decimalInt(1, 100_000).default(1000),
});

const caseNoParam = z.object({ caseNo: caseNoSchema });
const yearParam = z.object({ year: decimalInt(CALENDAR_YEARS.min, CALENDAR_YEARS.max) });

export function adminRoutes(deps: { store: CentralStore; faults: FaultInjector; adminToken: string }) {
  const { store, faults, adminToken } = deps;
  /** The case a `/cases/:caseNo` route names: 400 for a malformed number, 404 for one central does not hold. */
  const namedCase = (c: Context): Parsed<CaseRow> => {
    const p = parseWith(c, c.req.param(), caseNoParam);
    if (!p.ok) return p;
    const row = store.caseRow(p.value.caseNo);
    return row ? { ok: true, value: row } : { ok: false, response: problem(c, 404, 'not-found', '无此案件 / no such case') };
  };
  return (
    new Hono()
      .use(requireAdminToken(adminToken))
      .get('/faults', (c) => c.json(faults.state))
      .put('/faults', async (c) => {
        const body = await readJsonBody(c, faultUpdateSchema);
        if (!body.ok) return body.response;
        faults.update(body.value);
        return c.json(faults.state);
      })
      .post('/terminals', async (c) => {
        const body = await readJsonBody(c, terminalSchema);
        if (!body.ok) return body.response;
        const { terminalId, secret, suite, sm2PublicKey } = body.value;
        store.registerTerminal(terminalId, secret, { suite, sm2PublicKey });
        return c.json({ terminalId, registered: true as const });
      })
      .get('/terminals/:terminalId/suite', (c) => {
        const p = parseWith(c, c.req.param(), terminalIdParamSchema);
        if (!p.ok) return p.response;
        const s = store.terminalSuite(p.value.terminalId);
        if (!s) return problem(c, 404, 'not-found', '无此终端 / no such terminal');
        return c.json(suiteView(s));
      })
      // Moves a terminal to a suite, optionally with a window in which the other suite is still taken.
      .put('/terminals/:terminalId/suite', async (c) => {
        const p = parseWith(c, c.req.param(), terminalIdParamSchema);
        if (!p.ok) return p.response;
        const body = await readJsonBody(c, terminalSuiteUpdateSchema);
        if (!body.ok) return body.response;
        const known = store.terminalSuite(p.value.terminalId);
        if (!known) return problem(c, 404, 'not-found', '无此终端 / no such terminal');
        const v = body.value;
        if (v.suite === 'sm' && !v.sm2PublicKey && !known.sm2PublicKey) return problem(c, 400, 'sm2-key-required', "国密终端须先登记 SM2 公钥 / register the terminal's SM2 public key first");
        store.setTerminalSuite(p.value.terminalId, { suite: v.suite, sm2PublicKey: v.sm2PublicKey, transitionUntil: v.transitionUntil === null ? null : Date.parse(v.transitionUntil) });
        return c.json(suiteView(store.terminalSuite(p.value.terminalId)!));
      })
      .get('/stats', (c) => c.json(store.stats()))
      // 好差评 received from kiosks; ?followUp=1 lists only the poor ones flagged for follow-up.
      .get('/evaluations', (c) => {
        const q = parseWith(c, c.req.query(), adminEvaluationsQuerySchema);
        if (!q.ok) return q.response;
        return c.json({ evaluations: store.evaluationList({ followUpOnly: q.value.followUp === '1' }) });
      })
      // Reads and discards a body: the benchmark's baseline for raw HTTP upload to this server.
      .post('/sink', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }))
      .get('/cases', (c) => {
        const q = parseWith(c, c.req.query(), adminCasesQuerySchema);
        if (!q.ok) return q.response;
        return c.json({
          cases: store.cases(q.value).map((r) => ({
            caseNo: r.case_no,
            terminalId: r.terminal_id,
            receiptNo: r.receipt_no,
            idempotencyKey: r.idempotency_key,
            serviceCode: r.service_code,
            status: r.status,
            createdAt: r.created_at,
          })),
        });
      })
      .get('/cases/:caseNo', (c) => {
        const named = namedCase(c);
        if (!named.ok) return named.response;
        const row = named.value;
        return c.json({ caseNo: row.case_no, status: row.status, manifest: JSON.parse(row.manifest), events: store.caseEvents(row.case_no) });
      })
      .post('/cases/:caseNo/status', async (c) => {
        const named = namedCase(c);
        if (!named.ok) return named.response;
        const body = await readJsonBody(c, adminCaseUpdateSchema);
        if (!body.ok) return body.response;
        const row = named.value;
        const caseNo = row.case_no;
        let update: CaseUpdate;
        const docs: { meta: ResultDocument; data: Buffer }[] = [];
        if (body.value.status === 'concluded') {
          const v = body.value;
          for (const d of v.documents) {
            const data = d.pdfBase64
              ? Buffer.from(d.pdfBase64, 'base64')
              : await drawIssuedPdf(resultCertificateDoc({ title: d.name.replace(/\.pdf$/i, ''), caseNo, serviceCode: row.service_code, decision: v.decision, issuedAt: new Date() }));
            if (!data.subarray(0, 5).equals(Buffer.from('%PDF-'))) return problem(c, 400, 'not-pdf', `${d.name} 不是 PDF / is not a PDF`);
            docs.push({
              meta: { id: crypto.randomUUID(), name: d.name, mime: 'application/pdf', size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), selfPrint: d.selfPrint },
              data,
            });
          }
          update = { status: 'concluded', decision: v.decision, note: v.note, documents: docs.map((d) => d.meta) };
        } else if (body.value.status === 'accepted' || body.value.status === 'correction' || body.value.status === 'not-accepted') {
          const notice = await noticeFor(store, row, body.value);
          docs.push(notice);
          update = { ...body.value, documents: [notice.meta] } as CaseUpdate;
        } else {
          update = body.value;
        }
        try {
          return c.json(store.advanceCase(caseNo, update, docs));
        } catch (e) {
          if (e instanceof TransitionError) return problem(c, 409, 'bad-transition', e.message);
          throw e;
        }
      })
      // The issuing office posted the result: the kiosk shows the tracking number from now on.
      .post('/cases/:caseNo/tracking', async (c) => {
        const named = namedCase(c);
        if (!named.ok) return named.response;
        const body = await readJsonBody(c, trackingSchema);
        if (!body.ok) return body.response;
        const caseNo = named.value.case_no;
        if (!store.setTracking(caseNo, body.value.carrier, body.value.trackingNo)) return problem(c, 409, 'no-delivery', '该案件未申请邮寄 / no postal delivery was requested for this case');
        return c.json({ caseNo, ...body.value });
      })
      .put('/calendar/:year', async (c) => {
        const p = parseWith(c, c.req.param(), yearParam);
        if (!p.ok) return p.response;
        const sent = await readJsonBody(c, calendarBodySchema);
        if (!sent.ok) return sent.response;
        const body = parseWith(c, { ...sent.value, year: p.value.year }, calendarSchema);
        if (!body.ok) return body.response;
        // The State Council announces next year's holidays late in the year; a later year is a typo.
        const latest = chinaYear(new Date()) + 1;
        if (body.value.year > latest) return problem(c, 400, 'invalid-request', `${body.value.year} 年的节假日尚未公布，最晚可发布 ${latest} 年 / calendars can be published up to ${latest}`);
        store.publishCalendar(body.value);
        return c.json({ year: body.value.year, version: body.value.version, days: body.value.days.length });
      })
  );
}
