// Request bodies: one cap per route enforced while reading (a huge body is cut off early, never
// buffered), malformed JSON answered 400 with a reason (it was 500), wrong media type 415.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLoopback, type LoopbackServer } from './host/serve-loopback';
import { JSON_BODY_MAX, SMALL_JSON_MAX } from './body-limit';
import { tempKiosk, type TempKiosk } from './test-support/temp-kiosk';

let k: TempKiosk;
let server: LoopbackServer;
beforeAll(async () => {
  k = await tempKiosk();
  server = await serveLoopback(k.fetch);
});
afterAll(async () => {
  await server?.close();
  await k?.close();
});

const CHUNK = 64 * 1024;
/** A chunked body produced on demand, so the test sees how much the backend pulled. */
function endlessBody(total: number) {
  const sent = { bytes: 0 };
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent.bytes >= total) return controller.close();
      sent.bytes += CHUNK;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent };
}

const post = (p: string, body: BodyInit, type = 'application/json') => k.get(p, { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' } as RequestInit);

describe('JSON bodies', () => {
  it('answers malformed JSON with 400 and a reason on every kind of route, never 500', async () => {
    for (const p of ['/api/system/session/end', '/api/progress/lookup', '/api/journey/submit', '/api/journey/rating', '/api/helper/session', '/api/usage/end']) {
      const r = await post(p, '{"reason": "finish"');
      expect(r.status, p).toBe(400);
      const body = await r.json();
      // a code in the http area, worded by the renderer (renderer/src/i18n/http-words.ts)
      expect(body, p).toEqual({ error: 'not-json', area: 'http' });
    }
  });

  it('answers an unknown API path with the http area’s not-found code, no backend sentence', async () => {
    const r = await k.get('/api/no-such-route');
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: 'not-found', area: 'http' });
  });

  it('refuses a body that is not application/json with 415 instead of validating an empty object', async () => {
    const r = await post('/api/system/session/end', '{"reason":"finish"}', 'text/plain');
    expect(r.status).toBe(415);
    expect(await r.json()).toEqual({ error: 'unsupported-media-type', area: 'http' });
  });

  it('reads the 好差评 body through the capped helper too (it was parsed uncapped, whole)', async () => {
    expect((await post('/api/journey/rating', '{"receiptNo":"x","rating":5}', 'text/plain')).status).toBe(415);
    const { stream, sent } = endlessBody(64 * 1024 * 1024);
    const r = await post('/api/journey/rating', stream);
    expect(r.status).toBe(413);
    expect(sent.bytes).toBeLessThanOrEqual(JSON_BODY_MAX + 2 * CHUNK);
  });

  it('stops reading a chunked body at the route cap and answers 413 (default 1 MiB)', async () => {
    const { stream, sent } = endlessBody(64 * 1024 * 1024);
    const r = await post('/api/journey/submit', stream);
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ error: 'too-large', area: 'http', limit: JSON_BODY_MAX });
    expect(sent.bytes).toBeLessThanOrEqual(JSON_BODY_MAX + 2 * CHUNK);
  });

  it('caps small control routes lower than the default', async () => {
    const { stream, sent } = endlessBody(4 * 1024 * 1024);
    const r = await post('/api/helper/session', stream);
    expect(r.status).toBe(413);
    expect(sent.bytes).toBeLessThanOrEqual(SMALL_JSON_MAX + 2 * CHUNK);
  });

  it('caps a document-camera page upload at the page limit while streaming it', async () => {
    const { stream, sent } = endlessBody(64 * 1024 * 1024);
    const r = await post('/api/devices/camera/pages', stream, 'image/png');
    expect(r.status).toBe(413);
    expect(sent.bytes).toBeLessThanOrEqual(10 * 1024 * 1024 + 2 * CHUNK);
  });

  it('reads every JSON body through the one helper (no route parses a body on its own)', () => {
    const dir = path.join(import.meta.dirname, 'routes');
    for (const f of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/validate\(\s*'json'|c\.req\.(json|text|arrayBuffer|blob|formData|parseBody)\(/);
    }
  });
});

describe('over the loopback socket', () => {
  function send(headers: Record<string, string>, chunks: number): Promise<{ status: number; written: number }> {
    return new Promise((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = http.request(
        { host: '127.0.0.1', port: server.port, path: '/api/journey/submit', method: 'POST', headers: { authorization: `Bearer ${server.secret}`, 'content-type': 'application/json', ...headers } },
        (res) => {
          answered = true;
          res.resume();
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, written });
          });
        },
      );
      req.on('error', (e) => (answered ? undefined : reject(e)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (!answered && written < chunks * chunk.length) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  it('refuses a declared 600 MB body at once and a chunked 600 MB body early, without the process growing', async () => {
    const rss = process.memoryUsage().rss;
    const declared = await send({ 'content-length': String(600 * 1024 * 1024) }, 600);
    expect(declared.status).toBe(413);
    const chunked = await send({ 'transfer-encoding': 'chunked' }, 600);
    expect(chunked.status).toBe(413);
    expect(chunked.written).toBeLessThan(100 * 1024 * 1024);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });
});
