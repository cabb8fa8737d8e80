import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { guardLoopback, type FetchHandler } from './loopback-guard';

export interface LoopbackServer {
  port: number;
  secret: string;
  /** The URL to open: carries the per-boot secret once. */
  url: string;
  close(): Promise<void>;
}

export async function serveLoopback(
  handler: FetchHandler,
  opts: { port?: number; secret?: string; onReject?: (why: string, req: Request) => void } = {},
): Promise<LoopbackServer> {
  const secret = opts.secret ?? crypto.randomBytes(24).toString('base64url');
  let port = 0;
  const guarded = guardLoopback(handler, { secret, port: () => port, onReject: opts.onReject });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: guarded, hostname: '127.0.0.1', port: opts.port ?? 0 }, () => resolve(s));
    s.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    secret,
    url: `http://127.0.0.1:${port}/?k=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE streams stay open forever; end them so close() returns.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
