// The outbox as technicians and the sync indicator see it: counts, last successful sync,
// alerts, dead letters (with the reason central gave) and retry, and a forced sync. Behind the
// technician session like every maintenance route.
import { Hono } from 'hono';
import { z } from 'zod';
import type { BackendContext } from '../context';
import { requireTechnician } from '../maintenance/guard';
import { validate } from '../validate';
import { lazySchema } from '../../../common/lazy-schema';

export function queueRoutes(ctx: BackendContext) {
  return (
    new Hono()
      // Technicians only (maintenance mode); the citizen's screens use SSE queue.progress events.
      .use(requireTechnician(ctx))
      .get('/status', (c) => c.json(ctx.queue.status()))
      .get('/dead-letters', (c) => c.json({ deadLetters: ctx.queue.deadLetters() }))
      .post(
        '/dead-letters/:id/retry',
        validate(
          'param',
          lazySchema(() => z.object({ id: z.coerce.number().int().positive() })),
        ),
        (c) => {
          const ok = ctx.queue.retryDeadLetter(c.req.valid('param').id);
          if (!ok) return c.json({ error: 'not-found' as const, message: '没有这条待处理记录 / no such dead letter' }, 404);
          return c.json({ ok: true as const, status: ctx.queue.status() });
        },
      )
      .post('/sync', async (c) => c.json(await ctx.queue.syncNow()))
  );
}
