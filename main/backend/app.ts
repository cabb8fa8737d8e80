// The backend: one web-standard fetch handler for the API and the renderer's files.
// Electron serves it on the kiosk:// scheme; dev, tests and the Chromium fallback on loopback.
import { Hono } from 'hono';
import { scrubText } from '../../common/mask';
import { BodyTooLargeError, tooLarge } from './body-limit';
import { refuse } from './http/refusals';
import type { BackendContext } from './context';
import { catalogRoutes } from './routes/catalog';
import type { DevOnlyRoutes } from './routes/dev-only';
import { deviceRoutes } from './routes/devices';
import { eventRoutes } from './routes/events';
import { faceRoutes } from './routes/face';
import { journeyRoutes } from './routes/journey';
import { helperRoutes } from './routes/helper';
import { helpRoutes } from './routes/help';
import { progressRoutes } from './routes/progress';
import { maintenanceRoutes } from './routes/maintenance';
import { queueRoutes } from './routes/queue';
import { speechRoutes } from './routes/speech';
import { systemRoutes } from './routes/system';
import { usageRoutes } from './routes/usage';
import { NO_STORE, SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

/** Typed as the developer route it stands in for (the renderer's client compiles in every build), empty at run time. */
const absent = <T>() => new Hono() as unknown as T;

export function createApiRoutes(ctx: BackendContext, dev: DevOnlyRoutes | null = null) {
  return new Hono()
    .route('/system', systemRoutes(ctx))
    .route('/catalog', catalogRoutes(ctx))
    .route('/events', eventRoutes(ctx))
    .route('/submissions', dev?.submissions ?? absent<DevOnlyRoutes['submissions']>())
    .route('/queue', queueRoutes(ctx))
    .route('/devices', deviceRoutes(ctx))
    .route('/maintenance', maintenanceRoutes(ctx))
    .route('/usage', usageRoutes(ctx))
    .route('/progress', progressRoutes(ctx))
    .route('/face', faceRoutes(ctx))
    .route('/journey', journeyRoutes(ctx))
    .route('/helper', helperRoutes(ctx))
    .route('/help', helpRoutes(ctx))
    .route('/speech', speechRoutes(ctx))
    .route('/dev/sim', dev?.sim ?? absent<DevOnlyRoutes['sim']>());
}

/** The API's type, shared with the renderer's typed client (hono/client). */
export type ApiType = ReturnType<typeof createApiRoutes>;

export function createApp(ctx: BackendContext, opts: { rendererDir: string | null; devRoutes?: DevOnlyRoutes | null }) {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    // Every API answer, errors and streams included; the renderer's static files keep their own.
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') c.res.headers.set('Cache-Control', NO_STORE);
  });
  app.onError((e, c) => {
    // A body cap met outside the JSON helper is still the client's doing, not ours.
    if (e instanceof BodyTooLargeError) return tooLarge(c, e.limit);
    ctx.logger.log('http.error', { route: c.req.path, message: scrubText(e.message) });
    return refuse(c, 'http', { kind: 'internal' });
  });
  app.route('/api', createApiRoutes(ctx, opts.devRoutes));
  app.all('/api/*', (c) => refuse(c, 'http', { kind: 'not-found' }));
  app.get('*', async (c) => {
    if (!opts.rendererDir) return c.text('renderer not built', 404);
    return (await serveStatic(opts.rendererDir, c.req.path)) ?? c.text('not found', 404);
  });
  return app;
}
