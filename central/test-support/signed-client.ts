// A minimal signed caller for central tests: builds requests exactly as a kiosk would, or with
// chosen faults (wrong secret, stale timestamp, replayed nonce).
import { canonicalRequest, sha256Hex, signCanonical, SIGNING_HEADERS } from '../../common/request-signing';

export interface SignedCallOptions {
  terminalId: string;
  secret: string;
  method: string;
  path: string;
  json?: unknown;
  bytes?: Uint8Array;
  rawBody?: string;
  /** a number, or the exact header text (to send malformed ones) */
  timestamp?: number | string;
  nonce?: string;
  contentType?: string;
}

export async function signedRequest(base: string, o: SignedCallOptions): Promise<Request> {
  const body: Uint8Array | null = o.bytes ?? (o.rawBody !== undefined ? new TextEncoder().encode(o.rawBody) : o.json !== undefined ? new TextEncoder().encode(JSON.stringify(o.json)) : null);
  const ts = String(o.timestamp ?? Date.now());
  const nonce = o.nonce ?? crypto.randomUUID().replace(/-/g, '');
  const url = new URL(o.path, base);
  const sig = await signCanonical(o.secret, canonicalRequest(o.method, url.pathname + url.search, ts, nonce, await sha256Hex(body ?? '')));
  return new Request(url, {
    method: o.method,
    headers: {
      [SIGNING_HEADERS.terminal]: o.terminalId,
      [SIGNING_HEADERS.timestamp]: ts,
      [SIGNING_HEADERS.nonce]: nonce,
      [SIGNING_HEADERS.signature]: sig,
      ...(body ? { 'Content-Type': o.contentType ?? (o.bytes ? 'application/octet-stream' : 'application/json') } : {}),
    },
    body: body as BodyInit | null,
  });
}
