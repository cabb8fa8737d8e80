// A documented path asked with a method it does not have answers 405 with Allow, before any
// authentication: a kiosk that got 401 `unsigned` for a wrong method would take its
// credentials for broken and stop syncing. The allowed methods come from the OpenAPI
// document itself, so a route is reachable only once it is documented.
import type { MiddlewareHandler } from 'hono';
import { problem } from './http-helpers';
import { allowHeader, pathMatcher } from './openapi-paths';

export function methodGuard(doc: { paths: Record<string, Record<string, unknown>> }): MiddlewareHandler {
  const match = pathMatcher(doc);
  return async (c, next) => {
    const m = match(c.req.path);
    const method = c.req.method.toLowerCase();
    if (m && !m.methods.includes(method) && !(method === 'head' && m.methods.includes('get'))) {
      c.header('Allow', allowHeader(m.methods));
      return problem(c, 405, 'method-not-allowed', `此接口不支持 ${c.req.method} / method not allowed; allowed: ${allowHeader(m.methods)}`);
    }
    await next();
  };
}
