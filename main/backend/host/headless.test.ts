// What a start of the loopback host shows: never the per-boot secret (stdout is captured by
// journald and terminals), in production not even a launch link; in development a link whose
// one-time code works once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stdoutMatch } from '../../../scripts/test-support/url-from-stdout';

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const SECRET = 'headless-test-secret-' + 'q'.repeat(24);
let child: ChildProcess | null = null;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  child = null;
});

function start(args: string[]): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-headless-'));
  child = spawn(tsx, [path.join(root, 'main/backend/host/headless.ts'), ...args], {
    cwd: root,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: path.join(dataDir, 'none.json'), KIOSK_SECRET: SECRET, DISPLAY: '', DBUS_SESSION_BUS_ADDRESS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // the dev start adds a hint line after the URL (the link works once, within 60 s)
  return stdoutMatch(child, 25_000, args.includes('--dev') ? /kiosk ready: \S+\n[^\n]*60/ : /kiosk ready: \S+\n/).then((r) => r.out);
}

describe('loopback host start', () => {
  it('prints neither the secret nor a launch code on a production start', async () => {
    const out = await start([]);
    expect(out).not.toContain(SECRET);
    expect(out).not.toMatch(/[?&]k=/);
    expect(out).toMatch(/kiosk ready: http:\/\/127\.0\.0\.1:\d+\/\n/);
  }, 40_000);

  it('prints a development link with a one-time code that is not the secret and works once', async () => {
    const out = await start(['--dev']);
    expect(out).not.toContain(SECRET);
    const url = /kiosk ready: (\S+)/.exec(out)![1]!;
    expect(new URL(url).searchParams.get('k')).toBeTruthy();
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toContain(SECRET);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
  }, 40_000);
});
