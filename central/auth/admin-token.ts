// The operators' admin routes (cases, releases, staff): a bearer token compared in constant time.
import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { problem } from '../http-helpers';

export function requireAdminToken(adminToken: string): MiddlewareHandler {
  const expected = Buffer.from(`Bearer ${adminToken}`);
  return async (c, next) => {
    const got = Buffer.from(c.req.header('authorization') ?? '');
    if (got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) return problem(c, 401, 'unauthorized', '需要管理令牌 / admin token required');
    await next();
  };
}
