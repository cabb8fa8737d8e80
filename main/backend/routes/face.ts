// 人证核验: the live picture the renderer captured is compared with the photo of the card the
// backend read. Neither image is stored or logged; only the decision and score are.
import { Hono } from 'hono';
import { z } from 'zod';
import { faceError, unconfiguredFaceVerifier, type FaceErrorKind, type FaceVerifier } from '../../../devices/face/face-verifier';
import type { BackendContext } from '../context';
import { jsonBody } from '../json-body';

const STATUS: Record<FaceErrorKind, 422 | 503 | 504> = { unavailable: 503, 'no-face': 422, 'bad-image': 422, timeout: 504 };

/** The simulator in simulator mode; a vendor verifier would be chosen from config here. */
export function faceVerifierOf(ctx: BackendContext): FaceVerifier {
  return ctx.devices.sim?.face ?? unconfiguredFaceVerifier;
}

/** One camera frame, base64: the body may hold it plus a few bytes of JSON around it. */
const FACE_IMAGE_BASE64_MAX = 6 * 1024 * 1024;

export function faceRoutes(ctx: BackendContext) {
  const citizen = ctx.citizen;
  return new Hono().post(
    '/verify',
    jsonBody(z.object({ image: z.object({ mime: z.enum(['image/jpeg', 'image/png']), data: z.base64().max(FACE_IMAGE_BASE64_MAX) }) }), { maxBytes: FACE_IMAGE_BASE64_MAX + 1024 }),
    async (c) => {
      const card = citizen.inputs.currentCard();
      if (!card) return c.json({ error: 'no-card' as const, message: '请先读取身份证 / please read your ID card first', retryable: false }, 409);
      if (!card.photo)
        return c.json({ error: 'no-photo' as const, message: '未能读取证件照片，无法核验，请到窗口办理 / the card photo could not be read: please go to the counter', retryable: false }, 422);
      const { image } = c.req.valid('json');
      const live = { mime: image.mime, bytes: new Uint8Array(Buffer.from(image.data, 'base64')) };
      const r = await Promise.race([
        faceVerifierOf(ctx).verify(card.photo, live, c.req.raw.signal),
        new Promise<{ ok: false; error: ReturnType<typeof faceError> }>((resolve) => setTimeout(() => resolve({ ok: false, error: faceError('timeout') }), 15_000).unref()),
      ]);
      if (r.ok) {
        ctx.logger.log('face.verified', { decision: r.value.decision, score: r.value.score });
        // the journey submits only for a card whose holder passed (when the terminal checks faces)
        if (r.value.decision === 'match') citizen.card.faceMatched(card);
        return c.json({ decision: r.value.decision, score: r.value.score, threshold: r.value.threshold }, 200);
      }
      ctx.logger.log('face.failed', { kind: r.error.kind });
      return c.json({ error: r.error.kind, message: r.error.message, retryable: r.error.retryable }, STATUS[r.error.kind]);
    },
  );
}
