// The kiosk's HTTP client for central: every request is signed with the terminal secret, has a
// timeout, and fails in one of a few ways the sync engine knows how to treat. Answers are parsed
// with the call's schema (common/kiosk-answers.ts): callers get typed values, never `unknown`.
import crypto from 'node:crypto';
import { fillPath, KIOSK_CALLS, type KioskCall } from '../../common/central-api';
import { digestHexIn } from '../../common/content-digest';
import { CONDITIONAL_CALLS, KIOSK_ANSWERS, type ConditionalCall, type KioskAnswer } from '../../common/kiosk-answers';
import type { LogEventId } from '../../common/log-events';
import { CENTRAL_SUITE_HEADER, signRequest, type RequestCredentials } from '../../common/request-signing';
import { parseRetryAfter } from './backoff';
import { TransportFailure, transportFor, type AnswerHeaders, type IncomingAnswer } from './transport';

/**
 * The international suite's body digest through node:crypto: Web Crypto's copied each 300 KB page
 * and went through the thread pool (0.4 s of the kiosk's profile of a 90 MB sync). Same bytes, same
 * hex SHA-256, so the signature is the same one.
 */
const sha256Hex = (body: Uint8Array): string => crypto.createHash('sha256').update(body).digest('hex');

/**
 * And its HMAC: Web Crypto's is a promise and a thread-pool job per request (~0.8 ms of the
 * kiosk's CPU per page in `--cpu-prof` of the sync bench's drain). Same key, same bytes, same
 * base64url HMAC-SHA256 as `signCanonical`.
 */
const hmacBase64Url = (secret: string, canonical: string): string => crypto.createHmac('sha256', secret).update(canonical).digest('base64url');

export type CallFailure =
  /** No answer: refused, reset, timed out, DNS. Retry with backoff; the link is down. */
  | { kind: 'network'; message: string }
  /** Central answered but cannot serve now (5xx, 408, 429). Retry with backoff / Retry-After. */
  | { kind: 'unavailable'; status: number; message: string; retryAfterMs: number | null }
  /** Central refused this terminal's credentials. Nothing will get through until a technician acts. */
  | { kind: 'auth'; status: number; error: string; message: string }
  /** Central refused this request as such (other 4xx): retrying the same request will not help. */
  | { kind: 'rejected'; status: number; error: string; message: string; body: unknown }
  /** Central answered 2xx with something that is not what the contract promises. Not a refusal of the request. */
  | { kind: 'invalid'; status: number; message: string };

type Answered<C extends KioskCall> = { ok: true; status: number; notModified: false; headers: AnswerHeaders; body: KioskAnswer<C>; bytes: Uint8Array | null };
type NotModified = { ok: true; status: 304; notModified: true; headers: AnswerHeaders; body: null; bytes: null };
export type CallResult<C extends KioskCall = KioskCall> = Answered<C> | (C extends ConditionalCall ? NotModified : never) | { ok: false; failure: CallFailure };

const INVALID_ANSWER = '中心系统答复异常 / central sent an unexpected answer';
const SUITE_REFUSED = '中心答复未使用国密套件，已拒绝 / central answered outside the sm suite this terminal runs: answer refused';
const isConditional = (call: KioskCall): call is ConditionalCall => (CONDITIONAL_CALLS as readonly KioskCall[]).includes(call);

export interface CentralClientOptions {
  baseUrl: string;
  terminalId: string;
  /** the HMAC secret (international suite); ignored when `credentials` is given */
  secret?: string;
  /** what requests are signed with; an `sm` terminal also refuses answers central did not check in `sm` */
  credentials?: RequestCredentials;
  log?: (event: LogEventId, fields?: Record<string, unknown>) => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Requests the client made (for the contract test and debugging). */
export interface CallRecord {
  call: KioskCall;
  method: string;
  path: string;
  body: unknown;
}

/** What a call carries besides its name: path parameters, query, a JSON or raw body, extra headers, a deadline. */
type CallOptions = {
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  json?: unknown;
  bytes?: Uint8Array;
  /**
   * The wire digest of `bytes` in the terminal's suite when the caller holds it already (a page
   * sent whole: wire-digests.ts made it from the same bytes): the signature carries it instead of
   * hashing the body again — one SHA-256 (or SM3) pass over each page less. A digest of another
   * suite's hash is ignored. A wrong one is refused by central, which hashes what it received.
   */
  bytesDigest?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
};

export class CentralClient {
  /** Correction for a terminal clock that disagrees with central's (learned from clock-skew answers). */
  private clockOffsetMs = 0;
  onCall: ((r: CallRecord) => void) | null = null;
  /** Requests central answered successfully, ever: lets the engine tell a flaky link from a dead one. */
  answered = 0;

  private readonly credentials: RequestCredentials;

  constructor(private readonly o: CentralClientOptions) {
    this.credentials = o.credentials ?? { suite: 'international', secret: o.secret ?? '' };
  }

  get baseUrl(): string {
    return this.o.baseUrl;
  }

