// Journey step reports from the renderer (renderer/src/usage/track.ts): anonymous session id,
// journey and step names only. Counted into daily aggregates; nothing personal is accepted.
import { Hono } from 'hono';
import { z } from 'zod';
import type { BackendContext } from '../context';
import { SMALL_JSON_MAX } from '../body-limit';
import { jsonBody } from '../json-body';
import { lazySchema } from '../../../common/lazy-schema';

const name = lazySchema(() => z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, '步骤名格式不正确 / malformed step name'));

export function usageRoutes(ctx: BackendContext) {
  return new Hono()
    .post(
      '/step',
      jsonBody(
        lazySchema(() => z.object({ session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), journey: name, step: name })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      (c) => {
        const { session, journey, step } = c.req.valid('json');
        ctx.maintenance.usage.step(session, journey, step);
        return c.json({ ok: true as const });
      },
    )
    .post(
      '/end',
      jsonBody(
        lazySchema(() => z.object({ session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      (c) => {
        ctx.maintenance.usage.end(c.req.valid('json').session);
        return c.json({ ok: true as const });
      },
    );
}
