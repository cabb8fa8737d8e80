// Developer-only control of the device simulators (insert a card, paper out, unplug, …), for
// tests and the simulator panel. Exists only when config.devTools is true and a device runs in
// simulator mode; otherwise nothing is mounted and every path answers 404.
import { Hono } from 'hono';
import { simActionSchema } from '../../../devices/sim/sim-actions';
import type { BackendContext } from '../context';
import { jsonBody } from '../json-body';
import { simNetidCredential, simNetidSchema } from '../citizen/netid-sim-credential';

export function devSimRoutes(ctx: BackendContext) {
  const routes = new Hono()
    .get('/', async (c) => c.json({ state: await ctx.devices.sim!.state() }))
    .post('/actions', jsonBody(simActionSchema), async (c) => {
      const r = await ctx.devices.sim!.act(c.req.valid('json'));
      if (r.ok) return c.json({ ok: true as const });
      return c.json({ ok: false as const, message: r.error }, 409);
    })
    // 网证: the test issuer makes a credential (as a citizen's phone would show it) and the code
    // scanner simulator reads it over its real path (pty, scanner driver, code.scanned).
    .post('/netid', jsonBody(simNetidSchema), async (c) => {
      const text = await simNetidCredential(c.req.valid('json'));
      const r = await ctx.devices.sim!.act({ device: 'code-scanner', action: 'scan', text });
      if (r.ok) return c.json({ ok: true as const });
      return c.json({ ok: false as const, message: r.error }, 409);
    });
  // Typed as mounted (the panel compiles in every build), but empty at run time unless enabled.
  return ctx.config.devTools && ctx.devices.sim ? routes : (new Hono() as unknown as typeof routes);
}
