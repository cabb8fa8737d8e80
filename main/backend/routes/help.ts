// 远程帮办 and 呼叫帮助 for the renderer: place a video call with the hall, follow it, relay its
// signalling, hang up, leave a number when nobody answered, and call someone to the kiosk. The
// renderer only ever addresses the current call of this screen (help/help-desk-link.ts).
import { Hono } from 'hono';
import { z } from 'zod';
import { callbackPhoneSchema, helpScreenSchema, helpSignalSchema } from '../../../common/help-desk';
import { SMALL_JSON_MAX } from '../body-limit';
import type { BackendContext } from '../context';
import { refuse } from '../http/refusals';
import { jsonBody } from '../json-body';
import { validate } from '../validate';
import { lazySchema } from '../../../common/lazy-schema';

export function helpRoutes(ctx: BackendContext) {
  const desk = ctx.help;
  return new Hono()
    .post(
      '/calls',
      jsonBody(
        lazySchema(() => z.object({ screen: helpScreenSchema })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      async (c) => {
        const r = await desk.startCall(c.req.valid('json').screen);
        if (!r.ok) return refuse(c, 'help', r.error, { hotline: ctx.config.help.hotline });
        return c.json({ ...r.value, hotline: ctx.config.help.hotline });
      },
    )
    .get('/calls/current', async (c) => {
      const r = await desk.status();
      return r.ok ? c.json(r.value) : refuse(c, 'help', r.error);
    })
    .get(
      '/calls/current/signals',
      validate(
        'query',
        lazySchema(() => z.object({ after: z.coerce.number().int().min(0).max(1_000_000).default(0) })),
      ),
      async (c) => {
        const r = await desk.signals(c.req.valid('query').after);
        return r.ok ? c.json(r.value) : refuse(c, 'help', r.error);
      },
    )
    .post('/calls/current/signals', jsonBody(helpSignalSchema, { maxBytes: 32 * 1024 }), async (c) => {
      const r = await desk.send(c.req.valid('json'));
      return r.ok ? c.json(r.value) : refuse(c, 'help', r.error);
    })
    .post('/calls/current/hangup', async (c) => {
      const r = await desk.hangUp('citizen');
      // The screen has forgotten the call whatever central said; "offline" still ends it here.
      return r.ok || r.error.kind === 'offline' ? c.json({ ok: true as const }) : refuse(c, 'help', r.error);
    })
    .post(
      '/calls/current/callback',
      jsonBody(
        lazySchema(() => z.object({ phone: callbackPhoneSchema })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      async (c) => {
        const r = await desk.leaveCallback(c.req.valid('json').phone);
        return r.ok ? c.json({ ok: true as const, callbackBy: r.value.callbackBy }) : refuse(c, 'help', r.error);
      },
    )
    .post(
      '/requests',
      jsonBody(
        lazySchema(() => z.object({ screen: helpScreenSchema, waitingSec: z.number().int().min(0).max(86_400) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      async (c) => {
        const { screen, waitingSec } = c.req.valid('json');
        const r = await desk.requestHelp(screen, waitingSec);
        return c.json({ ...r, hotline: ctx.config.help.hotline });
      },
    );
}
