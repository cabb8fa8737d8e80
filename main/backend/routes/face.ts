// 人证核验 for the renderer: one camera frame in, the decision out (citizen/face-check.ts).
import { Hono } from 'hono';
import { z } from 'zod';
import { checkFace } from '../citizen/face-check';
import type { BackendContext } from '../context';
import { refuse } from '../http/refusals';
import { jsonBody } from '../json-body';
import { lazySchema } from '../../../common/lazy-schema';

/** One camera frame, base64: the body may hold it plus a few bytes of JSON around it. */
const FACE_IMAGE_BASE64_MAX = 6 * 1024 * 1024;

export function faceRoutes(ctx: BackendContext) {
  return new Hono().post(
    '/verify',
    jsonBody(
      lazySchema(() => z.object({ image: z.object({ mime: z.enum(['image/jpeg', 'image/png']), data: z.base64().max(FACE_IMAGE_BASE64_MAX) }) })),
      { maxBytes: FACE_IMAGE_BASE64_MAX + 1024 },
    ),
    async (c) => {
      const { image } = c.req.valid('json');
      const r = await checkFace(ctx, { mime: image.mime, bytes: new Uint8Array(Buffer.from(image.data, 'base64')) }, c.req.raw.signal);
      if (!r.ok) return refuse(c, 'face', r.error);
      return c.json({ decision: r.value.decision, score: r.value.score, threshold: r.value.threshold }, 200);
    },
  );
}
