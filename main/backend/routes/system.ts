import { Hono } from 'hono';
import { z } from 'zod';
import { publicConfig } from '../config/schema';
import type { BackendContext } from '../context';
import { faceCheckRequired } from '../face-check-availability';
import { SMALL_JSON_MAX } from '../body-limit';
import { jsonBody } from '../json-body';
import { lazySchema } from '../../../common/lazy-schema';

export function systemRoutes(ctx: BackendContext) {
  return new Hono()
    .get('/info', (c) =>
      c.json({
        version: ctx.version,
        bootId: ctx.bootId,
        config: { ...publicConfig(ctx.config), faceCheck: faceCheckRequired(ctx) },
        catalog: {
          version: ctx.catalog.catalog?.version ?? null,
          fetchedAt: ctx.catalog.fetchedAt,
          lastSync: ctx.catalog.lastOutcome?.kind ?? null,
        },
      }),
    )
    .post(
      '/session/end',
      jsonBody(
        lazySchema(() => z.object({ reason: z.enum(['idle', 'finish']) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      (c) => {
        const { reason } = c.req.valid('json');
        ctx.logger.log(reason === 'idle' ? 'session.idle-reset' : 'session.ended');
        ctx.citizen.end(reason);
        return c.json({ ok: true as const });
      },
    );
}
