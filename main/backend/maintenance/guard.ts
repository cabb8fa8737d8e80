// Every maintenance route runs behind this: without a live technician session (cookie set at
// PIN sign-in, separate from the citizen session) the answer is 403 and the attempt is logged.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { BackendContext } from '../context';

export const TECH_COOKIE = 'kiosk_tech';
/** Sent by the maintenance screen's automatic refreshes: they do not count as technician activity. */
export const BACKGROUND_HEADER = 'x-maintenance-background';

export type TechnicianVariables = { technician: string };

export function requireTechnician(ctx: BackendContext) {
  return createMiddleware<{ Variables: TechnicianVariables }>(async (c, next) => {
    const tag = ctx.maintenance.auth.check(getCookie(c, TECH_COOKIE), c.req.header(BACKGROUND_HEADER) !== '1');
    if (!tag) {
      ctx.logger.log('maintenance.denied', { route: c.req.path, method: c.req.method });
      return c.json({ error: 'technician-only' as const, message: '仅限技术人员，请先进入维护模式 / technicians only: enter maintenance mode first' }, 403);
    }
    c.set('technician', tag);
    await next();
  });
}
