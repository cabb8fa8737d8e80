// How a host process ends. SIGINT, SIGTERM and SIGHUP start one clean shutdown; so does the
// start script that launched it going away (start.mjs SIGKILLed: nothing would ever signal us),
// when it asked for that with KIOSK_STOP_WITH_PARENT=<its pid>. A host started any other way
// (service manager, nohup) keeps running when its parent changes. A second signal, or a shutdown that hangs past graceMs, ends the process at once;
// the exit handler in devices/core/child-processes.ts still kills its helpers on the way out.
import { killAllTracked } from '../../../devices/core/child-processes';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBER: Record<(typeof STOP_SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export interface StopOptions {
  graceMs?: number;
  parentPollMs?: number;
  onStop?: (why: string) => void;
}

export function stopOnSignals(stop: () => Promise<void>, opts: StopOptions = {}): void {
  const { graceMs = 10_000, parentPollMs = 250 } = opts;
  let stopping = false;
  const begin = (why: string, code: number) => {
    if (stopping) {
      // second request: the person means it
      killAllTracked();
      process.exit(code);
    }
    stopping = true;
    opts.onStop?.(why);
    setTimeout(() => {
      killAllTracked();
      process.exit(code || 1);
    }, graceMs).unref();
    void stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const sig of STOP_SIGNALS) process.on(sig, () => begin(sig, 128 + SIGNAL_NUMBER[sig]));
  const parent = process.ppid;
  if (process.env.KIOSK_STOP_WITH_PARENT !== String(parent)) return;
  setInterval(() => {
    if (process.ppid !== parent) begin('parent-gone', 0);
  }, parentPollMs).unref();
}
