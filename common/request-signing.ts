// Per-terminal request signing between kiosk and central over method, path, a timestamp, a
// one-time nonce and the body's digest. Two suites (issue 16): `international` is HMAC-SHA256
// with the terminal's shared secret over the body's SHA-256 (Web Crypto); `sm` is an SM2
// signature with the terminal's own key pair over the body's SM3, the suite named in the
// x-kiosk-suite header and inside what is signed, so it cannot be relabelled. Central rejects
// stale timestamps and any nonce it has seen, so a captured request cannot be replayed.
import type { CryptoSuite, SigningKeyPair, SuiteTag } from './crypto-suite/suite';

export const SIGNING_HEADERS = {
  terminal: 'x-kiosk-terminal',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
  /** the suite that made the signature; absent means `international` (terminals before issue 16) */
  suite: 'x-kiosk-suite',
} as const;

/** On central's answers to signed requests: the suite central checked the request with. */
export const CENTRAL_SUITE_HEADER = 'x-central-suite';

/** What a terminal signs with: its shared secret (international) or its SM2 key pair (sm). */
export type RequestCredentials = { suite: 'international'; secret: string } | { suite: 'sm'; keyPair: SigningKeyPair; crypto: CryptoSuite };

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

/**
 * The text that is signed. `international` keeps the five lines terminals have always signed;
 * `sm` adds the suite as a sixth, so an SM2 signature can never be taken for another suite's.
 */
export function canonicalRequest(method: string, pathAndQuery: string, timestamp: string, nonce: string, bodyDigest: string, suite: SuiteTag = 'international'): string {
  const lines = [method.toUpperCase(), pathAndQuery, timestamp, nonce, bodyDigest];
  if (suite !== 'international') lines.push(suite);
  return lines.join('\n');
}

/** The body's digest as the suite signs it: hex SHA-256 (international, Web Crypto) or hex SM3. */
export async function bodyDigestHex(suite: CryptoSuite | null, body: Uint8Array | string): Promise<string> {
  if (!suite || suite.tag === 'international') return sha256Hex(body);
  return bytesToHex(suite.digest(typeof body === 'string' ? enc.encode(body) : body));
}

/** A key-pair signature (SM2 for `sm`) of the canonical request: base64url of the suite-tagged signature. */
export function signCanonicalWithKey(suite: CryptoSuite, keyPair: SigningKeyPair, canonical: string): string {
  return toBase64Url(suite.sign(keyPair, enc.encode(canonical)).slice().buffer);
}

/** Whether `signature` (base64url) is `suite`'s signature of `canonical` by `publicKey`. Never throws. */
export function verifyCanonicalWithKey(suite: CryptoSuite, publicKey: Uint8Array, canonical: string, signature: string): boolean {
  const raw = fromBase64Url(signature);
  return raw !== null && suite.verify(publicKey, enc.encode(canonical), raw);
}

export function bytesToHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(s)) return null;
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
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
export async function signRequest(opts: {
  terminalId: string;
  credentials: RequestCredentials;
  method: string;
  pathAndQuery: string;
  body: Uint8Array | string | null;
  now?: number;
  /**
   * The body's digest as `bodyDigestHex` makes it, when the caller has a faster way to make it
   * from the same bytes (the kiosk: node:crypto instead of Web Crypto, which copies each body).
   */
  bodyDigest?: (body: Uint8Array) => string;
  /** The international suite's HMAC as `signCanonical` makes it, when the caller has a faster way (the kiosk: node:crypto). */
  hmac?: (secret: string, canonical: string) => string;
}): Promise<Record<string, string>> {
  const timestamp = String(opts.now ?? Date.now());
  const nonce = newNonce();
  const cred = opts.credentials;
  const impl = cred.suite === 'international' ? null : cred.crypto;
  const body = opts.body ?? '';
  const digest = opts.bodyDigest ? opts.bodyDigest(typeof body === 'string' ? enc.encode(body) : body) : await bodyDigestHex(impl, body);
  const canonical = canonicalRequest(opts.method, opts.pathAndQuery, timestamp, nonce, digest, cred.suite);
  const signature =
    cred.suite === 'international' ? (opts.hmac ? opts.hmac(cred.secret, canonical) : await signCanonical(cred.secret, canonical)) : signCanonicalWithKey(cred.crypto, cred.keyPair, canonical);
  return {
    [SIGNING_HEADERS.terminal]: opts.terminalId,
    [SIGNING_HEADERS.timestamp]: timestamp,
    [SIGNING_HEADERS.nonce]: nonce,
    [SIGNING_HEADERS.signature]: signature,
    [SIGNING_HEADERS.suite]: cred.suite,
  };
}
