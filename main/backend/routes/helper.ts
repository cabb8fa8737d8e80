// 帮办代办 for the renderer: card + PIN sign-in verified by central (session separate from the
// citizen's; card + this terminal's offline ticket while central is unreachable), sign-out, and
// the signed-in helper's own cases. Card numbers, PINs and central's proofs never come back.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { BackendContext } from '../context';
import { HELPER_COOKIE, requireHelper } from '../helpers/guard';
import { helperCases } from '../helpers/helper-cases';
import { helperCardAtReader } from '../helpers/sign-in';
import { refuse } from '../http/refusals';
import { validate } from '../validate';
import { SMALL_JSON_MAX } from '../body-limit';
import { jsonBody } from '../json-body';
import { lazySchema } from '../../../common/lazy-schema';

export function helperRoutes(ctx: BackendContext) {
  const h = ctx.helpers;
  return new Hono()
    .get('/session', (c) => {
      const helper = h.auth.check(getCookie(c, HELPER_COOKIE));
      return c.json({ signedIn: helper !== null, helper, idleSec: h.auth.idleSec });
    })
    .post(
      '/card',
      jsonBody(
        lazySchema(() => z.object({ waitSec: z.number().int().min(0).max(30).default(25) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      async (c) => {
        const r = await helperCardAtReader(h, ctx.citizen, c.req.valid('json').waitSec * 1000, c.req.raw.signal);
        if (!r.ok) return refuse(c, 'helperCard', r.error, { ok: false as const });
        return c.json({ ok: true as const, ...r.value });
      },
    )
    .post(
      '/session',
      jsonBody(
        lazySchema(() => z.object({ pin: z.string().max(32) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      async (c) => {
        const r = await h.auth.signIn(c.req.valid('json').pin);
        if (!r.ok) return refuse(c, 'helperSignIn', r.error, { ok: false as const });
        setCookie(c, HELPER_COOKIE, r.value.token, { httpOnly: true, sameSite: 'Strict', path: '/api' });
        return c.json({ ok: true as const, helper: r.value.helper, idleSec: h.auth.idleSec, mode: r.value.mode, expiresAt: r.value.expiresAt });
      },
    )
    .delete(
      '/session',
      validate(
        'query',
        lazySchema(() => z.object({ reason: z.enum(['sign-out', 'idle']).default('sign-out') })),
      ),
      (c) => {
        h.auth.signOut(getCookie(c, HELPER_COOKIE), c.req.valid('query').reason);
        deleteCookie(c, HELPER_COOKIE, { path: '/api' });
        return c.json({ ok: true as const });
      },
    )
    .get('/cases', requireHelper(ctx), (c) => {
      const helper = c.get('helper');
      return c.json({ helper, asOf: ctx.queue.feedPulledAt(), cases: helperCases(ctx, helper.staffId) });
    });
}
