import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
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

export async function serveLoopback(
  handler: FetchHandler,
  opts: { port?: number; secret?: string; codes?: OneTimeCodes; onReject?: (why: string, req: Request) => void } = {},
): Promise<LoopbackServer> {
  const secret = opts.secret ?? crypto.randomBytes(24).toString('base64url');
  const codes = opts.codes ?? new OneTimeCodes();
  let port = 0;
  const guarded = guardLoopback(handler, { secret, codes, port: () => port, onReject: opts.onReject });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: guarded, hostname: '127.0.0.1', port: opts.port ?? 0 }, () => resolve(s));
    s.once('error', reject);
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
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
