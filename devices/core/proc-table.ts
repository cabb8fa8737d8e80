// What Linux's /proc says about other processes: enough to tell whether a recorded PID is still
// the process we started (its start time, in clock ticks since boot, never changes and is not
// reused with the PID) and to find every process that inherited a run's marker variable.
// Elsewhere (/proc missing) every answer is "unknown", and callers leave such processes alone.
import fs from 'node:fs';

/** Field 22 of /proc/<pid>/stat, or null when the process is gone or /proc is not there. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count from the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Parent PID from /proc, or null. */
export function parentPid(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** True while `pid` is the very process that had start time `start` (zombies count as gone). */
export function isSameProcess(pid: number, start: string): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] !== 'Z' && fields[19] === start;
  } catch {
    return false;
  }
}

export interface ProcInfo {
  pid: number;
  cmdline: string;
}

/** Living processes whose environment holds `name=value` (inherited from whoever set it). */
export function processesWithEnv(name: string, value: string): ProcInfo[] {
  const needle = `${name}=${value}`;
  const out: ProcInfo[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    try {
      const env = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!env.includes(needle)) continue;
      const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (state.slice(state.lastIndexOf(')') + 2).startsWith('Z')) continue;
      out.push({ pid, cmdline: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/** This process and every process above it (they carry a run's marker too, and must be spared). */
export function selfAndAncestors(): Set<number> {
  const out = new Set<number>();
  let pid: number | null = process.pid;
  while (pid && pid > 1 && !out.has(pid)) {
    out.add(pid);
    pid = parentPid(pid);
  }
  return out;
}
