// The one way the renderer reads a backend answer: the typed client's response becomes a Result whose
// success value and refusals are inferred from the API type, so no screen restates or casts a
// response shape. A refusal always carries `error` and `message`: the backend's code, worded by the
// string table (i18n/refusals.ts, by the answer's `area` and code) where the backend sends only the code, the backend's own message
// where it still sends one, or a generic pair for answers no route declares (middleware 403/413/500,
// a proxy's 502).
import type { ClientResponse } from 'hono/client';
import { err, ok, type Result } from '../../common/result';
import { refusalText } from './i18n/refusals';

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226;
type RefusalStatus = 400 | 401 | 402 | 403 | 404 | 405 | 406 | 408 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 500 | 501 | 502 | 503 | 504;

// A route's `c.json(x)` without a status is typed with every status but answers 200, so any
// member whose status is not purely a refusal counts as success.
type IsRefusal<S> = [Extract<S, SuccessStatus>] extends [never] ? true : false;

type Members<R> = R extends ClientResponse<infer T, infer S, infer F> ? { body: T; status: S; format: F } : never;

/** What a successful answer's JSON parses to. */
export type Success<R> = Members<R> extends infer M ? (M extends { body: infer T; status: infer S } ? (IsRefusal<S> extends true ? never : T) : never) : never;

type Declared<R> =
  Members<R> extends infer M ? (M extends { body: infer T; status: infer S } ? (IsRefusal<S> extends true ? { status: S; error: string; message: string; body: T } : never) : never) : never;
type DeclaredStatus<R> = Declared<R>['status'];

/** A refusal: narrow on `status` to reach a declared body's own fields. */
export type Refusal<R> = Declared<R> | { status: Exclude<RefusalStatus, DeclaredStatus<R>>; error: string; message: string; body: unknown };

/** A refusal of any route, for code that only shows the message. */
export type Problem = { status: number; error: string; message: string };

function field(body: unknown, key: 'error' | 'message' | 'area'): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const v: unknown = (body as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : null;
}

export async function call<R extends Response>(request: Promise<R>): Promise<Result<Success<R>, Refusal<R>>> {
  const res = await request;
  // The one cast in the renderer: the API type is the contract for what a success parses to.
  if (res.ok) return ok((await res.json()) as Success<R>);
  const body: unknown = await res.json().catch(() => null);
  const error = field(body, 'error') ?? `http-${res.status}`;
  const refusal = { status: res.status, error, message: field(body, 'message') ?? refusalText(field(body, 'area'), error, body) ?? `HTTP ${res.status}`, body };
  return err(refusal as Refusal<R>);
}

/** The success value of one endpoint of the typed client, e.g. `Answer<typeof api.system.info.$get>`. */
export type Answer<F extends (...args: never[]) => Promise<Response>> = Success<Awaited<ReturnType<F>>>;

/**
 * For requests whose answer nobody reads (wipes, session ends, usage steps): they must never
 * hold up or break the screen, so a failure is dropped here — the backend's own timers clean up.
 */
export async function send(request: Promise<Response>): Promise<void> {
  try {
    await request;
  } catch {
    // nothing to tell the citizen: see above
  }
}
