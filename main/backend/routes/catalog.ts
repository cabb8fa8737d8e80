import { Hono } from 'hono';
import { z } from 'zod';
import type { BackendContext } from '../context';
import { summarise } from '../catalog/catalog-service';
import { cachedCatalog, printGuide, serviceGuide } from '../catalog/service-guide';
import { refuse } from '../http/refusals';
import { validate } from '../validate';
import { serviceCodeParam } from './service-code-param';
import { lazySchema } from '../../../common/lazy-schema';

export function catalogRoutes(ctx: BackendContext) {
  return new Hono()
    .get('/', (c) => {
      const cat = cachedCatalog(ctx);
      if (!cat.ok) return refuse(c, 'catalog', cat.error);
      const { version, departments, lifeEvents, services } = cat.value;
      return c.json({ version, fetchedAt: ctx.catalog.fetchedAt, departments, lifeEvents, services: services.map(summarise) });
    })
    .get(
      '/search',
      validate(
        'query',
        lazySchema(() => z.object({ q: z.string().max(50) })),
      ),
      (c) => {
        const cat = cachedCatalog(ctx);
        if (!cat.ok) return refuse(c, 'catalog', cat.error);
        const { q } = c.req.valid('query');
        return c.json({ query: q, results: ctx.catalog.search(q).map(summarise) });
      },
    )
    .get('/services/:code', validate('param', serviceCodeParam), (c) => {
      const r = serviceGuide(ctx, c.req.valid('param').code);
      if (!r.ok) return refuse(c, 'catalog', r.error);
      return c.json(r.value);
    })
    .post('/services/:code/print', validate('param', serviceCodeParam), async (c) => {
      const r = await printGuide(ctx, c.req.valid('param').code, new Date());
      // `ok: false` first, as the guide's print button has always read it.
      if (!r.ok) return refuse(c, 'catalog', r.error, { ok: false as const });
      return c.json({ ok: true as const, jobId: r.value.jobId, pages: r.value.pages });
    })
    .post('/refresh', async (c) => {
      const outcome = await ctx.catalog.refresh();
      return c.json({ outcome, version: ctx.catalog.catalog?.version ?? null });
    });
}
