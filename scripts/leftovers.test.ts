// The end-of-CI check must be able to fail: a process the run orphaned and a temp folder it
// left are both named, and the check passes only once they are gone.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSameProcess, processStartTime } from '../devices/core/proc-table';
import { RUN_MARK_VAR, findLeftovers } from './leftovers';

const root = path.resolve(import.meta.dirname, '..');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function check(mark: string, tmp: string, before: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'leftovers.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, [RUN_MARK_VAR]: mark, TMPDIR: tmp, KIOSK_TMP_BEFORE: before.join('\n') },
  });
}

describe('leftovers check (end of .ci/run)', () => {
  it('names an orphaned process of the run and a new temp folder, and passes once both are gone', async () => {
    const mark = crypto.randomUUID();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fake-tmp-'));
    cleanup.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    fs.mkdirSync(path.join(tmp, 'there-before'));
    const before = fs.readdirSync(tmp);

    // a shell that starts a helper in the background and exits: the helper is orphaned
    const sh = spawn('sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $!'], { env: { ...process.env, [RUN_MARK_VAR]: mark }, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    sh.stdout.on('data', (d) => (out += String(d)));
    await new Promise((r) => sh.once('close', r));
    const orphan = Number(out.trim());
    const start = processStartTime(orphan)!;
    cleanup.push(() => isSameProcess(orphan, start) && process.kill(orphan, 'SIGKILL'));
    fs.mkdirSync(path.join(tmp, 'kiosk-devsim-left'));

    const found = findLeftovers(mark, tmp, before);
    expect(found.processes.map((p) => p.pid)).toEqual([orphan]);
    expect(found.tempEntries).toEqual(['kiosk-devsim-left']);
    const failing = check(mark, tmp, before);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain(`${orphan} sleep 30`);
    expect(failing.stdout).toContain('kiosk-devsim-left');

    process.kill(orphan, 'SIGKILL');
    while (isSameProcess(orphan, start)) await new Promise((r) => setTimeout(r, 50));
    fs.rmSync(path.join(tmp, 'kiosk-devsim-left'), { recursive: true });
    const passing = check(mark, tmp, before);
    expect(passing.stdout).toContain('leftovers: none');
    expect(passing.status).toBe(0);
  }, 30_000);
});
