// The headless host's supervisor: starts `current/<entry>` of the install root, and after a swap
// waits for the new release to report itself healthy (an IPC message `kiosk-health` sent once it
// has booted). A release that says it is unhealthy, exits, or stays silent past the deadline is
// rolled back: `current` goes back to `previous`, the launcher records why in update-state.json
// (which the app reports in its heartbeat) and starts the previous release. Exit code 75 or
// SIGUSR2 starts `current` again at once (an update was staged); other exits restart after a
// back-off. SIGTERM / SIGINT stop the app and the launcher.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundlePaths, confirmSwap, EXIT_RESTART_FOR_UPDATE, linkedVersion, readBundleManifest, readPending, rollBack } from './bundle-swap';
import { readUpdateState, writeUpdateState } from './update-state';

export interface LauncherOptions {
  root: string;
  /** arguments passed to the app after its entry */
  args?: string[];
  /** how long a freshly swapped release has to report itself healthy */
  healthTimeoutMs?: number;
  /** line logger (JSON lines on stdout under systemd) */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export interface HealthMessage {
  type: 'kiosk-health';
  ok: boolean;
  version: string;
  message: string;
}

function isHealth(m: unknown): m is HealthMessage {
  return !!m && typeof m === 'object' && (m as { type?: unknown }).type === 'kiosk-health' && typeof (m as { ok?: unknown }).ok === 'boolean';
}

/**
 * The release folder `current` points at. The app is started by its real path: Node resolves the
 * entry's symlinks for import.meta.url, and the headless host runs only when that equals argv[1].
 */
function resolvedDir(link: string): string {
  try {
    return fs.realpathSync(link);
  } catch {
    return link;
  }
}

export class BundleLauncher {
  private child: ChildProcess | null = null;
  private stopping = false;
  private failures = 0;
  private healthTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly log: NonNullable<LauncherOptions['log']>;

  constructor(private readonly o: LauncherOptions) {
    this.log = o.log ?? ((event, fields) => process.stdout.write(JSON.stringify({ at: new Date().toISOString(), event, ...fields }) + '\n'));
  }

  start(): void {
    const p = bundlePaths(this.o.root);
    const version = linkedVersion(p.current);
    const dir = resolvedDir(path.join(this.o.root, 'current'));
    const manifest = readBundleManifest(dir);
    if (!version || !manifest) {
      this.log('launcher.no-release', { root: this.o.root });
      if (readPending(this.o.root)) return this.rollBackAndRestart('current 无法启动（缺少 bundle.json）/ current cannot start (no bundle.json)');
      this.scheduleRestart();
      return;
    }
    const pending = readPending(this.o.root);
    // The child on trial: started from a swap not yet confirmed healthy.
    const onTrial = pending !== null && pending.to === version;
    this.log('launcher.start', { version, onTrial });
    const child = spawn(process.execPath, [path.join(dir, manifest.entry), ...(this.o.args ?? [])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], cwd: dir });
    this.child = child;
    if (onTrial) {
      this.writeStep(pending.to, 'health-check', null, '新版本已启动，正在自检 / new release started, checking its health');
      this.healthTimer = setTimeout(() => this.unhealthy(child, '新版本未在时限内报告健康 / new release did not report healthy in time'), this.o.healthTimeoutMs ?? 120_000);
    }
    child.on('message', (m) => {
      if (!isHealth(m) || child !== this.child) return;
      const pend = readPending(this.o.root);
      if (!pend || !onTrial) return;
      if (m.ok) {
        this.clearHealthTimer();
        confirmSwap(this.o.root);
        this.failures = 0;
        this.writeStep(pend.to, 'done', null, `已更新到 ${pend.to} / updated to ${pend.to}`, pend.to);
        this.log('launcher.healthy', { version: pend.to });
      } else this.unhealthy(child, m.message.slice(0, 200));
    });
    child.on('exit', (code, signal) => {
      if (child !== this.child) return;
      this.child = null;
      this.clearHealthTimer();
      if (this.stopping) return;
      if (onTrial && readPending(this.o.root)) return this.rollBackAndRestart(`新版本退出（${code ?? signal}）/ new release exited (${code ?? signal})`);
      // A release was staged while this one ran: start it at once.
      if (code === EXIT_RESTART_FOR_UPDATE || readPending(this.o.root)) return this.start();
      this.failures++;
      this.log('launcher.exited', { code, signal, failures: this.failures });
      this.scheduleRestart();
    });
  }

  /** Starts `current` again (SIGUSR2: an update was staged by an app that cannot exit itself). */
  restartApp(): void {
    if (this.child) this.child.kill('SIGTERM');
    else this.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clearHealthTimer();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const c = this.child;
    if (!c) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
    });
  }

  private unhealthy(child: ChildProcess, why: string): void {
    this.clearHealthTimer();
    this.log('launcher.unhealthy', { why });
    // The exit handler sees the pending swap and rolls back.
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }

  private rollBackAndRestart(why: string): void {
    const pend = readPending(this.o.root);
    const back = rollBack(this.o.root);
    const prior = readUpdateState(bundlePaths(this.o.root).state);
    writeUpdateState(bundlePaths(this.o.root).state, {
      step: 'rolled-back',
      current: back ?? prior?.current ?? 'unknown',
      target: pend?.to ?? null,
      reason: 'unhealthy',
      message: `已回退到 ${back ?? '—'}：${why}`.slice(0, 300),
      at: new Date().toISOString(),
      targetSha512: pend?.sha512 ?? null,
      blocked: [...new Set([...(prior?.blocked ?? []), ...(pend ? [pend.sha512] : [])])].slice(-100),
    });
    this.log('launcher.rolled-back', { from: pend?.to ?? null, to: back, why });
    if (back) this.start();
  }

  private writeStep(target: string, step: 'health-check' | 'done', reason: null, message: string, current?: string): void {
    const file = bundlePaths(this.o.root).state;
    const prior = readUpdateState(file);
    const pend = readPending(this.o.root);
    writeUpdateState(file, {
      step,
      current: current ?? prior?.current ?? 'unknown',
      target: step === 'done' ? null : target,
      reason,
      message,
      at: new Date().toISOString(),
      targetSha512: step === 'done' ? null : (pend?.sha512 ?? null),
      blocked: prior?.blocked ?? [],
    });
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    const delay = Math.min(60_000, 1000 * 2 ** Math.max(0, this.failures - 1));
    this.restartTimer = setTimeout(() => this.start(), delay);
  }

  private clearHealthTimer(): void {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.healthTimer = null;
  }
}
