// Request bodies are read against a cap, and the reading stops at the cap: a 600 MB body is
// refused after its first megabyte, never buffered whole (it held the process at 1.4 GB RSS).
import type { Context } from 'hono';
import { refuse } from './http/refusals';

/** The default for JSON bodies; routes that need less say so, uploads have their own caps. */
export const JSON_BODY_MAX = 1024 * 1024;
/** Small control bodies (a PIN, a session id, a reason). */
export const SMALL_JSON_MAX = 16 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/**
 * Reads the whole body if it fits in `limit` bytes. A declared Content-Length over the limit is
 * refused before a byte is read; a chunked body is cancelled as soon as it passes the limit.
 */
export async function readCapped(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    await req.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** `too-large` with the cap in bytes (the renderer words it). */
export function tooLarge(c: Context, limit: number) {
  return refuse(c, 'http', { kind: 'too-large', limit });
}
