// 帮办代办 for the renderer: card + PIN sign-in verified by central (session separate from the
// citizen's; card + this terminal's offline ticket while central is unreachable), sign-out, and
// the signed-in helper's own cases. Card numbers, PINs and central's proofs never come back.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { BackendContext } from '../context';
import { HELPER_COOKIE, requireHelper } from '../helpers/guard';
import { helperCases } from '../helpers/helper-cases';
import { citizenInputsFor } from '../followup/citizen-inputs';
import { validate } from '../validate';
import { SMALL_JSON_MAX } from '../body-limit';
import { jsonBody } from '../json-body';

export function helperRoutes(ctx: BackendContext) {
  const h = ctx.helpers;
  return new Hono()
    .get('/session', (c) => {
      const helper = h.auth.check(getCookie(c, HELPER_COOKIE));
      return c.json({ signedIn: helper !== null, helper, idleSec: h.auth.idleSec });
    })
    .post('/card', jsonBody(z.object({ waitSec: z.number().int().min(0).max(30).default(25) }), { maxBytes: SMALL_JSON_MAX }), async (c) => {
      const n = await h.cards.next(c.req.valid('json').waitSec * 1000, c.req.raw.signal);
      if (n === null || c.req.raw.signal.aborted) return c.json({ ok: false as const, error: 'timeout' as const, message: '未读到证件，请将证件放在读卡区 / no card read yet' }, 408);
      const r = await h.auth.presentCard(n);
      // The helper's own card is not a citizen's: it must not prefill anything or be looked up
      // (the held card is one for the journey and the follow-up).
      if (r.ok) citizenInputsFor(ctx).clear();
      if (r.ok) {
        const v = r.value;
        return c.json({ ok: true as const, helper: { name: v.helper.name, staffId: v.helper.staffId }, lockedUntil: v.lockedUntil, attemptsLeft: v.attemptsLeft, offline: v.offline, ticketExpiresAt: v.ticketExpiresAt });
      }
      return c.json({ ok: false as const, error: r.error.kind, message: r.error.message }, r.error.kind === 'offline-no-ticket' ? 503 : r.error.kind === 'refused' ? 502 : 404);
    })
    .post('/session', jsonBody(z.object({ pin: z.string().max(32) }), { maxBytes: SMALL_JSON_MAX }), async (c) => {
      const r = await h.auth.signIn(c.req.valid('json').pin);
      if (r.ok) {
        setCookie(c, HELPER_COOKIE, r.value.token, { httpOnly: true, sameSite: 'Strict', path: '/api' });
        return c.json({ ok: true as const, helper: r.value.helper, idleSec: h.auth.idleSec, mode: r.value.mode, expiresAt: r.value.expiresAt });
      }
      const e = r.error;
      if (e.kind === 'locked') return c.json({ ok: false as const, error: e.kind, message: e.message, lockedUntil: e.lockedUntil }, 423);
      if (e.kind === 'wrong-pin') return c.json({ ok: false as const, error: e.kind, message: e.message, attemptsLeft: e.attemptsLeft }, 401);
      if (e.kind === 'offline-no-ticket') return c.json({ ok: false as const, error: e.kind, message: e.message }, 503);
      if (e.kind === 'refused') return c.json({ ok: false as const, error: e.kind, message: e.message }, 502);
      return c.json({ ok: false as const, error: e.kind, message: e.message }, 409);
    })
    .delete('/session', validate('query', z.object({ reason: z.enum(['sign-out', 'idle']).default('sign-out') })), (c) => {
      h.auth.signOut(getCookie(c, HELPER_COOKIE), c.req.valid('query').reason);
      deleteCookie(c, HELPER_COOKIE, { path: '/api' });
      return c.json({ ok: true as const });
    })
    .get('/cases', requireHelper(ctx), (c) => {
      const helper = c.get('helper');
      return c.json({ helper, asOf: ctx.queue.feedPulledAt(), cases: helperCases(ctx, helper.staffId) });
    });
}
