// Builds the kiosk host into one file (fast to start, so many kill trials fit in CI time) and
// runs it as a child process whose stdout lines the harness reads.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { z } from 'zod';
import { spawnTracked } from '../../devices/core/child-processes';
import type { hostOptionsSchema } from './kiosk-host';

const root = path.resolve(import.meta.dirname, '../..');

/** Bundles kiosk-host.ts next to node_modules (so better-sqlite3 resolves) and returns its path. */
export async function buildHost(): Promise<string> {
  const out = path.join(root, 'node_modules', '.cache', 'offline-queue', `kiosk-host-${process.pid}.cjs`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await build({
    entryPoints: [path.join(root, 'offline-queue', 'test-support', 'kiosk-host.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

export interface HostRun {
  child: ChildProcess;
  receipts: { receiptNo: string; key: string }[];
  lines: string[];
  stderr: string;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLine(re: RegExp, timeoutMs: number): Promise<string>;
}

export function runHost(bundle: string, options: z.input<typeof hostOptionsSchema>): HostRun {
  // dies with the test process even when a timed-out test never gets to kill it
  const child = spawnTracked('crash-host', process.execPath, [bundle, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'], deathSignal: 'SIGKILL' });
  const run: Omit<HostRun, 'ready' | 'exited' | 'waitForLine'> = { child, receipts: [], lines: [], stderr: '' };
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let buf = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    buf += d;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      run.lines.push(line);
      const m = /^RECEIPT (\S+) (\S+)$/.exec(line);
      if (m) run.receipts.push({ receiptNo: m[1]!, key: m[2]! });
      for (const w of [...waiters])
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
    }
  });
  child.stderr!.on('data', (d) => (run.stderr += String(d)));
  // 'close' (not 'exit'): every line the host wrote before dying has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const waitForLine = (re: RegExp, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const seen = run.lines.find((l) => re.test(l));
      if (seen) return resolve(seen);
      const t = setTimeout(() => reject(new Error(`host did not print ${re} within ${timeoutMs} ms; stderr: ${run.stderr.slice(-800)}`)), timeoutMs);
      waiters.push({
        re,
        resolve: (l) => {
          clearTimeout(t);
          resolve(l);
        },
      });
      void exited.then(() => {
        if (!run.lines.some((l) => re.test(l))) {
          clearTimeout(t);
          reject(new Error(`host exited before printing ${re}; stderr: ${run.stderr.slice(-800)}`));
        }
      });
    });
  return Object.assign(run, { ready: waitForLine(/^READY/, 15_000).then(() => undefined), exited, waitForLine });
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}