  async call<C extends KioskCall>(call: C, opts: CallOptions = {}): Promise<CallResult<C>> {
    const first = await this.once(call, opts);
    // A stale clock is fixed once from central's answer, then the request is signed again.
    if (!first.ok && first.failure.kind === 'auth' && first.failure.error === 'clock-skew') return this.once(call, opts);
    return first;
  }

  private async once<C extends KioskCall>(call: C, opts: CallOptions): Promise<CallResult<C>> {
    const spec = KIOSK_CALLS[call];
    const url = new URL(fillPath(spec.path, opts.params), this.o.baseUrl);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
    const body: Uint8Array | null = opts.bytes ?? (opts.json !== undefined ? new TextEncoder().encode(JSON.stringify(opts.json)) : null);
    const method = spec.method.toUpperCase();
    this.onCall?.({ call, method: spec.method, path: spec.path, body: opts.json ?? (opts.bytes ? '[bytes]' : null) });
    let res: IncomingAnswer;
    let payload: unknown = null;
    let bytes: Uint8Array | null = null;
    const knownDigest = opts.bytes && opts.bytesDigest ? digestHexIn(this.credentials.suite, opts.bytesDigest) : null;
    try {
      const signed = await signRequest({
        terminalId: this.o.terminalId,
        credentials: this.credentials,
        method,
        pathAndQuery: url.pathname + url.search,
        body,
        now: Date.now() + this.clockOffsetMs,
        ...(knownDigest ? { bodyDigest: () => knownDigest } : this.credentials.suite === 'international' ? { bodyDigest: sha256Hex } : {}),
        ...(this.credentials.suite === 'international' ? { hmac: hmacBase64Url } : {}),
      });
      res = await transportFor(this.o.fetch)({
        url,
        method,
        headers: {
          ...signed,
          ...(opts.bytes ? { 'Content-Type': 'application/octet-stream' } : opts.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...opts.headers,
        },
        body,
        timeoutMs: opts.timeoutMs ?? this.o.timeoutMs ?? 15_000,
        signal: opts.signal,
      });
      const type = res.headers.get('content-type') ?? '';
      if (res.status === 304) payload = null;
      else if (type.includes('application/json')) payload = JSON.parse(res.body.toString('utf8'));
      else bytes = new Uint8Array(res.body);
    } catch (e) {
      if (e instanceof TransportFailure) return { ok: false, failure: { kind: 'network', message: e.message } };
      // JSON cut short on its way: as good as no answer.
      if (e instanceof SyntaxError) return { ok: false, failure: { kind: 'network', message: `incomplete answer: ${e.message}` } };
      return { ok: false, failure: { kind: 'network', message: (e as Error).name } };
    }
    const ok = res.status >= 200 && res.status < 300;
    // No silent downgrade: an sm terminal takes no answer central did not check in sm (a central, or
    // something in front of it, that verified the request otherwise or not at all).
    if ((ok || res.status === 304) && this.credentials.suite === 'sm' && res.headers.get(CENTRAL_SUITE_HEADER) !== 'sm') {
      this.o.log?.('central.suite-refused', { call, status: res.status, suite: res.headers.get(CENTRAL_SUITE_HEADER) });
      return { ok: false, failure: { kind: 'auth', status: res.status, error: 'suite-mismatch', message: SUITE_REFUSED } };
    }
    if (res.status === 304 && isConditional(call)) {
      this.answered++;
      return { ok: true, status: 304, notModified: true, headers: res.headers, body: null, bytes: null } as CallResult<C>;
    }
    if (ok || res.status === 304) {
      this.answered++;
      const schema = KIOSK_ANSWERS[call];
      if (schema === null) return { ok: true, status: res.status, notModified: false, headers: res.headers, body: null as KioskAnswer<C>, bytes };
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return { ok: false, failure: { kind: 'invalid', status: res.status, message: INVALID_ANSWER } };
      return { ok: true, status: res.status, notModified: false, headers: res.headers, body: parsed.data as KioskAnswer<C>, bytes };
    }
    const p = (payload ?? {}) as { error?: string; message?: string; serverTime?: string };
    const message = p.message ?? `HTTP ${res.status}`;
    if (res.status >= 500 || res.status === 408 || res.status === 429)
      return { ok: false, failure: { kind: 'unavailable', status: res.status, message, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) } };
    // A proof that does not open a case is a refusal of that one request, not of the terminal's credentials.
    if (res.status === 403 && (p.error === 'proof-mismatch' || p.error === 'proof-required'))
      return { ok: false, failure: { kind: 'rejected', status: res.status, error: p.error, message, body: payload } };
    if (res.status === 401 || res.status === 403) {
      if (p.error === 'clock-skew' && p.serverTime) this.clockOffsetMs = Date.parse(p.serverTime) - Date.now();
      return { ok: false, failure: { kind: 'auth', status: res.status, error: p.error ?? 'unauthorized', message } };
    }
    return { ok: false, failure: { kind: 'rejected', status: res.status, error: p.error ?? 'rejected', message, body: payload } };
  }
}
