// Proves a test run left nothing behind: no process that inherited the run's marker variable
// (every descendant of the run does, orphaned or not) and no new entry in the temp folder since
// a listing taken before the run. The last step of .ci/run; exits 1 and names what remains.
//   KIOSK_CI_RUN=<marker> KIOSK_TMP_BEFORE="$(ls -A /tmp)" node --import tsx scripts/leftovers.ts
import os from 'node:os';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPid, processesWithEnv, selfAndAncestors, type ProcInfo } from '../devices/core/proc-table';

export const RUN_MARK_VAR = 'KIOSK_CI_RUN';

export interface Leftovers {
  processes: ProcInfo[];
  tempEntries: string[];
}

export function findLeftovers(mark: string, tmpDir: string, tmpBefore: readonly string[]): Leftovers {
  const spare = selfAndAncestors();
  // tsx's transform cache: written by this checker itself as it starts
  const before = new Set([...tmpBefore, `tsx-${os.userInfo().uid}`]);
  return {
    // our own children (tsx's esbuild service) end with us
    processes: processesWithEnv(RUN_MARK_VAR, mark).filter((p) => !spare.has(p.pid) && parentPid(p.pid) !== process.pid),
    tempEntries: fs
      .readdirSync(tmpDir)
      .filter((e) => !before.has(e))
      .sort(),
  };
}

export function describeLeftovers(l: Leftovers, tmpDir: string): string[] {
  return [...l.processes.map((p) => `进程未结束 / process still running: ${p.pid} ${p.cmdline.slice(0, 200)}`), ...l.tempEntries.map((e) => `临时文件未清理 / temp entry left: ${tmpDir}/${e}`)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mark = process.env[RUN_MARK_VAR];
  if (!mark) {
    process.stderr.write(`${RUN_MARK_VAR} is not set: nothing marks the run's processes\n`);
    process.exit(2);
  }
  const tmpDir = os.tmpdir();
  const found = findLeftovers(mark, tmpDir, (process.env.KIOSK_TMP_BEFORE ?? '').split('\n').filter(Boolean));
  const lines = describeLeftovers(found, tmpDir);
  for (const l of lines) process.stdout.write(`${l}\n`);
  process.stdout.write(
    lines.length ? `leftovers: ${found.processes.length} processes, ${found.tempEntries.length} temp entries\n` : 'leftovers: none (no process or temp folder of the run remains)\n',
  );
  process.exit(lines.length ? 1 : 0);
}
