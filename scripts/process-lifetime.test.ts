// Issue 17: every process the kiosk starts ends with it. Runs the real start script, so each
// test boots a whole kiosk with its simulators (socat pty pairs, SANE test backend, CUPS).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parentPid } from '../devices/core/proc-table';
import { runFilePath } from '../devices/core/run-file';
import { killMarked, MARK_VAR, marked, ROOT, startKiosk, tempDataDir, waitUntilGone, type StartedKiosk } from './test-support/marked-processes';

const started: StartedKiosk[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const k of started.splice(0)) killMarked(k.mark);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('process lifetime', () => {
  it('SIGTERM to `npm start` ends every process it started within 5 s', async () => {
    const dataDir = tempDataDir('sigterm');
    dirs.push(dataDir);
    const k = startKiosk(dataDir, 'npm');
    started.push(k);
    await k.ready;
    const before = marked(k.mark);
    expect(before.some((p) => p.cmdline.includes('headless.ts'))).toBe(true);

    process.kill(k.child.pid!, 'SIGTERM');
    const left = await waitUntilGone(k.mark, 5_000);
    expect(left.map((p) => `${p.pid} ${p.cmdline}`)).toEqual([]);
    // and the run's temp folder (pty links, SANE config) went with it
    const simDir = /"configDir":"([^"]+)\/sane"/.exec(k.output())?.[1];
    expect(simDir).toBeTruthy();
    expect(fs.existsSync(simDir!)).toBe(false);
  }, 150_000);

  it('after a SIGKILL of the host, the next start leaves no process or temp folder of the old run', async () => {
    const dataDir = tempDataDir('sigkill');
    dirs.push(dataDir);
    const first = startKiosk(dataDir, 'node');
    started.push(first);
    await first.ready;
    const socat = marked(first.mark).find((p) => p.cmdline.includes('socat'))!;
    const host = parentPid(socat.pid)!;
    expect(marked(first.mark).find((p) => p.pid === host)?.cmdline).toContain('headless.ts');
    const simDir = /"configDir":"([^"]+)\/sane"/.exec(first.output())?.[1];
    expect(simDir && fs.existsSync(simDir)).toBe(true);

    process.kill(host, 'SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = startKiosk(dataDir, 'node');
    started.push(second);
    await second.ready;
    expect(marked(first.mark).map((p) => `${p.pid} ${p.cmdline}`)).toEqual([]);
    expect(fs.existsSync(simDir!)).toBe(false);
    expect(second.output()).toContain('"event":"host.run.dir-removed"');
    // the new run recorded its own helpers for the start after it
    const run = JSON.parse(fs.readFileSync(runFilePath(dataDir), 'utf8'));
    expect(run.children.filter((c: { name: string }) => c.name === 'socat')).toHaveLength(3);

    process.kill(second.child.pid!, 'SIGTERM');
    expect((await waitUntilGone(second.mark, 5_000)).map((p) => p.cmdline)).toEqual([]);
    expect(fs.existsSync(runFilePath(dataDir))).toBe(false);
  }, 240_000);

  it('SIGKILL of the start script (nothing can pass a signal on) still ends the kiosk within 5 s', async () => {
    const dataDir = tempDataDir('startkill');
    dirs.push(dataDir);
    const k = startKiosk(dataDir, 'node');
    started.push(k);
    await k.ready;
    process.kill(k.child.pid!, 'SIGKILL');
    expect((await waitUntilGone(k.mark, 5_000)).map((p) => `${p.pid} ${p.cmdline}`)).toEqual([]);
  }, 150_000);

  it('SIGTERM to `npm run central` (another long-running script) ends it within 5 s', async () => {
    const dir = tempDataDir('central');
    dirs.push(dir);
    const mark = crypto.randomUUID();
    started.push({ mark } as StartedKiosk);
    const env = { ...process.env, CENTRAL_PORT: '0', CENTRAL_DB: path.join(dir, 'central.db'), [MARK_VAR]: mark };
    const npm = spawn('npm', ['run', 'central'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('central did not start')), 60_000);
      npm.stdout.on('data', (d) => String(d).includes('reference central listening') && (clearTimeout(t), resolve()));
    });
    expect(marked(mark).some((p) => p.cmdline.includes('central/server.ts'))).toBe(true);
    process.kill(npm.pid!, 'SIGTERM');
    expect((await waitUntilGone(mark, 5_000)).map((p) => `${p.pid} ${p.cmdline}`)).toEqual([]);
  }, 90_000);
});
