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
import { refuse } from '../http/refusals';
import { validate } from '../validate';
import { jsonBody } from '../json-body';
import { SMALL_JSON_MAX } from '../body-limit';
import { lazySchema } from '../../../common/lazy-schema';

const MAX_BODY = 64 * 1024 * 1024;

export function submissionRoutes(ctx: BackendContext) {
  const routes = new Hono()
    .post('/', jsonBody(submissionWireSchema, { maxBytes: MAX_BODY }), (c) => {
      const body = c.req.valid('json');
      const service = ctx.catalog.service(body.serviceCode);
      if (!ctx.catalog.catalog) return refuse(c, 'submissions', { kind: 'catalog-unavailable' });
      if (!service) return refuse(c, 'submissions', { kind: 'unknown-service' });
      const known = new Set(service.materials.map((m) => m.id));
      const unknown = body.materials.filter((m) => !known.has(m.materialId)).map((m) => m.materialId);
      if (unknown.length) return refuse(c, 'submissions', { kind: 'unknown-material', materials: unknown });
      let helperProof: string | null = null;
      if (body.channel === 'helper') {
        // 帮办代办: only the helper signed in at this kiosk can submit as a helper, with central's proof of it.
        const signedIn = ctx.helpers.auth.withProof(getCookie(c, HELPER_COOKIE));
        if (!signedIn || signedIn.helper.staffId !== body.helperId) {
          ctx.logger.log('helper.submit-refused', { signedIn: signedIn !== null });
          return refuse(c, 'submissions', { kind: 'helper-not-signed-in' });
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
      // The raw API has always called a schema refusal `invalid-request`, as the validator does.
      return refuse(c, 'submissions', r.error.kind === 'invalid' ? { ...r.error, kind: 'invalid-request' } : r.error);
    })
    .get(
      '/:receiptNo',
      validate(
        'param',
        lazySchema(() => z.object({ receiptNo: receiptNoSchema })),
      ),
      (c) => {
        const view = ctx.queue.caseStatus(c.req.valid('param').receiptNo);
        if (!view) return refuse(c, 'submissions', { kind: 'not-found' });
        return c.json(view);
      },
    )
    .post(
      '/:receiptNo/evaluation',
      validate(
        'param',
        lazySchema(() => z.object({ receiptNo: receiptNoSchema })),
      ),
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
        const e = r.error;
        if (e.kind === 'invalid') return refuse(c, 'submissions', { kind: 'invalid-rating' });
        if (e.kind === 'storage') return refuse(c, 'submissions', { kind: 'evaluation-storage', detail: e.detail });
        return refuse(c, 'submissions', e);
      },
    )
    .get(
      '/:receiptNo/documents/:documentId',
      validate(
        'param',
        lazySchema(() => z.object({ receiptNo: receiptNoSchema, documentId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) })),
      ),
      (c) => {
        const { receiptNo, documentId } = c.req.valid('param');
        const view = ctx.queue.caseStatus(receiptNo);
        if (!view?.documents.some((d) => d.id === documentId && d.selfPrint)) return refuse(c, 'submissions', { kind: 'not-printable' });
        const doc = ctx.queue.resultDocument(documentId);
        if (!doc) return refuse(c, 'submissions', { kind: 'not-downloaded' });
        return c.body(new Uint8Array(doc.bytes), 200, { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store' });
      },
    );
  // Typed as mounted (the typed client compiles in every build), but empty unless enabled.
  return ctx.config.devTools ? routes : (new Hono() as unknown as typeof routes);
}
