// Start scripts sit between whoever started them (a terminal, npm, a service manager) and the
// process doing the work. They pass SIGINT, SIGTERM and SIGHUP on, end when it ends (with its
// exit code, or by the same signal), and on a second signal end it and its helpers at once.
// npm runs a script under `sh -c`; `kill <npm pid>` reaches only that shell, which dies without
// passing anything on: so our own parent going away counts as SIGTERM too.
const NUMBER = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** @param {import('node:child_process').ChildProcess} child spawned with detached: true (own process group) */
export function forwardSignals(child, { parentPollMs = 250 } = {}) {
  let forwarded = null;
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  const pass = (sig) => {
    if (forwarded) {
      killGroup('SIGKILL');
      process.exit(128 + NUMBER[sig]);
    }
    forwarded = sig;
    child.kill(sig);
  };
  for (const sig of Object.keys(NUMBER)) process.on(sig, () => pass(sig));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent && !forwarded) pass('SIGTERM');
  }, parentPollMs);
  watch.unref();
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    if (signal) {
      for (const sig of Object.keys(NUMBER)) process.removeAllListeners(sig);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 0);
  });
}
