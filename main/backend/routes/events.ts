import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { toWireEvent, type KioskEvent } from '../../../common/events';
import type { BackendContext } from '../context';

/** Server-sent events: device, sync and catalog events for the renderer. */
export function eventRoutes(ctx: BackendContext) {
  return new Hono().get('/', (c) =>
    streamSSE(c, async (stream) => {
      const queue: KioskEvent[] = [{ type: 'hello', bootId: ctx.bootId }];
      let wake: (() => void) | null = null;
      const unsubscribe = ctx.bus.subscribeStream((e) => {
        queue.push(e);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      try {
        while (open) {
          while (queue.length) {
            const e = toWireEvent(queue.shift()!);
            if (e) await stream.writeSSE({ event: e.type, data: JSON.stringify(e) });
          }
          // Keep-alive comment every 15 s so proxies and the renderer notice a dead link.
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 15_000).unref?.();
          });
          wake = null;
          if (open && !queue.length) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
      }
    }),
  );
}
