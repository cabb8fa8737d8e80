import { Hono } from 'hono';
import { z } from 'zod';
import { publicConfig } from '../config/schema';
import type { BackendContext } from '../context';
import { SMALL_JSON_MAX } from '../body-limit';
import { jsonBody } from '../json-body';
import { citizenInputsFor } from '../followup/citizen-inputs';
import { wipeJourney } from '../journey/journey-session';

export function systemRoutes(ctx: BackendContext) {
  return new Hono()
    .get('/info', (c) =>
      c.json({
        version: ctx.version,
        bootId: ctx.bootId,
        config: publicConfig(ctx.config),
        catalog: {
          version: ctx.catalog.catalog?.version ?? null,
          fetchedAt: ctx.catalog.fetchedAt,
          lastSync: ctx.catalog.lastOutcome?.kind ?? null,
        },
      }),
    )
    .post('/session/end', jsonBody(z.object({ reason: z.enum(['idle', 'finish']) }), { maxBytes: SMALL_JSON_MAX }), (c) => {
      const { reason } = c.req.valid('json');
      ctx.logger.log(reason === 'idle' ? 'session.idle-reset' : 'session.ended');
      // The card read for a follow-up or 人证核验 belongs to the citizen who just left.
      citizenInputsFor(ctx).clear();
      // The application journey's identity, receipts and scanned pages not submitted.
      wipeJourney(ctx);
      return c.json({ ok: true as const });
    });
}
