// CPU time (user + system) of a process and every process under it, from /proc (Linux): central
// and the benches' servers run as `tsx` with node as its child, so the tree is what is counted.
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (text) out.push(...text.split(' ').map(Number));
  }
  return out;
}

/** Milliseconds of CPU the process and its descendants have used so far (0 for one already gone). */
export function processTreeCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    return own + childrenOf(pid).reduce((n, c) => n + processTreeCpuMs(c), 0);
  } catch {
    return 0;
  }
}

/** Milliseconds of CPU this process has used so far. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
