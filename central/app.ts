// The reference central case system's HTTP API, as a web-standard fetch handler.
// Its contract is documented in central/API.md (versioned under /v1) and served as OpenAPI 3.1
// at /v1/openapi.json.
import crypto from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CENTRAL_API_VERSION, MAX_CHUNK_BYTES } from '../common/central-api';
import { terminalAuth, type AuthVariables } from './auth/terminal-auth';
import { FaultInjector } from './faults';
import { ConsoleSessions } from './help/console-session';
import { HelpDesk } from './help/help-desk';
import type { TurnConfig } from './help/turn-credentials';
import { methodGuard } from './method-guard';
import { buildOpenApi } from './openapi';
import { adminRoutes } from './routes/admin';
import { caseRoutes } from './routes/cases';
import { FleetMetrics } from './fleet/fleet-metrics';
import { fleetRoutes, heartbeatRoutes, metricsRoutes } from './routes/fleet';
import type { LookupLimit } from './followup/lookup-limit';
import { followupRoutes } from './routes/followup';
import { helpRoutes } from './routes/help';
import { helpConsoleRoutes } from './routes/help-console';
import { intakeRoutes } from './routes/intake';
import { releaseAdminRoutes, updateRoutes } from './routes/releases';
import { helperSignInRoutes, staffAdminRoutes } from './routes/staff';
import { netidRoutes } from './routes/netid';
import { testNetidIssuers, type NetidIssuers } from './netid/netid-verifier';
import { HelperSignIn } from './staff/helper-sign-in';
import type { ScryptCost } from './staff/staff-hash';
import type { CentralStore } from './store';
import type { SuiteTag } from '../common/crypto-suite/suite';

export interface CentralDeps {
  store: CentralStore;
  /** Fault injection settable at run time (admin API); a fresh, inactive one by default. */
  faults?: FaultInjector;
  /** Bearer token of the admin API; random (and so unusable) when not given. */
  adminToken?: string;
  /** Bearer token that may read GET /metrics and nothing else (the admin token may too); none when not given. */
  metricsToken?: string;
  now?: () => number;
  /** scrypt cost of enrolled helpers' hashes (tests use a cheap one) */
  staffScryptCost?: ScryptCost;
  /** follow-up lookups a terminal may make per sliding window (DEFAULT_LOOKUP_LIMIT when not given) */
  lookupLimit?: LookupLimit;
  /** TURN server for 远程帮办 calls (coturn with use-auth-secret); null: ICE with host candidates only (a hall's own LAN). */
  turn?: TurnConfig | null;
  /**
   * Central's own crypto suite (CENTRAL_CRYPTO_SUITE): the MAC of its helper proofs, console
   * sessions and card lookups — HMAC-SM3 for `sm`, HMAC-SHA256 for `international` (default).
   * Recorded in the database with the instant it changed (central/staff/central-mac.ts).
   */
  suite?: SuiteTag;
  /** 网证 issuers central trusts, by kid: the published test issuer when not given (reference central only). */
  netidIssuers?: NetidIssuers;
}

const LIMITS = {
  batch: 16 * 1024 * 1024,
  chunk: MAX_CHUNK_BYTES + 1024,
  admin: 32 * 1024 * 1024,
  other: 256 * 1024,
};

function limitFor(path: string): number {
  if (path === '/v1/submissions/batch') return LIMITS.batch;
  if (path.startsWith('/v1/attachments/') && path.endsWith('/content')) return LIMITS.chunk;
  if (path.startsWith('/v1/admin/')) return LIMITS.admin;
  return LIMITS.other;
}

export function createCentralApp({
  store,
  faults = new FaultInjector(),
  adminToken = crypto.randomBytes(24).toString('base64url'),
  metricsToken,
  now,
  staffScryptCost,
  lookupLimit,
  turn = null,
  suite = 'international',
  netidIssuers = testNetidIssuers(),
}: CentralDeps) {
  store.runCentralSuite(suite, (now ?? Date.now)());
  const app = new Hono<{ Variables: AuthVariables }>();
  const openapi = buildOpenApi();

  app.onError((e, c) => c.json({ error: 'internal', message: `中心系统内部错误 / internal error: ${e.message}` }, 500));
  app.notFound((c) => c.json({ error: 'not-found', message: '无此接口 / no such endpoint' }, 404));

  // Answers carry personal data and case documents: no cache may keep them. The catalog alone is
  // public and revalidated with its ETag, so it keeps the no-cache it sets itself.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path !== '/v1/catalog') c.res.headers.set('Cache-Control', 'no-store');
  });

  // An unknown path answers 404 and a wrong method 405, before authentication or body limits get a say.
  app.use('/v1/*', methodGuard(openapi as { paths: Record<string, Record<string, unknown>> }));

  // Body size is checked before anything reads the body (signature check included).
  app.use('/v1/*', (c, next) =>
    bodyLimit({
      maxSize: limitFor(c.req.path),
      onError: (c) => c.json({ error: 'too-large', message: `请求体超过 ${limitFor(c.req.path)} 字节 / body too large` }, 413),
    })(c, next),
  );

  app.route('/v1/admin/staff', staffAdminRoutes({ store, adminToken, cost: staffScryptCost }));
  app.route('/v1/admin', releaseAdminRoutes({ store, adminToken }));
  app.route('/v1/admin', adminRoutes({ store, faults, adminToken }));

  app.get('/v1/openapi.json', (c) => c.json(openapi));

  // The fleet view for operators (HTML, admin token); not part of the kiosk contract.
  app.route('/fleet', fleetRoutes({ store, adminToken, now }));

  // The hall's help desk: one desk (queue, signalling) shared by the terminals' routes and the console.
  const desk = new HelpDesk(store, turn, now);
  const consoleSessions = new ConsoleSessions(store, new HelperSignIn(store, now), now);
  app.route('/console', helpConsoleRoutes({ store, desk, sessions: consoleSessions, now }));
  // Prometheus scrapes the fleet's figures here (fleet/fleet-metrics.ts); documented like /v1.
  app.use('/metrics', methodGuard(openapi as { paths: Record<string, Record<string, unknown>> }));
  app.route('/metrics', metricsRoutes({ metrics: new FleetMetrics(store, now), tokens: metricsToken ? [adminToken, metricsToken] : [adminToken] }));

  app.use('/v1/*', faults.middleware());

  app.get('/v1/health', (c) => c.json({ ok: true, service: 'central', apiVersion: CENTRAL_API_VERSION }));

  // The published service catalog. Clients revalidate with If-None-Match; the body is the
  // catalog exactly as published, so the ETag is stable across restarts.
  app.get('/v1/catalog', (c) => {
    const latest = store.latestCatalog();
    if (!latest) return c.json({ error: 'no-catalog', message: '尚未发布事项清单' }, 404);
    c.header('ETag', latest.etag);
    c.header('Cache-Control', 'no-cache');
    const inm = c.req.header('If-None-Match');
    if (inm && inm.split(',').some((t) => t.trim() === latest.etag)) return c.body(null, 304);
    return c.body(latest.body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  const signed = new Hono<{ Variables: AuthVariables }>();
  signed.use(terminalAuth(store, now));
  signed.route('/', intakeRoutes(store, now));
  signed.route('/', followupRoutes(store, { now, lookupLimit }));
  signed.route('/', caseRoutes(store));
  signed.route('/', heartbeatRoutes(store, now));
  signed.route('/', updateRoutes(store));
  signed.route('/', helperSignInRoutes(store, now));
  signed.route('/', helpRoutes(desk));
  signed.route('/', netidRoutes(store, netidIssuers, now));
  app.route('/v1', signed);

  return app;
}
