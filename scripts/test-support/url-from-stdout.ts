// A child process that announces where it listens on stdout (the reference central's
// "listening on http://127.0.0.1:…", the kiosk host's "kiosk ready: …"): what tests and benchmarks
// wait for before they talk to it. A child that exits first, or stays silent too long, fails the
// wait with what it printed, instead of leaving the caller hanging.
import type { ChildProcess } from 'node:child_process';

/** The loopback origin a reference central prints when it listens. */
export const LOOPBACK_ORIGIN = /(http:\/\/127\.0\.0\.1:\d+)/;

/** Resolves with the first match of `pattern` in the child's stdout so far (all it printed, and the match). */
export function stdoutMatch(child: ChildProcess, timeoutMs: number, pattern: RegExp): Promise<{ out: string; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`nothing matched ${pattern} in ${timeoutMs} ms: ${out}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ out, match });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing ${pattern}: ${out}`));
    });
  });
}

/** The URL the child prints (the pattern's first group): by default a reference central's loopback origin. */
export async function urlFromStdout(child: ChildProcess, timeoutMs: number, pattern: RegExp = LOOPBACK_ORIGIN): Promise<string> {
  return (await stdoutMatch(child, timeoutMs, pattern)).match[1]!;
}
