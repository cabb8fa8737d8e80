// Verifies a kiosk's signed request (see common/request-signing.ts): known terminal, fresh
// timestamp, a correct signature over method, path, timestamp, nonce and body digest — HMAC with
// the terminal's secret (`international`) or SM2 with its registered public key (`sm`) — the
// suite the terminal is registered for, and a nonce never seen before. The verified terminal id
// is what every handler scopes its data by.
// An unknown (or disabled) terminal gets exactly the answer of a wrong signature, after the same
// work against a throw-away secret or key: neither the answer nor its timing tells a prober which
// terminal ids exist. A terminal registered for `sm` that signs with another suite is refused
// (`suite-mismatch`) unless central gave it a transition window that is still open: no silent
// downgrade. That check comes after the signature, so it tells nothing to someone who cannot sign.
import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { SuiteTag } from '../../common/crypto-suite/suite';
import { contentDigestOfHex } from '../../common/content-digest';
import { createCryptoSuite } from '../../common/crypto-suite/create-suite';
import { bodyDigestHex, canonicalRequest, CENTRAL_SUITE_HEADER, hexToBytes, MAX_CLOCK_SKEW_MS, SIGNING_HEADERS, verifyCanonicalWithKey } from '../../common/request-signing';
import type { CentralStore } from '../store';
import { nonceGuard } from './nonce-guard';
import { signedPathAndQuery } from './request-target';
import { suiteAllowed } from './suite-allowed';

export type AuthVariables = {
  terminalId: string;
  rawBody: Uint8Array;
  /**
   * `rawBody`'s digest as the signature check made it, in content-digest form (its algorithm in
   * its prefix, common/content-digest.ts): a route that needs the body's digest in that algorithm
   * (a one-chunk attachment) takes it from here instead of hashing the same bytes again.
   */
  bodyDigest: string;
  suite: SuiteTag;
};

