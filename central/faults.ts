// Fault injection for tests and demos, settable at run time through the admin API: error
// rate, refused submission batches (400, which the kiosk keeps as dead letters), latency, hung
// requests, dropped connections (before or after the work is committed, so a client sees "no
// answer" for something central did store), 503 with Retry-After, and "down for N seconds"
// (the embedded server stops listening).
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';

export const faultSettingsSchema = z.object({
  /** share of requests answered 500 */
  errorRate: z.number().min(0).max(1).default(0),
  /** share answered 503 with Retry-After: retryAfterSec */
  unavailableRate: z.number().min(0).max(1).default(0),
  retryAfterSec: z.number().int().min(0).max(3600).default(1),
  /** share whose connection is destroyed (half before the handler runs, half after it committed) */
  dropRate: z.number().min(0).max(1).default(0),
  /** share that hang for hangMs before being handled (looks like a timeout to the client) */
  hangRate: z.number().min(0).max(1).default(0),
  hangMs: z.number().int().min(0).max(120_000).default(30_000),
  /** share of submission batches (POST /v1/submissions/batch) refused with 400: the kiosk keeps them as dead letters */
  rejectRate: z.number().min(0).max(1).default(0),
  /** added to every request */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  latencyJitterMs: z.number().int().min(0).max(60_000).default(0),
  /** PRNG seed for reproducible runs; null uses Math.random */
  seed: z.number().int().nullable().default(null),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const faultUpdateSchema = faultSettingsSchema.partial().extend({
  /** take central off the network for this many seconds (0 brings it back) */
  downForSec: z.number().min(0).max(3600).optional(),
});

/** What GET and PUT /v1/admin/faults answer: the settings in force and what was injected so far. */
export const faultStateSchema = faultSettingsSchema.extend({
  /** when the "down" period ends, or null */
  downUntil: z.iso.datetime().nullable(),
  counters: z.object({ errors: z.number().int(), unavailable: z.number().int(), drops: z.number().int(), hangs: z.number().int(), rejects: z.number().int() }),
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Closes the connection under the request, so the client sees the answer lost. */
function dropConnection(c: Context): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  incoming?.socket.destroy();
}

export class FaultInjector {
  private settings: FaultSettings = faultSettingsSchema.parse({});
  private random: () => number = Math.random;
  private downUntilMs = 0;
  private readonly downListeners = new Set<(untilMs: number) => void>();
  readonly counters = { errors: 0, unavailable: 0, drops: 0, hangs: 0, rejects: 0 };

  get current(): FaultSettings & { downUntil: string | null } {
    return { ...this.settings, downUntil: this.isDown() ? new Date(this.downUntilMs).toISOString() : null };
  }

  get state(): z.output<typeof faultStateSchema> {
    return { ...this.current, counters: { ...this.counters } };
  }

  update(u: z.infer<typeof faultUpdateSchema>): void {
    const { downForSec, ...rest } = u;
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...rest });
    this.random = this.settings.seed === null ? Math.random : mulberry32(this.settings.seed);
    if (downForSec !== undefined) {
      this.downUntilMs = downForSec > 0 ? Date.now() + downForSec * 1000 : 0;
      for (const l of this.downListeners) l(this.downUntilMs);
    }
  }

  reset(): void {
    this.update({ ...faultSettingsSchema.parse({}), downForSec: 0 });
  }

  isDown(): boolean {
    return Date.now() < this.downUntilMs;
  }

  /** The embedded server closes and reopens its listener on these. */
  onDown(l: (untilMs: number) => void): () => void {
    this.downListeners.add(l);
    return () => this.downListeners.delete(l);
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const s = this.settings;
      if (this.isDown()) {
        dropConnection(c);
        return c.json({ error: 'down', message: '中心系统维护中 / central is down' }, 503);
      }
      const latency = s.latencyMs + (s.latencyJitterMs ? this.random() * s.latencyJitterMs : 0);
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      if (s.hangRate && this.random() < s.hangRate) {
        this.counters.hangs++;
        await new Promise((r) => setTimeout(r, s.hangMs));
      }
      if (s.unavailableRate && this.random() < s.unavailableRate) {
        this.counters.unavailable++;
        c.header('Retry-After', String(s.retryAfterSec));
        return c.json({ error: 'unavailable', message: '中心系统繁忙，请稍后重试 / central is busy, retry later' }, 503);
      }
      if (s.rejectRate && c.req.method === 'POST' && c.req.path === '/v1/submissions/batch' && this.random() < s.rejectRate) {
        this.counters.rejects++;
        return c.json({ error: 'injected-reject', message: '注入的拒收：中心认为该申请无效 / injected refusal: central deems the submission invalid' }, 400);
      }
      if (s.errorRate && this.random() < s.errorRate) {
        this.counters.errors++;
        return c.json({ error: 'injected', message: '注入的故障 / injected failure' }, 500);
      }
      if (s.dropRate && this.random() < s.dropRate) {
        this.counters.drops++;
        if (this.random() < 0.5) {
          dropConnection(c);
          return c.body(null, 500);
        }
        await next();
        dropConnection(c); // the work is done and committed; the answer is lost on the way
        return;
      }
      await next();
    };
  }
}
