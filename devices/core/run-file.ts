// <dataDir>/run/children.json: which helper processes and temp folders the kiosk running on
// this data dir has right now. Rewritten on every change; a clean shutdown leaves it empty.
// After a crash (SIGKILL, power cut of the process, OOM) the next start reads it and ends the
// leftovers before starting its own: a recorded PID is only signalled while /proc still shows
// the same start time, so a PID the system has since reused for something else is left alone.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DeviceLogger } from './log';
import { isTrackedChild, trackedSnapshot, watchTracked } from './child-processes';
import { isSameProcess, processStartTime } from './proc-table';
import { lazySchema } from '../../common/lazy-schema';

const runFileSchema = lazySchema(() =>
  z.object({
    host: z.object({ pid: z.number().int().positive(), start: z.string() }),
    children: z.array(z.object({ pid: z.number().int().min(2), start: z.string().min(1), name: z.string().max(40) })),
    dirs: z.array(z.string()),
  }),
);
export type RunFile = z.infer<typeof runFileSchema>;

/** Only folders the kiosk names itself are ever removed on the file's word. */
const OWN_DIR = /^kiosk-[A-Za-z0-9_-]+$/;

export function runFilePath(dataDir: string): string {
  return path.join(dataDir, 'run', 'children.json');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ReapReport {
  ended: { name: string; pid: number }[];
  removedDirs: string[];
  /** the recorded kiosk is still running (another instance on this data dir): left alone */
  hostAlive: boolean;
}

/** Ends what a previous run on this data dir left behind (see the file comment). */
export async function reapPreviousRun(dataDir: string, logger: DeviceLogger): Promise<ReapReport> {
  const report: ReapReport = { ended: [], removedDirs: [], hostAlive: false };
  const file = runFilePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return report;
  }
  let parsed: ReturnType<typeof runFileSchema.safeParse>;
  try {
    parsed = runFileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = runFileSchema.safeParse(null);
  }
  if (!parsed.success) {
    logger.log('host.run.file-invalid', { file });
    fs.rmSync(file, { force: true });
    return report;
  }
  const prev = parsed.data;
  const self = prev.host.pid === process.pid && prev.host.start === processStartTime(process.pid);
  if (!self && isSameProcess(prev.host.pid, prev.host.start)) {
    report.hostAlive = true;
    logger.log('host.run.previous-alive', { pid: prev.host.pid });
    return report;
  }
  // a backend booted earlier in this same process may still own some of them
  const leftovers = prev.children.filter((c) => isSameProcess(c.pid, c.start) && !isTrackedChild(c.pid, c.start));
  for (const c of leftovers) signal(c.pid, 'SIGTERM');
  for (let i = 0; i < 30 && leftovers.some((c) => isSameProcess(c.pid, c.start)); i++) await sleep(100);
  for (const c of leftovers) {
    if (isSameProcess(c.pid, c.start)) signal(c.pid, 'SIGKILL');
    report.ended.push({ name: c.name, pid: c.pid });
    logger.log('host.run.reaped', { name: c.name, pid: c.pid });
  }
  const live = new Set(trackedSnapshot().dirs);
  for (const d of prev.dirs) {
    if (!path.isAbsolute(d) || !OWN_DIR.test(path.basename(d)) || live.has(d) || !fs.existsSync(d)) continue;
    fs.rmSync(d, { recursive: true, force: true });
    report.removedDirs.push(d);
    logger.log('host.run.dir-removed', { dir: d });
  }
  return report;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // ended by itself meanwhile
  }
}

function write(file: string): void {
  const start = processStartTime(process.pid);
  if (!start) return; // no /proc: nothing a later start could check a PID against
  const body: RunFile = { host: { pid: process.pid, start }, ...trackedSnapshot() };
  // beside the data: owner only, like every other file under the data dir
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(body), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Reaps the previous run, then keeps the run file current until close(). Call before starting
 * any device: its leftovers may still hold the ptys and queues the new run needs.
 */
export async function openRunFile(dataDir: string, logger: DeviceLogger): Promise<{ report: ReapReport; close(): void }> {
  const report = await reapPreviousRun(dataDir, logger);
  const file = runFilePath(dataDir);
  if (report.hostAlive) return { report, close: () => undefined };
  const rewrite = () => {
    try {
      write(file);
    } catch {
      // data dir gone (a test's temp dir removed under us): nothing left to record
    }
  };
  rewrite();
  const unwatch = watchTracked(rewrite);
  return {
    report,
    close() {
      unwatch();
      const left = trackedSnapshot();
      // what is still running belongs to another backend in this process; keep it on record
      if (left.children.length || left.dirs.length) rewrite();
      else fs.rmSync(file, { force: true });
    },
  };
}
