// Per-terminal request signing between kiosk and central: HMAC-SHA256 over method, path, a
// timestamp, a one-time nonce and the body's SHA-256. Central rejects stale timestamps and any
// nonce it has seen, so a captured request cannot be replayed. Web Crypto only (runs anywhere).

export const SIGNING_HEADERS = {
  terminal: 'x-kiosk-terminal',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
} as const;

/** How far a request's timestamp may be from central's clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const enc = new TextEncoder();

function toHex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64Url(buf: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(buf)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(body: Uint8Array | string): Promise<string> {
  const bytes = typeof body === 'string' ? enc.encode(body) : body;
  return toHex(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export function canonicalRequest(method: string, pathAndQuery: string, timestamp: string, nonce: string, bodySha256: string): string {
  return [method.toUpperCase(), pathAndQuery, timestamp, nonce, bodySha256].join('\n');
}

const keyCache = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let k = keyCache.get(secret);
  if (!k) {
    k = globalThis.crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    if (keyCache.size > 100) keyCache.clear();
    keyCache.set(secret, k);
  }
  return k;
}

export async function signCanonical(secret: string, canonical: string): Promise<string> {
  return toBase64Url(await globalThis.crypto.subtle.sign('HMAC', await hmacKey(secret), enc.encode(canonical)));
}

export function newNonce(): string {
  const b = new Uint8Array(18);
  globalThis.crypto.getRandomValues(b);
  return toBase64Url(b.buffer);
}

/** The headers that sign one request. */
export async function signRequest(opts: { terminalId: string; secret: string; method: string; pathAndQuery: string; body: Uint8Array | string | null; now?: number }): Promise<Record<string, string>> {
  const timestamp = String(opts.now ?? Date.now());
  const nonce = newNonce();
  const bodyHash = await sha256Hex(opts.body ?? '');
  const signature = await signCanonical(opts.secret, canonicalRequest(opts.method, opts.pathAndQuery, timestamp, nonce, bodyHash));
  return {
    [SIGNING_HEADERS.terminal]: opts.terminalId,
    [SIGNING_HEADERS.timestamp]: timestamp,
    [SIGNING_HEADERS.nonce]: nonce,
    [SIGNING_HEADERS.signature]: signature,
  };
}
