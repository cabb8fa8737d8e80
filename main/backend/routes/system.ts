import { Hono } from 'hono';
import { z } from 'zod';
import { publicConfig } from '../config/schema';
import type { BackendContext } from '../context';
import { validate } from '../validate';
import { citizenInputsFor } from '../followup/citizen-inputs';

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
    .post('/session/end', validate('json', z.object({ reason: z.enum(['idle', 'finish']) })), (c) => {
      const { reason } = c.req.valid('json');
      ctx.logger.log(reason === 'idle' ? 'session.idle-reset' : 'session.ended');
      // The card read for a follow-up or 人证核验 belongs to the citizen who just left.
      citizenInputsFor(ctx).clear();
      return c.json({ ok: true as const });
    });
}
