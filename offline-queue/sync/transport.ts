// How the central client's requests reach central. The kiosk's own transport is node:http(s) with
// one keep-alive agent: a heap snapshot of a 10,000-submission drain showed its peak was V8 garbage
// from global fetch (undici's Request/Response objects and stream machinery, plus an
// AbortSignal.timeout and an AbortSignal.any per request), not anything the queue keeps. Here a
// request is one ClientRequest, one timer cleared when it settles and one Buffer each way.
// A fetch (tests' in-process central, the contract check that wraps the global fetch) is adapted
// to the same interface, so both paths give the client the same answer and the same failures.
import http from 'node:http';
import https from 'node:https';
import { OBSERVED_FETCH } from '../../common/observed-fetch';

export interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** An answer's headers as the client reads them: by name, case-insensitive, repeated ones joined as fetch's Headers joins them. */
export interface AnswerHeaders {
  get(name: string): string | null;
}

export interface IncomingAnswer {
  status: number;
  headers: AnswerHeaders;
  body: Buffer;
}

/** No answer (refused, reset, timed out, aborted) or an answer cut off: `message` says which. */
export class TransportFailure extends Error {}

export type Transport = (r: OutgoingRequest) => Promise<IncomingAnswer>;

// Sockets are reused across a drain's thousands of requests; node closes an idle one before the
// server's advertised keep-alive timeout runs out. Each agent is made at its first request: an
// https one at load required node:https (and tls) on every start, a central on http included
// (LAZY_BUILTINS, scripts/build.mjs).
let httpAgent: http.Agent | undefined;
let httpsAgent: https.Agent | undefined;
const agentFor = (tls: boolean) => (tls ? (httpsAgent ??= new https.Agent({ keepAlive: true, maxSockets: 16 })) : (httpAgent ??= new http.Agent({ keepAlive: true, maxSockets: 16 })));

// Not fetch's Headers: the global Headers class is undici's, and building one made Node compile
// undici when the first catalog sync was answered during boot (bench/README.md, foundation.bench.ts).
// node:http has already lower-cased the names.
function toHeaders(raw: http.IncomingHttpHeaders): AnswerHeaders {
  return {
    get: (name) => {
      const v = raw[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

function sendOnce(r: OutgoingRequest, retryOnStaleSocket: boolean): Promise<IncomingAnswer> {
  return new Promise((resolve, reject) => {
    if (r.signal?.aborted) return reject(new TransportFailure('AbortError'));
    const tls = r.url.protocol === 'https:';
    const req = (tls ? https : http).request(r.url, {
      method: r.method,
      headers: { ...r.headers, 'content-length': String(r.body?.byteLength ?? 0) },
      agent: agentFor(tls),
    });
    let settled = false;
    let answered = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      r.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (message: string) => {
      if (settled) return;
      settle();
      req.destroy();
      reject(new TransportFailure(message));
    };
    const timer = setTimeout(() => fail('TimeoutError'), r.timeoutMs);
    const onAbort = () => fail('AbortError');
    r.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return;
      // A kept-alive socket the server closed just as this request went out: sent once more on a
      // fresh socket (node's documentation advises it). Safe: the sync engine resends after any
      // network failure anyway, so every call is already idempotent at central.
      if (!answered && retryOnStaleSocket && req.reusedSocket && e.code === 'ECONNRESET') {
        settle();
        sendOnce(r, false).then(resolve, reject);
        return;
      }
      fail(answered ? `incomplete answer: ${e.message}` : (e.code ?? e.message));
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(`incomplete answer: ${e.message}`));
      res.on('close', () => {
        if (!res.complete) fail('incomplete answer: connection closed');
      });
      res.on('end', () => {
        if (settled) return;
        settle();
        resolve({ status: res.statusCode ?? 0, headers: toHeaders(res.headers), body: Buffer.concat(chunks) });
      });
    });
    req.end(r.body ?? undefined);
  });
}

/** The kiosk's transport: node:http(s) over keep-alive sockets. */
export const httpTransport: Transport = (r) => sendOnce(r, true);

/** The same interface over a fetch (an in-process central in tests, a wrapped global fetch). */
export function fetchTransport(f: typeof fetch): Transport {
  return async (r) => {
    let res: Response;
    try {
      res = await f(r.url, {
        method: r.method,
        headers: r.headers,
        body: r.body as BodyInit | null,
        signal: r.signal ? AbortSignal.any([r.signal, AbortSignal.timeout(r.timeoutMs)]) : AbortSignal.timeout(r.timeoutMs),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      throw new TransportFailure(err.cause?.code ?? err.name ?? err.message);
    }
    try {
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    } catch (e) {
      // The connection dropped while the body was on its way: as good as no answer.
      throw new TransportFailure(`incomplete answer: ${(e as Error).message}`);
    }
  };
}

/**
 * An injected fetch wins; so does a global fetch marked as watching the kiosk's calls (the kiosk
 * tests' contract check holds every central answer to the OpenAPI document through it).
 * Otherwise node:http — also when a library replaced the global fetch: before, any replacement
 * after this module loaded counted, and @hono/node-server's (loaded by the backend's loopback
 * server after the queue) put the kiosk's sync on undici's fetch in the backend itself.
 */
export function transportFor(injected: typeof fetch | undefined): Transport {
  if (injected) return fetchTransport(injected);
  const global = globalThis.fetch as typeof fetch & { [OBSERVED_FETCH]?: true };
  return global[OBSERVED_FETCH] ? fetchTransport(global) : httpTransport;
}
