import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardLoopback, type FetchHandler } from './loopback-guard';
import { OneTimeCodes } from './one-time-codes';

export interface LoopbackServer {
  port: number;
  /** For in-process callers only (bearer / cookie); never printed, never in a URL. */
  secret: string;
  /** The URL to open in a browser, with a fresh one-time launch code (single use, 60 s). */
  launchUrl(): string;
  /** The origin without any credential, safe to print and log. */
  origin: string;
  close(): Promise<void>;
}

type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/**
 * node:http → fetch handler through Hono's Node adapter, loaded at the first request instead of
 * with the host. Why: the adapter subclasses the global Request at module load, which makes Node
 * compile undici (~40 ms of CPU, a sixth of a production restart: --cpu-prof, bench/README.md,
 * foundation.bench.ts); no start needs it before the first request. The server listens at once;
 * requests that arrive while the adapter loads wait for it, in order.
 */
function adapterOnFirstRequest(handler: FetchHandler): RequestListener {
  let listener: Promise<RequestListener> | undefined;
  return (req, res) => {
    listener ??= import('@hono/node-server').then((m) => m.getRequestListener(handler, { hostname: '127.0.0.1' }));
    listener.then(
      (l) => l(req, res),
      // The adapter is bundled with the host: this is a broken install, not a bad request.
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  };
}

export async function serveLoopback(
  handler: FetchHandler,
  opts: { port?: number; secret?: string; codes?: OneTimeCodes; onReject?: (why: string, req: Request) => void } = {},
): Promise<LoopbackServer> {
  const secret = opts.secret ?? crypto.randomBytes(24).toString('base64url');
  const codes = opts.codes ?? new OneTimeCodes();
  let port = 0;
  const guarded = guardLoopback(handler, { secret, codes, port: () => port, onReject: opts.onReject });
  const server = http.createServer(adapterOnFirstRequest(guarded));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    secret,
    origin: `http://127.0.0.1:${port}`,
    launchUrl: () => `http://127.0.0.1:${port}/?k=${codes.issue()}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE streams stay open forever; end them so close() returns.
        server.closeAllConnections();
      }),
  };
}
