// The Electron shell's side of an update: it hands electron-updater (through ElectronInstaller) to
// the backend's updater, and after a restart into a new version it keeps that version on
// probation — the backend must boot and pass release-health.ts's checks and the window must load
// the app, within `healthTimeoutMs`, and the version must not start more than
// MAX_PROBATION_STARTS times (a crash loop) — then confirms it or goes back to the kept version
// (electron-probation.ts). Each step lands in update-state.json, which the heartbeat reports.
import type { Logger } from '../backend/log/logger';
import { EXIT_RESTART_FOR_UPDATE } from '../backend/updates/bundle-swap';
import { ElectronInstaller, type ElectronAppUpdater } from '../backend/updates/electron-installer';
import { confirmHealthy, rollBackElectron, startProbation, type PendingElectronUpdate } from '../backend/updates/electron-probation';
import { checkReleaseHealth, type HealthSubject } from '../backend/updates/release-health';

export interface UpdateProbationDeps {
  dataDir: string;
  version: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** electron-updater's autoUpdater; null where the app cannot update itself (not packaged) */
  autoUpdater: ElectronAppUpdater | null;
  logger: Logger;
  /** Ends the process cleanly (backend closed) with this code (75: restarted by its supervisor, as under the bundle launcher). */
  exit: (code: number) => void;
  /** Starts the app again from this file once this process has ended (app.relaunch). */
  relaunch: (execPath: string) => void;
  /** Starts an installer detached from this process. */
  runInstaller: (file: string, args: string[]) => void;
  healthTimeoutMs?: number;
}

export class UpdateProbation {
  readonly installer: ElectronInstaller | null;
  private pending: PendingElectronUpdate | null = null;
  private backendHealthy = false;
  private rendererLoaded = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly supervised: boolean;

  constructor(private readonly d: UpdateProbationDeps) {
    // systemd sets INVOCATION_ID for the units it runs (the locked session, the user unit).
    this.supervised = Boolean(d.env.INVOCATION_ID);
    this.installer = d.autoUpdater
      ? new ElectronInstaller(d.autoUpdater, {
          dataDir: d.dataDir,
          currentVersion: d.version,
          platform: d.platform,
          appImagePath: d.env.APPIMAGE ?? null,
          supervised: this.supervised,
          exitForUpdate: () => d.exit(this.supervised ? EXIT_RESTART_FOR_UPDATE : 0),
        })
      : null;
  }

  /**
   * At each start, before the backend boots. 'rolling-back': the new version crash-looped and
   * the process is ending into the previous one; the shell starts nothing.
   */
  begin(): 'boot' | 'rolling-back' {
    const start = startProbation(this.d.dataDir, this.d.version);
    switch (start.kind) {
      case 'none':
        return 'boot';
      case 'interrupted':
        this.d.logger.log('update.install-interrupted', { version: start.pending.to });
        return 'boot';
      case 'crash-loop':
        return this.rollBack(start.pending, `新版本 ${start.pending.starts - 1} 次启动均未通过自检 / crash loop: ${start.pending.starts - 1} starts without passing its health check`)
          ? 'rolling-back'
          : 'boot';
      case 'on-probation': {
        this.pending = start.pending;
        this.d.logger.log('update.health-check', { version: start.pending.to, from: start.pending.from, start: start.pending.starts });
        const ms = this.d.healthTimeoutMs ?? 120_000;
        this.timer = setTimeout(() => this.fail(`新版本未在 ${Math.round(ms / 1000)} 秒内通过自检 / not healthy within ${Math.round(ms / 1000)} s`), ms);
        return 'boot';
      }
    }
  }

  /**
   * Starts the app again (a remote configuration changed a field read only at start): under a
   * supervisor by ending with 75, otherwise by relaunching itself.
   */
  restartApp(): void {
    if (this.supervised) return this.d.exit(EXIT_RESTART_FOR_UPDATE);
    // an AppImage runs from a mount that ends with this process: start the file itself
    this.d.relaunch(this.d.env.APPIMAGE ?? process.execPath);
    this.d.exit(0);
  }

  get onProbation(): boolean {
    return this.pending !== null;
  }

  /** The backend booted: run the same checks as the headless host's launcher. */
  async backendReady(backend: HealthSubject, origin: string): Promise<void> {
    if (!this.pending) return;
    const health = await checkReleaseHealth(backend, origin);
    if (!health.ok) return void this.fail(`后端自检失败 / backend unhealthy: ${health.error}`);
    this.backendHealthy = true;
    this.confirmIfHealthy();
  }

  /** The window finished loading the app (not the shell's own page). */
  appLoaded(): void {
    if (!this.pending) return;
    this.rendererLoaded = true;
    this.confirmIfHealthy();
  }

  /**
   * The backend would not start. On probation that is the release's fault: roll back (true, the
   * process is ending). Otherwise the shell's usual handling applies (false).
   */
  bootFailed(message: string): boolean {
    if (!this.pending) return false;
    return this.fail(`后端无法启动 / backend did not start: ${message.slice(0, 160)}`);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private confirmIfHealthy(): void {
    const p = this.pending;
    if (!p || !this.backendHealthy || !this.rendererLoaded) return;
    this.close();
    this.pending = null;
    confirmHealthy(this.d.dataDir, p);
    this.d.logger.log('update.healthy', { version: p.to, from: p.from });
  }

  private fail(why: string): boolean {
    const p = this.pending;
    if (!p) return false;
    this.close();
    this.pending = null;
    return this.rollBack(p, why);
  }

  /** Puts the kept version back and ends into it; false when there was nothing to go back to. */
  private rollBack(p: PendingElectronUpdate, why: string): boolean {
    const back = rollBackElectron(this.d.dataDir, p, why, this.d.env.APPIMAGE ?? null);
    this.d.logger.log('update.rolled-back', { from: p.to, to: p.from, why, ok: back.ok, message: back.ok ? '' : back.error });
    if (!back.ok) return false;
    if (back.value.kind === 'nsis') {
      // NSIS: the previous version's installer, silent, starting the app when it is done.
      this.d.runInstaller(back.value.installer, ['/S', '--updated', '--force-run']);
      this.d.exit(0);
    } else if (this.supervised) this.d.exit(EXIT_RESTART_FOR_UPDATE);
    else {
      this.d.relaunch(back.value.path);
      this.d.exit(0);
    }
    return true;
  }
}
