// The raw queue API: durable enqueue of a whole submission (the receipt number is returned only
// after the COMMIT), status, rating and result documents by receipt number. It takes the applicant
// and everything else from the request body, so it exists only for development, tests and demos
// (config.devTools); a citizen's submission goes through /api/journey (applicant from the card
// held by the backend, form and materials checked, 一次一评) and follow-up through /api/progress
// (documents only with the card or the receipt's QR).
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { cleanText } from '../../../common/text-hygiene';
import { idempotencyKeySchema, receiptNoSchema, submissionFromWire, submissionWireSchema } from '../../../common/submission';
import type { BackendContext } from '../context';
import { HELPER_COOKIE } from '../helpers/guard';
import { validate } from '../validate';
import { jsonBody } from '../json-body';
import { SMALL_JSON_MAX } from '../body-limit';

const MAX_BODY = 64 * 1024 * 1024;

export function submissionRoutes(ctx: BackendContext) {
  const routes = new Hono()
    .post('/', jsonBody(submissionWireSchema, { maxBytes: MAX_BODY }), (c) => {
      const body = c.req.valid('json');
      const service = ctx.catalog.service(body.serviceCode);
      if (!ctx.catalog.catalog) return c.json({ error: 'catalog-unavailable' as const, message: '事项清单尚未同步，暂不能提交 / the service list is not available yet' }, 503);
      if (!service) return c.json({ error: 'unknown-service' as const, message: '未找到该事项 / no such service' }, 400);
      const known = new Set(service.materials.map((m) => m.id));
      const unknown = body.materials.filter((m) => !known.has(m.materialId)).map((m) => m.materialId);
      if (unknown.length) return c.json({ error: 'unknown-material' as const, message: `该事项没有这些材料 / not materials of this service: ${unknown.join(', ')}` }, 400);
      let helperProof: string | null = null;
      if (body.channel === 'helper') {
        // 帮办代办: only the helper signed in at this kiosk can submit as a helper, with central's proof of it.
        const signedIn = ctx.helpers.auth.withProof(getCookie(c, HELPER_COOKIE));
        if (!signedIn || signedIn.helper.staffId !== body.helperId) {
          ctx.logger.log('helper.submit-refused', { signedIn: signedIn !== null });
          return c.json({ error: 'helper-not-signed-in' as const, message: '帮办人员未登录或已超时退出，请重新登录 / the helper is not signed in (or was signed out)' }, 403);
        }
        helperProof = signedIn.proof;
      }
      const r = ctx.queue.enqueue({ ...submissionFromWire(body), helperProof });
      if (r.ok) {
        const { receiptNo, idempotencyKey, serviceCode, submittedAt, pageCount, duplicate } = r.value;
        // Usage statistics (no personal data): service, channel, and whether the result needs a counter visit.
        if (!duplicate) ctx.maintenance.usage.recordSubmission({ receiptNo, serviceCode, channel: body.channel, delivery: body.delivery });
        return c.json({ receiptNo, idempotencyKey, serviceCode, submittedAt, pageCount, duplicate }, duplicate ? 200 : 201);
      }
      switch (r.error.kind) {
        case 'invalid':
          return c.json({ error: 'invalid-request' as const, message: r.error.message, issues: r.error.issues }, 400);
        case 'key-reused':
          return c.json({ error: 'key-reused' as const, message: r.error.message }, 409);
        case 'disk-full':
          return c.json({ error: 'disk-full' as const, message: r.error.message }, 507);
        case 'storage':
          return c.json({ error: 'storage' as const, message: r.error.message }, 500);
      }
    })
    .get('/:receiptNo', validate('param', z.object({ receiptNo: receiptNoSchema })), (c) => {
      const view = ctx.queue.caseStatus(c.req.valid('param').receiptNo);
      if (!view) return c.json({ error: 'not-found' as const, message: '未找到该回执编号 / no such receipt number' }, 404);
      return c.json(view);
    })
    .post(
      '/:receiptNo/evaluation',
      validate('param', z.object({ receiptNo: receiptNoSchema })),
      jsonBody(
        z.object({
          idempotencyKey: idempotencyKeySchema.optional(),
          /** 1 非常不满意 … 5 非常满意 */
          rating: z.number().int().min(1).max(5),
          comment: cleanText(z.string().trim().max(500), { multiline: true }).nullable().default(null),
        }),
        { maxBytes: SMALL_JSON_MAX },
      ),
      (c) => {
        const r = ctx.queue.evaluate(c.req.valid('param').receiptNo, c.req.valid('json'));
        if (r.ok) return c.json(r.value, r.value.duplicate ? 200 : 201);
        if (r.error.kind === 'not-found') return c.json({ error: 'not-found' as const, message: r.error.message }, 404);
        if (r.error.kind === 'invalid') return c.json({ error: 'invalid-request' as const, message: r.error.message }, 400);
        if (r.error.kind === 'already-rated') return c.json({ error: 'already-rated' as const, message: r.error.message }, 409);
        return c.json({ error: 'storage' as const, message: r.error.message }, 500);
      },
    )
    .get('/:receiptNo/documents/:documentId', validate('param', z.object({ receiptNo: receiptNoSchema, documentId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) })), (c) => {
      const { receiptNo, documentId } = c.req.valid('param');
      const view = ctx.queue.caseStatus(receiptNo);
      if (!view?.documents.some((d) => d.id === documentId && d.selfPrint)) return c.json({ error: 'not-found' as const, message: '该文书不可自助打印 / no such printable document' }, 404);
      const doc = ctx.queue.resultDocument(documentId);
      if (!doc) return c.json({ error: 'not-downloaded' as const, message: '文书尚未下载到本机，请稍后再试 / the document has not been downloaded yet' }, 409);
      return c.body(new Uint8Array(doc.bytes), 200, { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store' });
    });
  // Typed as mounted (the typed client compiles in every build), but empty unless enabled.
  return ctx.config.devTools ? routes : (new Hono() as unknown as typeof routes);
}
