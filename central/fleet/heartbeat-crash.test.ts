// Heartbeats are answered before their commit (tables/fleet-tables.ts); what that may cost on a
// crash is bounded: central SIGKILLed leaves a sound database holding every heartbeat answered
// more than one flush interval before the kill.
import { spawn } from 'node:child_process';
import { urlFromStdout } from '../../scripts/test-support/url-from-stdout';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEARTBEAT_FLUSH_MS } from '../tables/fleet-tables';
import { signedRequest } from '../test-support/signed-client';
import { sampleHeartbeat } from './sample-heartbeat';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-crash-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('heartbeats and a central crash', () => {
  it('keeps every heartbeat answered a flush interval before a SIGKILL; the last ones may go, the database stays sound', async () => {
    const terminals = Array.from({ length: 30 }, (_, i) => ({ terminalId: `CR${String(i).padStart(4, '0')}`, secret: crypto.randomBytes(32).toString('base64url') }));
    fs.writeFileSync(path.join(dir, 'terminals.json'), JSON.stringify(terminals));
    const db = path.join(dir, 'central.db');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'central', 'server.ts')], {
      cwd: root,
      env: { ...process.env, CENTRAL_PORT: '0', CENTRAL_DB: db, CENTRAL_TERMINALS: path.join(dir, 'terminals.json') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await urlFromStdout(child, 30_000);
      const beat = async (t: (typeof terminals)[number], kiosk: number) =>
        (await fetch(await signedRequest(url, { ...t, method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat({ kiosk }) }))).status;
      // Answered, then a few flush intervals pass: these must survive.
      expect(await Promise.all(terminals.map((t) => beat(t, 1)))).toEqual(terminals.map(() => 200));
      await new Promise((r) => setTimeout(r, HEARTBEAT_FLUSH_MS * 5));
      // Answered just before the kill: may be lost, must not damage anything.
      expect(await Promise.all(terminals.map((t) => beat(t, 2)))).toEqual(terminals.map(() => 200));
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const after = new Database(db);
    try {
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = after.prepare('SELECT terminal_id AS id, body FROM heartbeats ORDER BY terminal_id').all() as { id: string; body: string }[];
      expect(rows.map((r) => r.id)).toEqual(terminals.map((t) => t.terminalId));
      for (const r of rows) expect(JSON.parse(r.body).version).toBe('0.1.0');
    } finally {
      after.close();
    }
  }, 60_000);
});
