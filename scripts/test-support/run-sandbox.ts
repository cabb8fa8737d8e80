// A test or bench run reaps what it started, even when a test failed or timed out and its own
// cleanup never ran. Used as vitest globalSetup (unit and e2e configs) and by bench/run.ts.
//  - every process the run starts inherits KIOSK_TEST_RUN=<marker>; at the end whatever still
//    carries it (orphaned socat, a crash-trial host, a browser) is killed and named on stderr;
//  - TMPDIR points into one folder for the run, removed at the end with whatever tests left
//    (and, if the run was killed before its end, by the next run).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPid, processStartTime, processesWithEnv, selfAndAncestors } from '../../devices/core/proc-table';

const MARK_VAR = 'KIOSK_TEST_RUN';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sandboxes of runs that were killed before their teardown (named after their runner's PID). */
function removeAbandonedSandboxes(tmp: string): void {
  for (const e of fs.readdirSync(tmp)) {
    const m = /^kiosk-tests-(\d+)-(\d+)-/.exec(e);
    if (m && processStartTime(Number(m[1])) !== m[2]) fs.rmSync(path.join(tmp, e), { recursive: true, force: true });
  }
}

export function openRunSandbox(): { close(): Promise<void> } {
  const mark = crypto.randomUUID();
  const savedTmp = process.env.TMPDIR;
  removeAbandonedSandboxes(os.tmpdir());
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-tests-${process.pid}-${processStartTime(process.pid) ?? 0}-`));
  process.env[MARK_VAR] = mark;
  process.env.TMPDIR = sandbox;

  return {
    async close() {
      const spare = selfAndAncestors();
      // the runner's own workers and helper services are our children and end with us
      const left = () => processesWithEnv(MARK_VAR, mark).filter((p) => !spare.has(p.pid) && parentPid(p.pid) !== process.pid);
      const found = left();
      if (found.length) {
        // named: those no process of the run holds any more (orphans). A helper of a worker
        // that is still running (esbuild's service) is only not ended yet: ended quietly.
        const ofRun = new Set(processesWithEnv(MARK_VAR, mark).map((p) => p.pid));
        const lost = found.filter((p) => !ofRun.has(parentPid(p.pid) ?? 0));
        if (lost.length)
          process.stderr.write(`\n测试留下的进程已结束 / reaped ${lost.length} processes the run left running:\n${lost.map((p) => `  ${p.pid} ${p.cmdline.slice(0, 160)}`).join('\n')}\n`);
        for (const p of found) {
          try {
            process.kill(p.pid, 'SIGKILL');
          } catch {
            // gone meanwhile
          }
        }
        for (let i = 0; i < 20 && left().length; i++) await sleep(100);
      }
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      fs.rmSync(sandbox, { recursive: true, force: true, maxRetries: 3 });
      delete process.env[MARK_VAR];
    },
  };
}

/** vitest globalSetup: the returned function is its teardown. */
export default function setup(): () => Promise<void> {
  const run = openRunSandbox();
  return () => run.close();
}
