import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { OBSERVED_FETCH } from '../../common/observed-fetch';
import { httpTransport, TransportFailure, transportFor, type OutgoingRequest } from './transport';

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(null));
  server = null;
});

/** A loopback server answering with `handle`; counts the connections it accepted. */
async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void) {
  let requests = 0;
  const seen = { connections: 0 };
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(Object.assign(req, { received: Buffer.concat(chunks) }), res, ++requests));
  });
  server.on('connection', () => seen.connections++);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/x?a=1`), seen };
}

const request = (url: URL, over: Partial<OutgoingRequest> = {}): OutgoingRequest => ({
  url,
  method: 'POST',
  headers: { 'x-test': '1' },
  body: new TextEncoder().encode('hello'),
  timeoutMs: 2000,
  ...over,
});
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TransportFailure ? e.message : `not a transport failure: ${String(e)}`),
  );

describe('node:http transport', () => {
  it('delivers status, headers and body both ways, reusing one kept-alive connection', async () => {
    const { url, seen } = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-echo', `${req.method} ${req.url} ${req.headers['x-test']}`);
      res.end(JSON.stringify({ got: (req as http.IncomingMessage & { received: Buffer }).received.toString() }));
    });
    const before = timers();
    for (let i = 0; i < 3; i++) {
      const a = await httpTransport(request(url));
      expect(a.status).toBe(200);
      expect(a.headers.get('x-echo')).toBe('POST /api/x?a=1 1');
      expect(JSON.parse(a.body.toString())).toEqual({ got: 'hello' });
    }
    expect(seen.connections).toBe(1);
    // one timer per request, cleared when it is answered
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('fails a request central does not answer in time, and leaves no timer behind', async () => {
    const { url } = await serve(() => {});
    const before = timers();
    expect(await failureOf(httpTransport(request(url, { timeoutMs: 100 })))).toBe('TimeoutError');
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('fails an answer cut off mid-body as incomplete, not as an answer', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '100' });
      res.write(Buffer.alloc(10));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await failureOf(httpTransport(request(url)))).toMatch(/^incomplete answer/);
  });

  it('names a refused connection and an aborted request', async () => {
    expect(await failureOf(httpTransport(request(new URL('http://127.0.0.1:9/x'))))).toBe('ECONNREFUSED');
    const { url } = await serve(() => {});
    const stop = new AbortController();
    const pending = failureOf(httpTransport(request(url, { signal: stop.signal })));
    setTimeout(() => stop.abort(), 20);
    expect(await pending).toBe('AbortError');
  });

  it('sends again on a fresh connection when a kept-alive one was closed under the request', async () => {
    const { url, seen } = await serve((req, res, n) => {
      if (n === 2) req.socket.destroy();
      else res.end('ok');
    });
    expect((await httpTransport(request(url))).body.toString()).toBe('ok');
    expect((await httpTransport(request(url))).body.toString()).toBe('ok');
    expect(seen.connections).toBe(2);
  });

  it("reads an answer without fetch's Headers, so an answered catalog sync at boot does not make Node load undici", async () => {
    // Bundled as the production build bundles it (builtins by require(): an ESM import of node:http
    // alone compiles undici) and run in a process of its own (the test runner has undici loaded).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-undici-'));
    const out = path.join(dir, 'answer.cjs');
    try {
      await build({
        stdin: {
          resolveDir: import.meta.dirname,
          contents: `
            const http = require('node:http');
            const { httpTransport } = require('./transport');
            const undici = () => process.moduleLoadList.some((m) => m.includes('undici'));
            const s = http.createServer((q, r) => { r.setHeader('ETag', '"v1"'); r.setHeader('Set-Cookie', ['a=1', 'b=2']); r.end('ok'); });
            s.listen(0, '127.0.0.1', async () => {
              const res = await httpTransport({ url: new URL('http://127.0.0.1:' + s.address().port + '/'), method: 'GET', headers: {}, body: null, timeoutMs: 5000 });
              const seen = { status: res.status, etag: res.headers.get('ETag'), cookies: res.headers.get('set-cookie'), missing: res.headers.get('retry-after'), undici: undici() };
              new Headers();
              console.log(JSON.stringify({ ...seen, control: undici() }));
              process.exit(0);
            });`,
        },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: out,
        logLevel: 'silent',
      });
      const r = spawnSync(process.execPath, [out], { encoding: 'utf8', timeout: 30_000 });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ status: 200, etag: '"v1"', cookies: 'a=1, b=2', missing: null, undici: false, control: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('stays on node:http when a library replaced the global fetch, and goes through one marked as watching the kiosk', async () => {
    const { url } = await serve((_req, res) => res.end('ok'));
    const platform = globalThis.fetch;
    let fetched = 0;
    const wrapper = (input: string | URL | Request, init?: RequestInit) => {
      fetched++;
      return platform(input, init);
    };
    try {
      // What @hono/node-server does when it loads (after this module, in the backend's graph).
      globalThis.fetch = wrapper;
      expect((await transportFor(undefined)(request(url))).body.toString()).toBe('ok');
      expect(fetched).toBe(0);
      // The kiosk tests' contract check: marked, so the kiosk's calls go through it.
      globalThis.fetch = Object.assign(wrapper, { [OBSERVED_FETCH]: true as const });
      expect((await transportFor(undefined)(request(url))).body.toString()).toBe('ok');
      expect(fetched).toBe(1);
    } finally {
      globalThis.fetch = platform;
    }
  });
});
