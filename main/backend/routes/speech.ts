// Spoken guidance for the renderer: whether the system speech service can speak now, say the
// text that is on screen, stop. The renderer sends the very words it shows (read from the
// screen, see renderer/src/speech/), so what is heard cannot drift from what is read.
import { Hono } from 'hono';
import { z } from 'zod';
import { SMALL_JSON_MAX } from '../body-limit';
import type { BackendContext } from '../context';
import { refuse } from '../http/refusals';
import { jsonBody } from '../json-body';
import { lazySchema } from '../../../common/lazy-schema';

/** Far longer than any prompt or error on screen (a step's title, lead and warnings together). */
const SPOKEN_TEXT_MAX = 2000;

const sayBody = lazySchema(() =>
  z.object({
    text: z.string().trim().min(1).max(SPOKEN_TEXT_MAX),
    lang: z.enum(['zh-CN', 'en']),
    volume: z.number().int().min(0).max(100),
  }),
);

export function speechRoutes(ctx: BackendContext) {
  return new Hono()
    .get('/', (c) => c.json({ available: ctx.speech.status().state === 'ready' }, 200))
    .post('/say', jsonBody(sayBody, { maxBytes: SMALL_JSON_MAX }), async (c) => {
      const r = await ctx.speech.say(c.req.valid('json'));
      if (!r.ok) return refuse(c, 'speech', r.error);
      return c.json({ messageId: r.value.messageId }, 202);
    })
    .post('/stop', async (c) => {
      const r = await ctx.speech.stop();
      if (!r.ok) return refuse(c, 'speech', r.error);
      return c.json({ ok: true as const }, 200);
    });
}
