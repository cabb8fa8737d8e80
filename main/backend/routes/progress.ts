// Follow-up at the kiosk (办件进度查询): wait for a card or a receipt QR, look progress up (central
// live, else the last known state, said so), print notices and results on A4, choose postal
// delivery. The identity number is taken from the card the backend read, never from the renderer.
import { Hono } from 'hono';
import { z } from 'zod';
import { identityNumber } from '../../../common/devices';
import { postalAddressSchema } from '../../../common/central-api';
import { idempotencyKeySchema, receiptNoSchema } from '../../../common/submission';
import type { BackendContext } from '../context';
import { citizenInputsFor } from '../followup/citizen-inputs';
import { followupFor, NOT_PROVEN, type FollowupError } from '../followup/followup-service';
import type { ProgressAnswer } from '../followup/progress-view';
import { validate } from '../validate';
import { jsonBody } from '../json-body';

const STATUS: Record<FollowupError['kind'], 403 | 404 | 409 | 429 | 503 | 502> = {
  'not-found': 404,
  refused: 409,
  'not-yours': 403,
  busy: 429,
  offline: 503,
  printer: 503,
  central: 502,
};

export function progressRoutes(ctx: BackendContext) {
  const inputs = citizenInputsFor(ctx);
  const followup = followupFor(ctx);
  const refusal = (receiptNo: string, action: 'print' | 'delivery') => {
    ctx.logger.log('followup.proof-refused', { receiptNo, action });
    return { error: 'not-yours' as const, message: NOT_PROVEN };
  };
  return new Hono()
    .get(
      '/wait',
      validate('query', z.object({ timeoutMs: z.coerce.number().int().min(100).max(30_000).default(25_000), after: z.coerce.number().int().min(0).optional() })),
      async (c) => {
        const { timeoutMs, after } = c.req.valid('query');
        const input = await inputs.next(timeoutMs, c.req.raw.signal, after);
        // a card is reported as "a card": the identity stays in the backend
        return c.json(input.kind === 'card' ? { kind: 'card' as const, seq: input.seq } : input);
      },
    )
    .post(
      '/lookup',
      jsonBody(z.discriminatedUnion('by', [z.object({ by: z.literal('receipt'), receiptNo: receiptNoSchema }), z.object({ by: z.literal('card') })])),
      async (c) => {
        const q = c.req.valid('json');
        const withAccess = (a: ProgressAnswer) => ({ ...a, cases: a.cases.map((x) => ({ ...x, mayHandle: x.access === 'full' && inputs.mayHandle(x.receiptNo) })) });
        const failed = (e: FollowupError) => c.json({ error: e.kind, message: e.message }, STATUS[e.kind]);
        if (q.by === 'receipt') {
          // The claim comes only from a QR scanned here: a typed number has none and shows status only.
          const r = await followup.lookup({ by: 'receiptNo', receiptNo: q.receiptNo, claim: inputs.claimOf(q.receiptNo) }, c.req.raw.signal);
          if (!r.ok) return failed(r.error);
          if (r.value.cases.some((x) => x.receiptNo === q.receiptNo && x.access === 'full')) inputs.claimProven(q.receiptNo);
          return c.json(withAccess(r.value), 200);
        }
        const card = inputs.currentCard();
        if (!card) return c.json({ error: 'no-card' as const, message: '请先将身份证放在读卡区 / please place your ID card on the reader first' }, 409);
        const r = await followup.lookup({ by: 'idNumber', idNumber: identityNumber(card.identity) }, c.req.raw.signal);
        if (!r.ok) return failed(r.error);
        inputs.cardCases(r.value.cases.filter((x) => x.access === 'full').map((x) => x.receiptNo));
        return c.json(withAccess(r.value), 200);
      },
    )
    .post('/print', jsonBody(z.object({ receiptNo: receiptNoSchema, documentId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) })), async (c) => {
      const { receiptNo, documentId } = c.req.valid('json');
      const proof = inputs.proofFor(receiptNo);
      if (!proof) return c.json(refusal(receiptNo, 'print'), 403);
      const r = await followup.print(receiptNo, documentId, proof);
      if (r.ok) return c.json(r.value, 200);
      if (r.error.kind === 'not-yours') return c.json(refusal(receiptNo, 'print'), 403);
      return c.json({ error: r.error.kind, message: r.error.message }, STATUS[r.error.kind]);
    })
    .post('/delivery', jsonBody(z.object({ receiptNo: receiptNoSchema, idempotencyKey: idempotencyKeySchema.optional(), address: postalAddressSchema })), async (c) => {
      const { receiptNo, idempotencyKey, address } = c.req.valid('json');
      const proof = inputs.proofFor(receiptNo);
      if (!proof) return c.json(refusal(receiptNo, 'delivery'), 403);
      const r = await followup.requestPost(receiptNo, address, proof, idempotencyKey);
      if (r.ok) return c.json(r.value, 200);
      if (r.error.kind === 'not-yours') return c.json(refusal(receiptNo, 'delivery'), 403);
      return c.json({ error: r.error.kind, message: r.error.message }, STATUS[r.error.kind]);
    })
    .post('/end', (c) => {
      inputs.clear();
      return c.json({ ok: true as const });
    });
}
