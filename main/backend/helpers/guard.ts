// Routes for a signed-in helper only. Who the helper is comes from the helper session cookie
// (set at card + PIN sign-in), never from anything the renderer sends.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { BackendContext } from '../context';
import type { SignedInHelper } from './helper-auth';
import { refuse } from '../http/refusals';

export const HELPER_COOKIE = 'kiosk_helper';

export type HelperVariables = { helper: SignedInHelper };

export function requireHelper(ctx: BackendContext) {
  return createMiddleware<{ Variables: HelperVariables }>(async (c, next) => {
    const helper = ctx.helpers.auth.check(getCookie(c, HELPER_COOKIE));
    if (!helper) return refuse(c, 'helper', { kind: 'helper-only' });
    c.set('helper', helper);
    await next();
  });
}
