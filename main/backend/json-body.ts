// The one way a route reads a JSON body: media type checked, size capped while reading (before
// any parsing), malformed JSON answered 400 with a reason, then the zod schema. Routes read
// `c.req.valid('json')` as with `validate('json', …)`, whose type this helper keeps.
import type { Context, MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import { BodyTooLargeError, JSON_BODY_MAX, readCapped, tooLarge } from './body-limit';
import { validate } from './validate';

const JSON_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

function invalid(c: Context, error: 'not-json' | 'unsupported-media-type', status: 400 | 415, message: string) {
  return c.json({ error, message }, status);
}

export function jsonBody<T extends ZodType>(schema: T, opts: { maxBytes?: number } = {}): ReturnType<typeof validate<T, 'json'>> {
  const maxBytes = opts.maxBytes ?? JSON_BODY_MAX;
  const handler: MiddlewareHandler = async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) return invalid(c, 'unsupported-media-type', 415, '请求体应为 JSON / the body must be application/json');
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(c.req.raw, maxBytes);
    } catch (e) {
      if (e instanceof BodyTooLargeError) return tooLarge(c, e.limit);
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return invalid(c, 'not-json', 400, '请求体不是合法的 JSON / the body is not valid JSON');
    }
    const r = schema.safeParse(json);
    if (!r.success)
      return c.json(
        {
          error: 'invalid-request' as const,
          message: '请求内容不符合要求 / the request is not valid',
          issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
        400,
      );
    c.req.addValidatedData('json', r.data as object);
    await next();
  };
  return handler as unknown as ReturnType<typeof validate<T, 'json'>>;
}
