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

const scanSchema = z.object({
  source: z.enum(['flatbed', 'adf']).default('flatbed'),
  mode: z.enum(['color', 'gray']).default('color'),
  resolution: z.number().int().min(75).max(600).default(200),
  format: z.enum(['jpeg', 'png']).default('jpeg'),
  maxPages: z.number().int().min(1).max(100).optional(),
});

const idParam = z.object({ id: z.string().uuid() });

export function deviceRoutes(ctx: BackendContext) {
  const d = ctx.devices;
  return new Hono()
    .get('/', (c) => c.json({ devices: d.list() }))
    .post('/scan', jsonBody(scanSchema), async (c) => {
      const r = await d.scanner.scan(c.req.valid('json'));
      if (r.ok) return c.json({ ok: true as const, pages: r.value });
      return c.json({ ok: false as const, error: r.error.kind, message: r.error.message, pages: r.error.accepted }, 409);
    })
    .get('/pages', (c) => c.json({ pages: d.pages.list() }))
    .get('/pages/:id', validate('param', idParam), (c) => {
      const p = d.pages.get(c.req.valid('param').id);
      if (!p) return c.json({ error: 'not-found' as const, message: '没有这一页 / no such page' }, 404);
      return c.body(new Uint8Array(p.bytes), 200, { 'Content-Type': p.mime, 'Cache-Control': 'no-store' });
    })
    .delete('/pages/:id', validate('param', idParam), (c) => c.json({ removed: !!d.pages.take(c.req.valid('param').id) }))
    .post('/camera/pages', async (c) => {
      // The document camera posts the captured frame as image/jpeg or image/png bytes.
      const type = c.req.header('content-type') ?? '';
      if (!/^image\/(jpeg|png)$/.test(type)) return c.json({ error: 'invalid-request' as const, message: '请上传 JPEG 或 PNG 图片 / send a JPEG or PNG image' }, 415);
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(c.req.raw, PAGE_LIMITS.maxBytes);
      } catch (e) {
        if (e instanceof BodyTooLargeError) return tooLarge(c, e.limit);
        throw e;
      }
      const r = d.pages.add('camera', bytes);
      if (!r.ok) return c.json({ error: 'invalid-request' as const, message: r.error }, 422);
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
      return c.json({ ok: false as const, error: r.error.kind, message: r.error.message }, r.error.kind === 'not-found' ? 404 : 409);
    })
    .delete('/receipt/held/:id', validate('param', idParam), (c) => c.json({ discarded: d.receipt.discard(c.req.valid('param').id) }));
}
