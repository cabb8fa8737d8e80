// Every maintenance route runs behind this: without a live technician session (cookie set at
// PIN sign-in, separate from the citizen session) the answer is 403 and the attempt is logged.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { BackendContext } from '../context';
import { refuse } from '../http/refusals';

export const TECH_COOKIE = 'kiosk_tech';
/** Sent by the maintenance screen's automatic refreshes: they do not count as technician activity. */
export const BACKGROUND_HEADER = 'x-maintenance-background';

export type TechnicianVariables = { technician: string };

export function requireTechnician(ctx: BackendContext) {
  return createMiddleware<{ Variables: TechnicianVariables }>(async (c, next) => {
    const tag = ctx.maintenance.auth.check(getCookie(c, TECH_COOKIE), c.req.header(BACKGROUND_HEADER) !== '1');
    if (!tag) {
      ctx.logger.log('maintenance.denied', { route: c.req.path, method: c.req.method });
      return refuse(c, 'technician', { kind: 'technician-only' });
    }
    c.set('technician', tag);
    await next();
  });
}