function reject(error: string, message: string, extra: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ error, message, ...extra }), { status: 401, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

/** The one answer for "no such terminal" and "wrong signature". */
const BAD_CREDENTIALS = ['bad-credentials', '终端凭据无效（终端未登记、已停用或签名不正确） / terminal credentials refused (unknown or disabled terminal, or bad signature)'] as const;

/** Milliseconds since the epoch in plain decimal digits: no sign, hex, exponent, fraction or leading zero. */
const TIMESTAMP = /^[1-9][0-9]{0,14}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

// The international suite's SHA-256 and HMAC through node:crypto: the same bytes as the Web
// Crypto of common/request-signing.ts (which the kiosk's shared code uses), without a promise and
// a thread-pool job per call, and without re-importing an HMAC key whenever more than 100
// terminals report (its key cache holds 100). `--cpu-prof` of central in bench/fleet.bench.ts:
// Web Crypto was the largest single cost of a heartbeat.
function sha256HexNode(body: Uint8Array): string {
  return crypto.hash('sha256', body, 'hex');
}

function hmacNode(key: crypto.KeyObject, canonical: string): string {
  return crypto.createHmac('sha256', key).update(canonical).digest('base64url');
}

/**
 * Terminals' HMAC keys as key objects, by the credentials object they came with (as the SM2 keys
 * below): a string secret is turned into a key object again by every createHmac.
 */
const hmacKeys = new WeakMap<object, crypto.KeyObject>();

function hmacKeyOf(terminal: { secret: string }): crypto.KeyObject {
  let key = hmacKeys.get(terminal);
  if (!key) {
    key = crypto.createSecretKey(Buffer.from(terminal.secret, 'utf8'));
    hmacKeys.set(terminal, key);
  }
  return key;
}

/**
 * Registered SM2 keys as bytes, by the credentials object they came with: the store keeps that
 * object while the terminal's row is unchanged, so a new key (or a re-registration) is a new entry.
 */
const sm2KeyBytes = new WeakMap<object, Uint8Array>();

function sm2KeyOf(terminal: { sm2PublicKey: string | null }): Uint8Array | null {
  if (!terminal.sm2PublicKey) return null;
  let key = sm2KeyBytes.get(terminal);
  if (!key) {
    key = hexToBytes(terminal.sm2PublicKey);
    sm2KeyBytes.set(terminal, key);
  }
  return key;
}

export function terminalAuth(store: CentralStore, now: () => number = Date.now): MiddlewareHandler<{ Variables: AuthVariables }> {
  const nonces = nonceGuard(store);
  // Per process, never stored: what an unknown terminal's request is checked against.
  const dummySecret = crypto.createSecretKey(Buffer.from(crypto.randomBytes(32).toString('base64url'), 'utf8'));
  const sm = createCryptoSuite('sm', { nodeCrypto: crypto });
  const dummyPublicKey = sm.generateSigningKeyPair().publicKey;
  return async (c, next) => {
    const terminalId = c.req.header(SIGNING_HEADERS.terminal);
    const timestamp = c.req.header(SIGNING_HEADERS.timestamp);
    const nonce = c.req.header(SIGNING_HEADERS.nonce);
    const signature = c.req.header(SIGNING_HEADERS.signature);
    if (!terminalId || !timestamp || !nonce || !signature) return reject('unsigned', '请求未签名 / request is not signed');
    const suite = c.req.header(SIGNING_HEADERS.suite) ?? 'international';
    if (suite !== 'international' && suite !== 'sm') return reject('bad-suite', '未知的密码套件 / unknown crypto suite (international or sm)');
    if (!NONCE.test(nonce)) return reject('bad-nonce', '随机数格式不正确 / malformed nonce');
    if (!TIMESTAMP.test(timestamp)) return reject('bad-timestamp', '时间戳应为十进制毫秒数 / timestamp must be decimal milliseconds');
    const ts = Number(timestamp);
    const t = now();
    if (Math.abs(t - ts) > MAX_CLOCK_SKEW_MS) return reject('clock-skew', '终端时钟与中心相差过大 / terminal clock is off', { serverTime: new Date(t).toISOString() });
    const terminal = store.terminalCredentials(terminalId);
    const body = new Uint8Array(await c.req.arrayBuffer());
    const digestHex = suite === 'sm' ? await bodyDigestHex(sm, body) : sha256HexNode(body);
    const canonical = canonicalRequest(c.req.method, signedPathAndQuery(c.req.url), timestamp, nonce, digestHex, suite);
    let matches: boolean;
    if (suite === 'international') {
      const a = Buffer.from(hmacNode(terminal ? hmacKeyOf(terminal) : dummySecret, canonical));
      const b = Buffer.from(signature);
      matches = a.length === b.length && crypto.timingSafeEqual(a, b);
    } else {
      const key = terminal ? sm2KeyOf(terminal) : null;
      matches = verifyCanonicalWithKey(sm, key ?? dummyPublicKey, canonical, signature) && key !== null;
    }
    if (!terminal || !matches) return reject(...BAD_CREDENTIALS);
    if (!suiteAllowed(terminal, suite, t))
      return reject(
        'suite-mismatch',
        '本终端登记为国密套件（SM2/SM3/SM4），中心拒绝以其他套件签名的请求 / this terminal is registered for the sm suite: requests signed with another suite are refused',
        {
          requiredSuite: terminal.suite,
        },
      );
    // Checked last, so a forged request cannot burn a genuine terminal's nonce.
    if (!nonces.use(terminalId, nonce, t)) return reject('replayed', '重复的请求已拒绝 / replayed request refused');
    c.set('terminalId', terminalId);
    c.set('rawBody', body);
    c.set('bodyDigest', contentDigestOfHex(suite, digestHex));
    c.set('suite', suite);
    await next();
    // Tells the terminal which suite its request was checked with: an sm terminal refuses anything else.
    c.res.headers.set(CENTRAL_SUITE_HEADER, suite);
  };
}
