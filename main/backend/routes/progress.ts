// Follow-up at the kiosk (办件进度查询): wait for a card or a receipt QR, look progress up (central
// live, else the last known state, said so), print notices and results on A4, choose postal
// delivery. The identity number is taken from the card the backend read, never from the renderer
// (followup/citizen-requests.ts).
import { Hono } from 'hono';
import { z } from 'zod';
import { postalAddressSchema } from '../../../common/central-api';
import { idempotencyKeySchema, receiptNoSchema } from '../../../common/submission';
import type { BackendContext } from '../context';
import { lookupProgress, printDocument, requestPost, type FollowupDesk } from '../followup/citizen-requests';
import { refuse } from '../http/refusals';
import { validate } from '../validate';
import { jsonBody } from '../json-body';
import { lazySchema } from '../../../common/lazy-schema';

export function progressRoutes(ctx: BackendContext) {
  const desk: FollowupDesk = { inputs: ctx.citizen.inputs, followup: ctx.followup, logger: ctx.logger };
  return new Hono()
    .get(
      '/wait',
      validate(
        'query',
        lazySchema(() => z.object({ timeoutMs: z.coerce.number().int().min(100).max(30_000).default(25_000), after: z.coerce.number().int().min(0).optional() })),
      ),
      async (c) => {
        const { timeoutMs, after } = c.req.valid('query');
        const input = await desk.inputs.next(timeoutMs, c.req.raw.signal, after);
        // a card is reported as "a card": the identity stays in the backend
        return c.json(input.kind === 'card' ? { kind: 'card' as const, seq: input.seq } : input);
      },
    )
    .post('/lookup', jsonBody(lazySchema(() => z.discriminatedUnion('by', [z.object({ by: z.literal('receipt'), receiptNo: receiptNoSchema }), z.object({ by: z.literal('card') })]))), async (c) => {
      const r = await lookupProgress(desk, c.req.valid('json'), c.req.raw.signal);
      if (!r.ok) return refuse(c, 'followup', r.error);
      return c.json(r.value, 200);
    })
    .post('/print', jsonBody(lazySchema(() => z.object({ receiptNo: receiptNoSchema, documentId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }))), async (c) => {
      const { receiptNo, documentId } = c.req.valid('json');
      const r = await printDocument(desk, receiptNo, documentId);
      if (!r.ok) return refuse(c, 'followup', r.error);
      return c.json(r.value, 200);
    })
    .post('/delivery', jsonBody(lazySchema(() => z.object({ receiptNo: receiptNoSchema, idempotencyKey: idempotencyKeySchema.optional(), address: postalAddressSchema }))), async (c) => {
      const { receiptNo, idempotencyKey, address } = c.req.valid('json');
      const r = await requestPost(desk, receiptNo, address, idempotencyKey);
      if (!r.ok) return refuse(c, 'followup', r.error);
      return c.json(r.value, 200);
    })
    .post('/end', (c) => {
      ctx.citizen.end('followup-ended');
      return c.json({ ok: true as const });
    });
}
