// A linked pseudo-terminal pair made by socat: the driver opens one end as if it were the
// device's serial port, a simulator the other. Killing socat is pulling the cable; starting it
// again on the same paths is plugging it back in.
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result';
import { spawnTracked } from '../core/child-processes';

let socatChecked: boolean | null = null;

export function socatAvailable(): boolean {
  if (socatChecked === null) socatChecked = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
  return socatChecked;
}

export class PtyPair {
  private proc: ChildProcess | null = null;
  /** the socat of the last unplug until it has really gone (it removes its links as it exits) */
  private exiting: Promise<void> | null = null;

  private constructor(
    /** the end a driver opens, like /dev/ttyACM0 */
    readonly hostPath: string,
    /** the end the simulator opens */
    readonly devicePath: string,
  ) {}

  static async start(dir: string, name: string): Promise<Result<PtyPair, string>> {
    if (!socatAvailable()) return err('未安装 socat / socat is not installed');
    fs.mkdirSync(dir, { recursive: true });
    const pair = new PtyPair(path.join(dir, `${name}-host`), path.join(dir, `${name}-device`));
    const started = await pair.plug();
    return started.ok ? ok(pair) : started;
  }

  get plugged(): boolean {
    return this.proc !== null;
  }

  /** (Re)creates the pair on the same paths. */
  async plug(): Promise<Result<void, string>> {
    if (this.proc) return ok(undefined);
    // An old socat still exiting would unlink the new pair's paths on its way out.
    if (this.exiting) await this.exiting;
    for (const p of [this.hostPath, this.devicePath]) fs.rmSync(p, { force: true });
    // socat does not notice its parent dying: spawnTracked makes it die with this process.
    const proc = spawnTracked('socat', 'socat', ['-d', '-d', `pty,raw,echo=0,link=${this.hostPath}`, `pty,raw,echo=0,link=${this.devicePath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.proc = proc;
    const ready = await new Promise<Result<void, string>>((resolve) => {
      let log = '';
      const timer = setTimeout(() => resolve(err(`socat did not start: ${log.trim()}`)), 3000);
      proc.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('starting data transfer loop')) {
          clearTimeout(timer);
          resolve(ok(undefined));
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        resolve(err(`socat exited (${code}): ${log.trim()}`));
      });
      proc.once('error', (e) => {
        clearTimeout(timer);
        resolve(err(e.message));
      });
    });
    proc.once('exit', () => {
      if (this.proc === proc) this.proc = null;
    });
    if (!ready.ok) {
      proc.kill('SIGKILL');
      this.proc = null;
    }
    return ready;
  }

  /** Pulls the cable: both ends see a hangup / I/O error. */
  async unplug(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    const exiting = new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      // SIGKILL if it lingers; either way wait for the exit itself, not for a timer.
      const kill = setTimeout(() => proc.kill('SIGKILL'), 1000);
      kill.unref();
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    });
    this.exiting = exiting;
    await exiting;
    if (this.exiting === exiting) this.exiting = null;
    for (const p of [this.hostPath, this.devicePath]) fs.rmSync(p, { force: true });
  }

  stop(): Promise<void> {
    return this.unplug();
  }
}
