import { Hono } from 'hono';
import { z } from 'zod';
import type { BackendContext } from '../context';
import { summarise } from '../catalog/catalog-service';
import { guideDocument } from '../../../documents/guide/guide-document';
import { validate } from '../validate';

const unavailable = {
  error: 'catalog-unavailable' as const,
  message: '事项清单尚未同步，请稍后再试或到窗口咨询 / The service list has not been downloaded yet.',
};

export function catalogRoutes(ctx: BackendContext) {
  return new Hono()
    .get('/', (c) => {
      const cat = ctx.catalog.catalog;
      if (!cat) return c.json(unavailable, 503);
      return c.json({
        version: cat.version,
        fetchedAt: ctx.catalog.fetchedAt,
        departments: cat.departments,
        lifeEvents: cat.lifeEvents,
        services: cat.services.map(summarise),
      });
    })
    .get('/search', validate('query', z.object({ q: z.string().max(50) })), (c) => {
      if (!ctx.catalog.catalog) return c.json(unavailable, 503);
      const { q } = c.req.valid('query');
      return c.json({ query: q, results: ctx.catalog.search(q).map(summarise) });
    })
    .get('/services/:code', validate('param', z.object({ code: z.string().regex(/^[0-9A-Z-]{8,40}$/) })), (c) => {
      const cat = ctx.catalog.catalog;
      if (!cat) return c.json(unavailable, 503);
      const service = ctx.catalog.service(c.req.valid('param').code);
      if (!service) return c.json({ error: 'not-found' as const, message: '未找到该事项 / no such service' }, 404);
      const department = cat.departments.find((d) => d.id === service.departmentId) ?? null;
      const lifeEvents = cat.lifeEvents.filter((e) => service.lifeEventIds.includes(e.id));
      return c.json({ service, department, lifeEvents, catalogVersion: cat.version });
    })
    .post('/services/:code/print', validate('param', z.object({ code: z.string().regex(/^[0-9A-Z-]{8,40}$/) })), async (c) => {
      const cat = ctx.catalog.catalog;
      if (!cat) return c.json(unavailable, 503);
      const service = ctx.catalog.service(c.req.valid('param').code);
      if (!service) return c.json({ error: 'not-found' as const, message: '未找到该事项 / no such service' }, 404);
      const department = cat.departments.find((d) => d.id === service.departmentId) ?? null;
      const r = await ctx.devices.a4.printDoc(guideDocument(service, department, cat.version, new Date()));
      if (r.ok) return c.json({ ok: true as const, jobId: r.value.jobId, pages: r.value.pages });
      // The citizen is told in plain words; the CUPS detail goes to the technician's log (a4.failed).
      return c.json(
        { ok: false as const, error: r.error.kind, message: '打印机暂时不能打印，请到窗口索取纸质指南 / the printer cannot print now; please ask at the counter for a printed guide' },
        409,
      );
    })
    .post('/refresh', async (c) => {
      const outcome = await ctx.catalog.refresh();
      return c.json({ outcome, version: ctx.catalog.catalog?.version ?? null });
    });
}
