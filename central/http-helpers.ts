// One error shape for every central answer, and body parsing from the bytes the signature
// check already read (so the body that was verified is exactly the body that is used).
import type { Context } from 'hono';
import type { ZodType, z } from 'zod';

export type Issue = { path: string; message: string };

export function issuesOf(e: z.ZodError): Issue[] {
  return e.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function problem(c: Context, status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500 | 503, error: string, message: string, issues?: Issue[]) {
  return c.json({ error, message, ...(issues ? { issues } : {}) }, status);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** `application/json`, optionally with parameters (`; charset=utf-8`); not `application/jsonx`. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return /^application\/json[ \t]*(;.*)?$/i.test(contentType ?? '');
}

/**
 * Parses a JSON body (given as bytes) with a schema; answers 400 with reasons if it does not fit.
 * `fast`, when given, is a hand-written check that returns what the schema would return, or
 * undefined where the schema refuses (which then words the refusal); see fleet/heartbeat-check.ts.
 */
export function parseJsonBody<S extends ZodType>(c: Context, raw: Uint8Array, schema: S, fast?: (json: unknown) => z.output<S> | undefined): Parsed<z.output<S>> {
  if (!isJsonMediaType(c.req.header('content-type'))) return { ok: false, response: problem(c, 415, 'unsupported-media-type', '请求体应为 JSON / the body must be application/json') };
  let json: unknown;
  try {
    // A view of the verified bytes, not a copy.
    json = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
  } catch (e) {
    return { ok: false, response: problem(c, 400, 'not-json', `请求体不是合法 JSON / body is not valid JSON: ${(e as Error).message}`) };
  }
  const checked = fast?.(json);
  if (checked !== undefined) return { ok: true, value: checked };
  const r = schema.safeParse(json);
  if (!r.success) return { ok: false, response: problem(c, 400, 'invalid-request', '请求内容不符合要求 / the request is not valid', issuesOf(r.error)) };
  return { ok: true, value: r.data };
}

/**
 * Reads and parses the JSON body of an unsigned (admin) route. A body over the route's limit
 * propagates as the body limit's error, so it answers 413, not "not JSON".
 */
export async function readJsonBody<S extends ZodType>(c: Context, schema: S): Promise<Parsed<z.output<S>>> {
  if (!isJsonMediaType(c.req.header('content-type'))) return { ok: false, response: problem(c, 415, 'unsupported-media-type', '请求体应为 JSON / the body must be application/json') };
  return parseJsonBody(c, new Uint8Array(await c.req.arrayBuffer()), schema);
}

export function parseWith<S extends ZodType>(c: Context, value: unknown, schema: S): Parsed<z.output<S>> {
  const r = schema.safeParse(value);
  if (!r.success) return { ok: false, response: problem(c, 400, 'invalid-request', '请求参数不符合要求 / invalid parameters', issuesOf(r.error)) };
  return { ok: true, value: r.data };
}
