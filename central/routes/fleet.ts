// Terminal health at central: the signed heartbeat intake (POST /v1/heartbeats) and the fleet
// view for operators (GET /fleet as HTML, GET /fleet.json), behind the admin token, given as a
// Bearer header or once as /fleet/login?token=… which sets an HttpOnly cookie.
import { lookupVolumes } from '../fleet/lookup-volume';
import crypto from 'node:crypto';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { heartbeatSchema, type UsageReport } from '../../common/heartbeat';
import { checkHeartbeat } from '../fleet/heartbeat-check';
import { lastChinaDays, summariseUsage } from '../../common/usage-summary';
import type { AuthVariables } from '../auth/terminal-auth';
import { terminalStatus } from '../fleet/fleet-status';
import { openNotices } from '../help/help-views';
import type { FleetMetrics } from '../fleet/fleet-metrics';
import { fleetPage } from '../fleet/page';
import { parseJsonBody, problem } from '../http-helpers';
import type { CentralStore } from '../store';

export function heartbeatRoutes(store: CentralStore, now: () => number = Date.now) {
  return new Hono<{ Variables: AuthVariables }>().post('/heartbeats', async (c) => {
    const body = parseJsonBody(c, c.get('rawBody'), heartbeatSchema, checkHeartbeat);
    if (!body.ok) return body.response;
    const hb = body.value;
    const usageByDay = hb.usage ? usageRowsByDay(hb.usage) : new Map<string, string>();
    const { usage: _usage, ...status } = hb;
    const t = now();
    const terminalId = c.get('terminalId');
    // Written behind (tables/fleet-tables.ts): a heartbeat is state the terminal sends again every
    // interval, so it is answered before its commit; drift and the announced suite are written
    // only when they change.
    store.recordHeartbeat(terminalId, t, hb.intervalSec, JSON.stringify({ ...status, usage: null }), usageByDay);
    if (hb.config) store.recordDrift(terminalId, t, hb.config.drift ? hb.config.driftFields : []);
    if (hb.cryptoSuite) store.recordAnnouncedSuite(terminalId, hb.cryptoSuite);
    return c.json({ ok: true as const, receivedAt: new Date(t).toISOString() });
  });
}

/** Each reported day's aggregates as stored (one row per terminal and day), in one pass over each list. */
function usageRowsByDay(usage: UsageReport): Map<string, string> {
  const byDay = new Map<string, { submissions: UsageReport['submissions']; steps: UsageReport['steps']; ratings: UsageReport['ratings'] }>();
  for (const day of usage.days) byDay.set(day, { submissions: [], steps: [], ratings: [] });
  for (const s of usage.submissions) byDay.get(s.day)?.submissions.push(s);
  for (const s of usage.steps) byDay.get(s.day)?.steps.push(s);
  for (const r of usage.ratings) byDay.get(r.day)?.ratings.push(r);
  const rows = new Map<string, string>();
  for (const [day, lists] of byDay) rows.set(day, JSON.stringify(lists));
  return rows;
}

export const FLEET_COOKIE = 'central_admin';

export function fleetSnapshot(store: CentralStore, now: number, days = 14) {
  const volumes = lookupVolumes(store, now);
  const terminals = store
    .fleet()
    .filter((r) => !r.disabled)
    .map((r) => terminalStatus(r, now))
    .map((t) => (volumes.get(t.terminalId)?.unusual ? { ...t, flags: [...t.flags, 'unusual-lookups' as const] } : t));
  const dayList = lastChinaDays(days, now);
  const reports = store.usageSince(dayList[0]!).map((r) => {
    const b = JSON.parse(r.body) as { submissions: never[]; steps: never[]; ratings: never[] };
    return {
      submissions: (b.submissions ?? []).map((s: object) => ({ ...s, day: r.day })),
      steps: (b.steps ?? []).map((s: object) => ({ ...s, day: r.day })),
      ratings: (b.ratings ?? []).map((s: object) => ({ ...s, day: r.day })),
    };
  });
  return { terminals, usage: summariseUsage(reports as never, dayList), helpNotices: openNotices(store, now) };
}

export function fleetRoutes(deps: { store: CentralStore; adminToken: string; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const expected = Buffer.from(deps.adminToken);
  const allowed = (token: string | undefined) => {
    const got = Buffer.from(token ?? '');
    return got.length === expected.length && crypto.timingSafeEqual(got, expected);
  };
  return new Hono()
    .get('/login', (c) => {
      if (!allowed(c.req.query('token'))) return problem(c, 401, 'unauthorized', '需要管理令牌 / admin token required');
      setCookie(c, FLEET_COOKIE, deps.adminToken, { httpOnly: true, sameSite: 'Strict', path: '/fleet' });
      return c.redirect('/fleet', 303);
    })
    .use(async (c, next) => {
      const bearer = c.req.header('authorization')?.replace(/^Bearer /, '');
      if (!allowed(bearer) && !allowed(getCookie(c, FLEET_COOKIE))) return problem(c, 401, 'unauthorized', '需要管理令牌 / admin token required');
      await next();
    })
    .get('/', (c) => {
      const t = now();
      const snap = fleetSnapshot(deps.store, t);
      c.header('Cache-Control', 'no-store');
      return c.html(fleetPage(snap.terminals, snap.usage, new Date(t), snap.helpNotices));
    })
    .get('/json', (c) => c.json(fleetSnapshot(deps.store, now())));
}

/**
 * Prometheus scrape endpoint. Behind a bearer token although it holds no personal data: it maps
 * every terminal's id to its health, devices and paper — which halls have an unattended, broken
 * machine right now — so it is operational data for the province's monitoring, not the public.
 * The metrics token is read-only and separate from the admin token (which may also scrape), so
 * Prometheus' credentials file cannot change a case.
 */
export function metricsRoutes(deps: { metrics: FleetMetrics; tokens: string[] }) {
  const expected = deps.tokens.map((t) => Buffer.from(t));
  const allowed = (token: string | undefined) => {
    const got = Buffer.from(token ?? '');
    return expected.some((e) => got.length === e.length && crypto.timingSafeEqual(got, e));
  };
  return new Hono().get('/', async (c) => {
    const bearer = c.req.header('authorization')?.replace(/^Bearer /, '');
    if (!allowed(bearer)) return problem(c, 401, 'unauthorized', '需要监控令牌 / metrics token required');
    const { contentType, body } = await deps.metrics.scrape(c.req.header('accept'));
    return c.body(body, 200, { 'Content-Type': contentType });
  });
}
