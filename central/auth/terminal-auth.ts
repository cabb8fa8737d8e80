// Verifies a kiosk's signed request (see common/request-signing.ts): known terminal, fresh
// timestamp, correct HMAC over method, path, timestamp, nonce and body hash, and a nonce never
// seen before. The verified terminal id is what every handler scopes its data by.
import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { canonicalRequest, MAX_CLOCK_SKEW_MS, sha256Hex, signCanonical, SIGNING_HEADERS } from '../../common/request-signing';
import type { CentralStore } from '../store';
import { NonceGuard } from './nonce-guard';

export type AuthVariables = { terminalId: string; rawBody: Uint8Array };

function reject(error: string, message: string, extra: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ error, message, ...extra }), { status: 401, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

export function terminalAuth(store: CentralStore, now: () => number = Date.now): MiddlewareHandler<{ Variables: AuthVariables }> {
  const nonces = new NonceGuard(store);
  return async (c, next) => {
    const terminalId = c.req.header(SIGNING_HEADERS.terminal);
    const timestamp = c.req.header(SIGNING_HEADERS.timestamp);
    const nonce = c.req.header(SIGNING_HEADERS.nonce);
    const signature = c.req.header(SIGNING_HEADERS.signature);
    if (!terminalId || !timestamp || !nonce || !signature) return reject('unsigned', '请求未签名 / request is not signed');
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return reject('bad-nonce', '随机数格式不正确 / malformed nonce');
    const secret = store.terminalSecret(terminalId);
    if (!secret) return reject('unknown-terminal', '终端未登记或已停用 / terminal not registered or disabled');
    const ts = Number(timestamp);
    const t = now();
    if (!Number.isSafeInteger(ts) || Math.abs(t - ts) > MAX_CLOCK_SKEW_MS)
      return reject('clock-skew', '终端时钟与中心相差过大 / terminal clock is off', { serverTime: new Date(t).toISOString() });
    const body = new Uint8Array(await c.req.arrayBuffer());
    const url = new URL(c.req.url);
    const expected = await signCanonical(secret, canonicalRequest(c.req.method, url.pathname + url.search, timestamp, nonce, await sha256Hex(body)));
    const a = Buffer.from(expected);
    const b = Buffer.from(signature);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return reject('bad-signature', '签名不正确 / bad signature');
    // Checked last, so a forged request cannot burn a genuine terminal's nonce.
    if (!nonces.use(terminalId, nonce, t)) return reject('replayed', '重复的请求已拒绝 / replayed request refused');
    c.set('terminalId', terminalId);
    c.set('rawBody', body);
    await next();
  };
}
