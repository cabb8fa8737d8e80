// The one way a route reads a JSON body: media type checked, size capped while reading (before
// any parsing), malformed JSON answered 400 with a reason, then the zod schema. Routes read
// `c.req.valid('json')` as with `validate('json', …)`, whose type this helper keeps.
import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import { BodyTooLargeError, JSON_BODY_MAX, readCapped, tooLarge } from './body-limit';
import { refuse } from './http/refusals';
import { invalidRequest, validate } from './validate';

const JSON_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

export function jsonBody<T extends ZodType>(schema: T, opts: { maxBytes?: number } = {}): ReturnType<typeof validate<T, 'json'>> {
  const maxBytes = opts.maxBytes ?? JSON_BODY_MAX;
  const handler: MiddlewareHandler = async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) return refuse(c, 'http', { kind: 'unsupported-media-type' });
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
      return refuse(c, 'http', { kind: 'not-json' });
    }
    const r = schema.safeParse(json);
    if (!r.success) return invalidRequest(c, r.error);
    c.req.addValidatedData('json', r.data as object);
    await next();
  };
  return handler as unknown as ReturnType<typeof validate<T, 'json'>>;
}
