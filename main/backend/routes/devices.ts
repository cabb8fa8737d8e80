// Device status and device services for the renderer: status of every device, scanning,
// document-camera pages, held receipts. The technician's test prints are self-tests in
// maintenance mode (routes/maintenance.ts: audited, and a failed test slip is not held).
import { Hono } from 'hono';
import { z } from 'zod';
import { PAGE_LIMITS } from '../../../devices/materials/page-inbox';
import { BodyTooLargeError, readCapped, tooLarge } from '../body-limit';
import type { BackendContext } from '../context';
import { validate } from '../validate';
import { jsonBody } from '../json-body';
import { refuse } from '../http/refusals';
import { lazySchema } from '../../../common/lazy-schema';

const scanSchema = lazySchema(() =>
  z.object({
    source: z.enum(['flatbed', 'adf']).default('flatbed'),
    mode: z.enum(['color', 'gray']).default('color'),
    resolution: z.number().int().min(75).max(600).default(200),
    format: z.enum(['jpeg', 'png']).default('jpeg'),
    maxPages: z.number().int().min(1).max(100).optional(),
  }),
);

const idParam = lazySchema(() => z.object({ id: z.string().uuid() }));

export function deviceRoutes(ctx: BackendContext) {
  const d = ctx.devices;
  return new Hono()
    .get('/', (c) => c.json({ devices: d.list() }))
    .post('/scan', jsonBody(scanSchema), async (c) => {
      const r = await d.scanner.scan(c.req.valid('json'));
      if (r.ok) return c.json({ ok: true as const, pages: r.value });
      const { kind, unusable, accepted } = r.error;
      return refuse(c, 'devices', { kind, pages: accepted, ...(unusable === undefined ? {} : { unusable }) }, { ok: false as const });
    })
    .get('/pages', (c) => c.json({ pages: d.pages.list() }))
    .get('/pages/:id', validate('param', idParam), (c) => {
      const p = d.pages.get(c.req.valid('param').id);
      if (!p) return refuse(c, 'devices', { kind: 'no-page' as const });
      return c.body(new Uint8Array(p.bytes), 200, { 'Content-Type': p.mime, 'Cache-Control': 'no-store' });
    })
    .delete('/pages/:id', validate('param', idParam), (c) => c.json({ removed: !!d.pages.take(c.req.valid('param').id) }))
    .post('/camera/pages', async (c) => {
      // The document camera posts the captured frame as image/jpeg or image/png bytes.
      const type = c.req.header('content-type') ?? '';
      if (!/^image\/(jpeg|png)$/.test(type)) return refuse(c, 'devices', { kind: 'not-an-image' as const });
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(c.req.raw, PAGE_LIMITS.maxBytes);
      } catch (e) {
        if (e instanceof BodyTooLargeError) return tooLarge(c, e.limit);
        throw e;
      }
      const r = d.pages.add('camera', bytes);
      // why the image cannot be a page, as the inbox's code (devices/materials/page-inbox.ts)
      if (!r.ok) return refuse(c, 'devices', { kind: 'bad-image' as const, ...r.error });
      ctx.logger.log('camera.page-accepted', { bytes: r.value.size, width: r.value.width, height: r.value.height });
      return c.json({ page: r.value }, 201);
    })
    .get('/receipt/held', (c) =>
      c.json({
        jobs: d.receipt
          .heldJobs()
          .map((j) => ({ id: j.id, reason: j.reason, detail: j.detail, heldAt: j.heldAt, attempts: j.attempts, firstLine: j.doc.lines.find((l) => l.type === 'text')?.text ?? '' })),
      }),
    )
    .post('/receipt/held/:id/reprint', validate('param', idParam), async (c) => {
      const r = await d.receipt.reprint(c.req.valid('param').id);
      if (r.ok) return c.json({ ok: true as const, jobId: r.value.jobId });
      const e = r.error;
      if (e.kind === 'not-found') return refuse(c, 'devices', { kind: 'no-held-receipt' as const }, { ok: false as const });
      return refuse(c, 'devices', e, { ok: false as const });
    })
    .delete('/receipt/held/:id', validate('param', idParam), (c) => c.json({ discarded: d.receipt.discard(c.req.valid('param').id) }));
}
