// Guards the loopback transport. Any local process (or a web page in any browser on this
// machine, via DNS rebinding) can reach 127.0.0.1, so every request must name our own
// host and origin and carry the per-boot secret. The secret itself is never in a URL: the
// browser is handed a one-time launch code (one-time-codes.ts) that it trades for the secret in
// an HttpOnly cookie; in-process callers (tests, harnesses) may present it as a bearer token.
import crypto from 'node:crypto';
import { NO_STORE, SECURITY_HEADERS } from '../security-headers';
import type { OneTimeCodes } from './one-time-codes';

export const SECRET_COOKIE = 'kiosk_k';

export type FetchHandler = (req: Request) => Response | Promise<Response>;

export interface GuardOptions {
  secret: string;
  /** launch codes a `?k=` may redeem for the cookie */
  codes: OneTimeCodes;
  /** resolved lazily: the port is known only once the server listens */
  port: () => number;
  onReject?: (why: string, req: Request) => void;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookie(req: Request, name: string): string | null {
  const header = req.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** The guard's own answers are locked down like the app's: same headers, never cached. */
function refusal(status: 401 | 403, body: string, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': NO_STORE } });
}

export function guardLoopback(handler: FetchHandler, opts: GuardOptions): FetchHandler {
  return async (req) => {
    const port = opts.port();
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    const host = req.headers.get('host') ?? '';
    if (!hosts.includes(host)) {
      opts.onReject?.('host', req);
      return refusal(403, 'forbidden host');
    }
    const origin = req.headers.get('origin');
    if (origin && !hosts.some((h) => origin === `http://${h}`)) {
      opts.onReject?.('origin', req);
      return refusal(403, 'forbidden origin');
    }
    const url = new URL(req.url);
    const fromQuery = url.searchParams.get('k');
    if (fromQuery !== null && req.method === 'GET') {
      if (!opts.codes.redeem(fromQuery)) {
        opts.onReject?.('launch-code', req);
        return refusal(
          401,
          '<!doctype html><meta charset="utf-8"><title>401</title><p>此链接已使用或已过期，请重新启动终端 / This launch link was already used or has expired.</p>',
          'text/html; charset=utf-8',
        );
      }
      // Trade the one-time code for the secret in a cookie, and drop the code from the address bar.
      url.searchParams.delete('k');
      return new Response(null, {
        status: 303,
        headers: {
          Location: url.pathname + url.search,
          'Set-Cookie': `${SECRET_COOKIE}=${opts.secret}; HttpOnly; SameSite=Strict; Path=/`,
          ...SECURITY_HEADERS,
          'Cache-Control': NO_STORE,
        },
      });
    }
    const bearer = req.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? null;
    const presented = cookie(req, SECRET_COOKIE) ?? bearer;
    if (!presented || !safeEqual(presented, opts.secret)) {
      opts.onReject?.('secret', req);
      return refusal(401, '<!doctype html><meta charset="utf-8"><title>401</title><p>请使用终端启动时打印的链接打开 / Open the URL printed when the kiosk started.</p>', 'text/html; charset=utf-8');
    }
    return handler(req);
  };
}
