// Central keeps the credentials of terminals that signed correctly, and the nonces it saw, in
// memory (no query per request): a change to a terminal's row must reach the very next request,
// and a nonce seen before a restart must still be refused after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CentralStore } from '../store';
import { centralHarness, type CentralHarness } from '../test-support/central-harness';
import { testCentralApp } from '../test-support/checked-app';
import { signedRequest, testSm2KeyPair } from '../test-support/signed-client';

const probe = { method: 'GET', path: '/v1/cases/feed' };
const KSK2 = { terminalId: 'KSK0002', secret: 'y'.repeat(40) };

describe('cached terminal credentials', () => {
  let h: CentralHarness;
  beforeEach(() => {
    h = centralHarness();
  });
  afterEach(() => h.close());

  it('refuses a terminal disabled after it signed correctly, also when disabled by SQL outside the store', async () => {
    expect((await h.call({ ...probe, ...KSK2 })).status).toBe(200);
    h.store.db.prepare("UPDATE terminals SET disabled = 1 WHERE terminal_id = 'KSK0002'").run();
    const r = await h.call({ ...probe, ...KSK2 });
    expect(r.status).toBe(401);
    expect((await r.json()).error).toBe('bad-credentials');
  });

  it('takes the new secret of a re-registered terminal at once and refuses the old one', async () => {
    expect((await h.call({ ...probe, ...KSK2 })).status).toBe(200);
    h.store.registerTerminal(KSK2.terminalId, 'n'.repeat(40));
    expect((await h.call({ ...probe, ...KSK2 })).status).toBe(401);
    expect((await h.call({ ...probe, terminalId: KSK2.terminalId, secret: 'n'.repeat(40) })).status).toBe(200);
  });

  it('holds a terminal moved to sm to SM2 from its next request, with the key registered then', async () => {
    expect((await h.call({ ...probe, ...KSK2 })).status).toBe(200);
    const first = testSm2KeyPair();
    h.store.setTerminalSuite(KSK2.terminalId, { suite: 'sm', sm2PublicKey: first.publicKeyHex, transitionUntil: null });
    const hmac = await h.call({ ...probe, ...KSK2 });
    expect(hmac.status).toBe(401);
    expect((await hmac.json()).error).toBe('suite-mismatch');
    expect((await h.call({ ...probe, ...KSK2, sm2: first.keyPair })).status).toBe(200);
    // A new key replaces the old one for the next request (the parsed key is not kept past it).
    const second = testSm2KeyPair();
    h.store.setTerminalSuite(KSK2.terminalId, { suite: 'sm', sm2PublicKey: second.publicKeyHex, transitionUntil: null });
    expect((await h.call({ ...probe, ...KSK2, sm2: first.keyPair })).status).toBe(401);
    expect((await h.call({ ...probe, ...KSK2, sm2: second.keyPair })).status).toBe(200);
  });

  it('does not keep a change that was rolled back', async () => {
    expect((await h.call({ ...probe, ...KSK2 })).status).toBe(200);
    try {
      h.store.db.transaction(() => {
        h.store.registerTerminal(KSK2.terminalId, 'r'.repeat(40));
        // read inside the transaction: sees the new secret, which must not outlive the rollback
        expect(h.store.terminalCredentials(KSK2.terminalId)?.secret).toBe('r'.repeat(40));
        throw new Error('roll back');
      })();
    } catch {
      // rolled back
    }
    expect((await h.call({ ...probe, ...KSK2 })).status).toBe(200);
    expect((await h.call({ ...probe, terminalId: KSK2.terminalId, secret: 'r'.repeat(40) })).status).toBe(401);
  });
});

describe('nonces across a restart', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-nonces-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses after a restart a request the central before it accepted', async () => {
    const file = path.join(dir, 'central.db');
    const t = { terminalId: 'KSK0009', secret: 'k'.repeat(40) };
    const req = await signedRequest('http://central.test', { ...t, ...probe });
    const replay = req.clone();
    let store = new CentralStore(file);
    store.registerTerminal(t.terminalId, t.secret);
    expect((await testCentralApp({ store }).fetch(req)).status).toBe(200);
    store.close();
    store = new CentralStore(file);
    try {
      const r = await testCentralApp({ store }).fetch(replay);
      expect(r.status).toBe(401);
      expect((await r.json()).error).toBe('replayed');
    } finally {
      store.close();
    }
  });

  it('refuses a replay through a second app on the same store', async () => {
    const store = new CentralStore(path.join(dir, 'central.db'));
    try {
      const t = { terminalId: 'KSK0009', secret: 'k'.repeat(40) };
      store.registerTerminal(t.terminalId, t.secret);
      const req = await signedRequest('http://central.test', { ...t, ...probe });
      const replay = req.clone();
      expect((await testCentralApp({ store }).fetch(req)).status).toBe(200);
      expect((await testCentralApp({ store }).fetch(replay)).status).toBe(401);
    } finally {
      store.close();
    }
  });
});
