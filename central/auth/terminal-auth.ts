// Verifies a kiosk's signed request (see common/request-signing.ts): known terminal, fresh
// timestamp, correct HMAC over method, path, timestamp, nonce and body hash, and a nonce never
// seen before. The verified terminal id is what every handler scopes its data by.
// An unknown (or disabled) terminal gets exactly the answer of a wrong signature, after the same
// HMAC work against a throw-away secret: neither the answer nor its timing tells a prober which
// terminal ids exist.
import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { canonicalRequest, MAX_CLOCK_SKEW_MS, sha256Hex, signCanonical, SIGNING_HEADERS } from '../../common/request-signing';
import type { CentralStore } from '../store';
import { NonceGuard } from './nonce-guard';

export type AuthVariables = { terminalId: string; rawBody: Uint8Array };

function reject(error: string, message: string, extra: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ error, message, ...extra }), { status: 401, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

/** The one answer for "no such terminal" and "wrong signature". */
const BAD_CREDENTIALS = ['bad-credentials', '终端凭据无效（终端未登记、已停用或签名不正确） / terminal credentials refused (unknown or disabled terminal, or bad signature)'] as const;

/** Milliseconds since the epoch in plain decimal digits: no sign, hex, exponent, fraction or leading zero. */
const TIMESTAMP = /^[1-9][0-9]{0,14}$/;

export function terminalAuth(store: CentralStore, now: () => number = Date.now): MiddlewareHandler<{ Variables: AuthVariables }> {
  const nonces = new NonceGuard(store);
  // Per process, never stored: the secret an unknown terminal's request is checked against.
  const dummySecret = crypto.randomBytes(32).toString('base64url');
  return async (c, next) => {
    const terminalId = c.req.header(SIGNING_HEADERS.terminal);
    const timestamp = c.req.header(SIGNING_HEADERS.timestamp);
    const nonce = c.req.header(SIGNING_HEADERS.nonce);
    const signature = c.req.header(SIGNING_HEADERS.signature);
    if (!terminalId || !timestamp || !nonce || !signature) return reject('unsigned', '请求未签名 / request is not signed');
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return reject('bad-nonce', '随机数格式不正确 / malformed nonce');
    if (!TIMESTAMP.test(timestamp)) return reject('bad-timestamp', '时间戳应为十进制毫秒数 / timestamp must be decimal milliseconds');
    const ts = Number(timestamp);
    const t = now();
    if (Math.abs(t - ts) > MAX_CLOCK_SKEW_MS) return reject('clock-skew', '终端时钟与中心相差过大 / terminal clock is off', { serverTime: new Date(t).toISOString() });
    const secret = store.terminalSecret(terminalId);
    const body = new Uint8Array(await c.req.arrayBuffer());
    const url = new URL(c.req.url);
    const expected = await signCanonical(secret ?? dummySecret, canonicalRequest(c.req.method, url.pathname + url.search, timestamp, nonce, await sha256Hex(body)));
    const a = Buffer.from(expected);
    const b = Buffer.from(signature);
    const matches = a.length === b.length && crypto.timingSafeEqual(a, b);
    if (!secret || !matches) return reject(...BAD_CREDENTIALS);
    // Checked last, so a forged request cannot burn a genuine terminal's nonce.
    if (!nonces.use(terminalId, nonce, t)) return reject('replayed', '重复的请求已拒绝 / replayed request refused');
    c.set('terminalId', terminalId);
    c.set('rawBody', body);
    await next();
  };
}
