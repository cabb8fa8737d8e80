// 好差评 at the end of a journey: one rating per receipt the citizen at the screen got.
import { z } from 'zod';
import { err, ok, type Result } from '../../../common/result';
import { idempotencyKeySchema, receiptNoSchema } from '../../../common/submission';
import { cleanText } from '../../../common/text-hygiene';
import type { EvaluationRefusal } from '../../../offline-queue/queue';
import type { BackendContext } from '../context';
import { lazySchema } from '../../../common/lazy-schema';

export const ratingSchema = lazySchema(() =>
  z
    .object({
      receiptNo: receiptNoSchema,
      idempotencyKey: idempotencyKeySchema.optional(),
      /** 1 非常不满意 … 5 非常满意 */
      rating: z.number().int().min(1).max(5),
      reason: cleanText(z.string().trim().max(500), { multiline: true }).nullable().default(null),
    })
    // The rating step asks for the reason itself; this issue code is for whoever calls the API without one.
    .refine((r) => r.rating > 2 || (r.reason !== null && r.reason.length >= 2), { path: ['reason'], message: 'reason-needed' }),
);

/** `not-found`: not a receipt of this visit (一次一评 is for what the citizen at the screen just did). */
export type RatingRefusal = EvaluationRefusal;

/** Stores the rating; `followUp`: a 差评 that staff must follow up. */
export function rate(ctx: BackendContext, body: z.infer<typeof ratingSchema>): Result<{ followUp: boolean }, RatingRefusal> {
  const taken = ctx.citizen.journey.takeRating(body.receiptNo);
  if (taken === 'not-this-session') return err({ kind: 'not-found' });
  if (taken === 'already-rated') return err({ kind: 'already-rated' });
  const r = ctx.queue.evaluate(body.receiptNo, { rating: body.rating, comment: body.reason, idempotencyKey: body.idempotencyKey });
  if (!r.ok) return r;
  const followUp = body.rating <= 2;
  ctx.logger.log('journey.rated', { receiptNo: body.receiptNo, rating: body.rating, followUp });
  return ok({ followUp });
}
