// Finds every process a test started, however deep and whether or not it was orphaned: each
// run of a start script gets its own marker variable, which every descendant inherits.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processesWithEnv, selfAndAncestors, type ProcInfo } from '../../devices/core/proc-table';

export const MARK_VAR = 'KIOSK_PROCESS_MARK';
export const ROOT = path.resolve(import.meta.dirname, '../..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function marked(mark: string): ProcInfo[] {
  const spare = selfAndAncestors();
  return processesWithEnv(MARK_VAR, mark).filter((p) => !spare.has(p.pid));
}

/** Waits up to `ms` for every marked process to end; returns those still running. */
export async function waitUntilGone(mark: string, ms: number): Promise<ProcInfo[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = marked(mark);
    if (!left.length || Date.now() >= deadline) return left;
    await sleep(100);
  }
}

/** Harness cleanup, also after a failed or timed-out test. */
export function killMarked(mark: string): void {
  for (const p of marked(mark)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

export interface StartedKiosk {
  child: ChildProcess;
  mark: string;
  output: () => string;
  /** resolves once the kiosk printed its ready line and every pty simulator's socat runs */
  ready: Promise<void>;
}

/** `npm start -- --loopback` (or `node scripts/start.mjs`) on a data dir, without a browser. */
export function startKiosk(dataDir: string, via: 'npm' | 'node', timeoutMs = 90_000): StartedKiosk {
  const mark = crypto.randomUUID();
  const [cmd, args] = via === 'npm' ? ['npm', ['start', '--', '--loopback']] : [process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--loopback']];
  const env: NodeJS.ProcessEnv = { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: path.join(dataDir, 'no-config.json'), KIOSK_PORT: '0', [MARK_VAR]: mark };
  delete env.DISPLAY;
  const child = spawn(cmd as string, args as string[], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const ready = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`start exited early:\n${out.slice(-2000)}`);
      const socats = marked(mark).filter((p) => p.cmdline.includes('socat'));
      if (out.includes('kiosk ready') && socats.length >= 3) return;
      await sleep(200);
    }
    throw new Error(`kiosk not ready within ${timeoutMs} ms:\n${out.slice(-2000)}`);
  })();
  return { child, mark, output: () => out, ready };
}

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-proc-${label}-`));
}
