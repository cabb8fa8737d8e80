// The next start ends what a crashed run left behind, and only that: a PID the system has since
// given to another process, or a kiosk still running on the same data dir, is left alone.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from './log';
import { isSameProcess, processStartTime } from './proc-table';
import { openRunFile, reapPreviousRun, runFilePath, type RunFile } from './run-file';

const procs: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function sleeper(): { pid: number; start: string } {
  // detached and untracked: like a socat whose kiosk died before setpriv existed here
  const p = spawn('sleep', ['60'], { stdio: 'ignore', detached: true });
  procs.push(p);
  return { pid: p.pid!, start: processStartTime(p.pid!)! };
}

function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

async function deadHost(): Promise<{ pid: number; start: string }> {
  const p = spawn('sleep', ['0.01']);
  const host = { pid: p.pid!, start: processStartTime(p.pid!)! };
  await new Promise((r) => p.once('exit', r));
  return host;
}

function writeRun(dataDir: string, run: RunFile): void {
  fs.mkdirSync(path.dirname(runFilePath(dataDir)), { recursive: true });
  fs.writeFileSync(runFilePath(dataDir), JSON.stringify(run));
}

describe('run file', () => {
  it('ends the processes a dead run recorded, spares a reused PID, removes only its own temp folders', async () => {
    const dataDir = tmp('kiosk-runfile-');
    const leftover = sleeper();
    const reused = sleeper();
    const simDir = tmp('kiosk-devsim-');
    const foreign = tmp('someone-else-');
    writeRun(dataDir, {
      host: await deadHost(),
      children: [
        { ...leftover, name: 'socat' },
        // same PID, different start time: the PID now belongs to another process
        { pid: reused.pid, start: String(Number(reused.start) - 5), name: 'socat' },
      ],
      dirs: [simDir, foreign],
    });
    const log = memoryLogger();
    const report = await reapPreviousRun(dataDir, log);

    expect(isSameProcess(leftover.pid, leftover.start)).toBe(false);
    expect(isSameProcess(reused.pid, reused.start)).toBe(true);
    expect(fs.existsSync(simDir)).toBe(false);
    expect(fs.existsSync(foreign)).toBe(true);
    expect(report.ended).toEqual([{ name: 'socat', pid: leftover.pid }]);
    expect(log.lines.filter((l) => l.event === 'host.run.reaped').map((l) => l.fields)).toEqual([{ name: 'socat', pid: leftover.pid }]);
    expect(log.lines.some((l) => l.event === 'host.run.dir-removed' && l.fields.dir === simDir)).toBe(true);
  });

  it('leaves a kiosk that is still running on the same data dir, and its helpers, alone', async () => {
    const dataDir = tmp('kiosk-runfile-');
    const host = sleeper();
    const helper = sleeper();
    writeRun(dataDir, { host, children: [{ ...helper, name: 'socat' }], dirs: [] });
    const log = memoryLogger();
    const run = await openRunFile(dataDir, log);
    expect(run.report.hostAlive).toBe(true);
    expect(isSameProcess(helper.pid, helper.start)).toBe(true);
    expect(log.lines.map((l) => l.event)).toEqual(['host.run.previous-alive']);
    // and its record stays for it
    expect(JSON.parse(fs.readFileSync(runFilePath(dataDir), 'utf8')).host.pid).toBe(host.pid);
  });

  it('discards a run file it cannot read without ending anything', async () => {
    const dataDir = tmp('kiosk-runfile-');
    const bystander = sleeper();
    fs.mkdirSync(path.join(dataDir, 'run'));
    fs.writeFileSync(runFilePath(dataDir), `{"host":{"pid":1},"children":[{"pid":${bystander.pid}`);
    const log = memoryLogger();
    await reapPreviousRun(dataDir, log);
    expect(isSameProcess(bystander.pid, bystander.start)).toBe(true);
    expect(log.lines.map((l) => l.event)).toEqual(['host.run.file-invalid']);
    expect(fs.existsSync(runFilePath(dataDir))).toBe(false);
  });

  it('records this process as host while open and removes the file on a clean close', async () => {
    const dataDir = tmp('kiosk-runfile-');
    const run = await openRunFile(dataDir, memoryLogger());
    const rec = JSON.parse(fs.readFileSync(runFilePath(dataDir), 'utf8')) as RunFile;
    expect(rec.host).toEqual({ pid: process.pid, start: processStartTime(process.pid) });
    run.close();
    expect(fs.existsSync(runFilePath(dataDir))).toBe(false);
  });
});
