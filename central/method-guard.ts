// Before authentication, the OpenAPI document decides what exists: a path it does not list
// answers 404, and a documented path asked with a method it does not have answers 405 with
// Allow. Either used to reach the signature check and answer 401 `unsigned`, which a kiosk
// takes for broken credentials (it stops syncing). A route is reachable only once documented.
import type { MiddlewareHandler } from 'hono';
import { problem } from './http-helpers';
import { allowHeader, pathMatcher } from './openapi-paths';

export function methodGuard(doc: { paths: Record<string, Record<string, unknown>> }): MiddlewareHandler {
  const match = pathMatcher(doc);
  return async (c, next) => {
    const m = match(c.req.path);
    if (!m) return problem(c, 404, 'not-found', '无此接口 / no such endpoint');
    const method = c.req.method.toLowerCase();
    if (!m.methods.includes(method) && !(method === 'head' && m.methods.includes('get'))) {
      c.header('Allow', allowHeader(m.methods));
      return problem(c, 405, 'method-not-allowed', `此接口不支持 ${c.req.method} / method not allowed; allowed: ${allowHeader(m.methods)}`);
    }
    await next();
  };
}
