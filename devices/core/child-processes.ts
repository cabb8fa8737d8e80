// Every long-lived helper process the kiosk starts (socat pty pairs, scanimage, cupsd for the
// simulator, Chromium in --open) goes through spawnTracked, and every temp folder of a run
// through trackDir. Three layers make sure none outlives the kiosk process:
//  - on Linux the child is started under `setpriv --pdeathsig`, so the kernel signals it the
//    moment its parent dies, even by SIGKILL (Node cannot call prctl itself without native code);
//  - on a normal exit (including a second Ctrl-C) they are killed and the folders removed here;
//  - the run file (run-file.ts) records PID + start time + folders, and the next start ends
//    whatever a crash left behind.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { processStartTime } from './proc-table';

export interface TrackedChild {
  pid: number;
  /** start time from /proc/<pid>/stat: tells this process from a later one with the same PID */
  start: string;
  name: string;
}

interface LiveChild extends TrackedChild {
  proc: ChildProcess;
  /** started in its own process group: end the whole group */
  group: boolean;
}

const children = new Map<number, LiveChild>();
const dirs = new Set<string>();
const watchers = new Set<() => void>();

function changed(): void {
  for (const w of watchers) w();
}

/** Called on every change of the process's children or temp folders (run files rewrite). */
export function watchTracked(fn: () => void): () => void {
  watchers.add(fn);
  return () => void watchers.delete(fn);
}

export function trackedSnapshot(): { children: TrackedChild[]; dirs: string[] } {
  return { children: [...children.values()].map(({ pid, start, name }) => ({ pid, start, name })), dirs: [...dirs] };
}

export function isTrackedChild(pid: number, start: string): boolean {
  return children.get(pid)?.start === start;
}

function onPath(cmd: string): boolean {
  if (cmd.includes('/')) return fs.existsSync(cmd);
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => {
    try {
      fs.accessSync(path.join(d, cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

let setprivPresent: boolean | null = null;
function deathSignalWrapper(): boolean {
  if (process.platform !== 'linux') return false;
  setprivPresent ??= onPath('setpriv');
  return setprivPresent;
}

export interface TrackedSpawnOptions extends SpawnOptions {
  /** what the child gets when this process dies (Linux); SIGTERM lets socat remove its links */
  deathSignal?: 'SIGTERM' | 'SIGKILL';
}

/**
 * spawn(), plus: dies with this process where the platform allows, recorded for the run file
 * while it lives. A missing command still fails with the usual 'error' event (ENOENT).
 */
export function spawnTracked(name: string, cmd: string, args: readonly string[], opts: TrackedSpawnOptions = {}): ChildProcess {
  const { deathSignal = 'SIGTERM', ...spawnOpts } = opts;
  // setpriv sets PR_SET_PDEATHSIG and execs the command: same PID, nothing in between.
  const wrap = deathSignalWrapper() && onPath(cmd);
  const proc = wrap ? spawn('setpriv', ['--pdeathsig', deathSignal, '--', cmd, ...args], spawnOpts) : spawn(cmd, args, spawnOpts);
  const pid = proc.pid;
  if (pid) {
    const start = processStartTime(pid);
    if (start) {
      children.set(pid, { pid, start, name, proc, group: !!spawnOpts.detached });
      proc.once('exit', () => {
        if (children.get(pid)?.proc === proc) {
          children.delete(pid);
          changed();
        }
      });
      changed();
    }
  }
  return proc;
}

/** A temp folder of this run: removed at exit, and by the next start if this process crashes. */
export function trackDir(dir: string): void {
  dirs.add(path.resolve(dir));
  changed();
}

export function untrackDir(dir: string): void {
  if (dirs.delete(path.resolve(dir))) changed();
}

/** Ends every tracked child now, without waiting (used at exit, when nothing can wait). */
export function killAllTracked(): void {
  for (const c of children.values()) {
    try {
      process.kill(c.group ? -c.pid : c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

process.once('exit', () => {
  killAllTracked();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
