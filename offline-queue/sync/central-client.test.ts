import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCentralApp, type CheckedApp } from '../../central/test-support/checked-app';
import { FaultInjector } from '../../central/faults';
import { CentralStore } from '../../central/store';
import { tempDir } from '../test-support/harness';
import { CentralClient } from './central-client';

const T = { terminalId: 'KSK0009', secret: 's'.repeat(43) };
let dir: string;
let store: CentralStore;
beforeEach(() => {
  dir = tempDir('client-');
  store = new CentralStore(path.join(dir, 'c.db'));
  store.registerTerminal(T.terminalId, T.secret);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function client(app: CheckedApp, secret = T.secret) {
  return new CentralClient({ baseUrl: 'http://central.test', terminalId: T.terminalId, secret, fetch: (url, init) => Promise.resolve(app.fetch(new Request(url, init))) });
}

describe('central client', () => {
  it('corrects a terminal clock that is hours off from central’s answer and signs again', async () => {
    const app = testCentralApp({ store, now: () => Date.now() + 3 * 3600_000 });
    const r = await client(app).call('caseFeed', { query: { after: 0 } });
    expect(r.ok).toBe(true);
  });

  it('signs a page sent whole with the digest it is given, and ignores one of another suite', async () => {
    const app = testCentralApp({ store });
    const page = crypto.randomBytes(4096);
    const sha = crypto.createHash('sha256').update(page).digest('hex');
    const send = (bytesDigest: string) =>
      client(app).call('attachmentChunk', { params: { sha256: sha }, query: { offset: 0, size: page.length, mime: 'image/jpeg', name: 'm-1.jpg' }, bytes: page, bytesDigest });
    // Central hashes what it received: a digest that is not the body's fails the signature.
    expect(await send(crypto.createHash('sha256').update('other').digest('hex'))).toMatchObject({ ok: false, failure: { kind: 'auth', error: 'bad-credentials' } });
    // An SM3 digest is not this (international) terminal's hash: the body is hashed instead.
    expect(await send(`sm3:${'0'.repeat(64)}`)).toMatchObject({ ok: true, body: { complete: true } });
    expect(await send(sha)).toMatchObject({ ok: true, body: { complete: true } });
  });

  it('sorts failures into what the sync engine treats differently', async () => {
    const faults = new FaultInjector();
    const app = testCentralApp({ store, faults });
    faults.update({ unavailableRate: 1, retryAfterSec: 7 });
    expect(await client(app).call('caseFeed')).toMatchObject({ ok: false, failure: { kind: 'unavailable', status: 503, retryAfterMs: 7000 } });
    faults.reset();
    expect(await client(app, 'x'.repeat(43)).call('caseFeed')).toMatchObject({ ok: false, failure: { kind: 'auth', error: 'bad-credentials' } });
    expect(await client(app).call('caseDetail', { params: { caseNo: 'AJ20261122000001' } })).toMatchObject({ ok: false, failure: { kind: 'rejected', status: 404 } });
    const refused = new CentralClient({ baseUrl: 'http://127.0.0.1:9', ...T });
    expect(await refused.call('caseFeed')).toMatchObject({ ok: false, failure: { kind: 'network' } });
  });

  it('returns answers parsed by the call’s schema, and fails an answer that breaks the contract as invalid', async () => {
    const app = testCentralApp({ store });
    const feed = await client(app).call('caseFeed', { query: { after: 0 } });
    if (!feed.ok) throw new Error('caseFeed failed');
    // typed: no re-validation at the call site
    expect(feed.body.cursor).toBe(0);
    expect(feed.body.events).toEqual([]);

    const lying = new CentralClient({
      baseUrl: 'http://central.test',
      ...T,
      fetch: () => Promise.resolve(new Response(JSON.stringify({ events: 'nope' }), { status: 200, headers: { 'content-type': 'application/json' } })),
    });
    expect(await lying.call('caseFeed')).toEqual({ ok: false, failure: { kind: 'invalid', status: 200, message: '中心系统答复异常 / central sent an unexpected answer' } });
  });

  it('reads a 304 as not modified only for the calls sent with If-None-Match', async () => {
    const notModified = new CentralClient({ baseUrl: 'http://central.test', ...T, fetch: () => Promise.resolve(new Response(null, { status: 304 })) });
    expect(await notModified.call('calendar', { params: { year: 2026 } })).toMatchObject({ ok: true, status: 304, notModified: true, body: null });
    expect(await notModified.call('caseFeed')).toMatchObject({ ok: false, failure: { kind: 'invalid', status: 304 } });
  });
});
