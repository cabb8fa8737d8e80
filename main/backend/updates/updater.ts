// The terminal's updater: asks central which release it should run, downloads it in the
// background (resumable, bandwidth-capped), checks it against the pinned release key, waits for
// no citizen at the screen and the maintenance window, stages it through its installer and
// restarts into it. The launcher (or electron-updater) health-checks the new release and rolls
// back. Each step is kept in update-state.json and reported in the heartbeat, with a reason code
// when a release is refused.
import fs from 'node:fs';
import path from 'node:path';
import { channelTakes, type Channel, type HeartbeatUpdate, type SignedRelease, type UpdateAssignment, type UpdateStep } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import type { Logger } from '../log/logger';
import { inMaintenanceWindow, type MaintenanceWindow } from './maintenance-window';
import { checkArtifact, checkManifest, type Refusal } from './release-check';
import { downloadResumable, partialFile, type RangeFetcher } from './resumable-download';
import type { SignatureTrust } from './signature-verifier';
import { PeriodicPass } from './periodic-pass';
import { TokenBucket } from './token-bucket';
import type { UpdateInstaller } from './update-installer';
import { readUpdateState, writeUpdateState, type UpdateState } from './update-state';

export interface UpdaterDeps {
  currentVersion: string;
  /** the pinned release keys and the terminal's crypto suite (which signature algorithms count) */
  trust: SignatureTrust;
  /** this terminal's release channel (config updates.channel); default stable */
  channel?: Channel;
  assignment: () => Promise<Result<UpdateAssignment, string>>;
  fetchRange: (sha512: string) => RangeFetcher;
  installer: UpdateInstaller;
  /** update-state.json (shared with the launcher) */
  stateFile: string;
  /** where partial and verified downloads are kept */
  downloadDir: string;
  /** true while a citizen (or helper) uses the screen */
  citizenPresent: () => boolean;
  window: MaintenanceWindow | null;
  maxBytesPerSec: number;
  logger: Logger;
  now?: () => number;
  rangeBytes?: number;
}

export class Updater {
  private state: UpdateState;
  private readonly passes = new PeriodicPass(() => this.pass());
  private readonly abort = new AbortController();
  private readonly bucket: TokenBucket;
  private verified: { release: SignedRelease; file: string } | null = null;

  constructor(private readonly d: UpdaterDeps) {
    this.bucket = new TokenBucket(d.maxBytesPerSec, Math.max(d.maxBytesPerSec, d.rangeBytes ?? 256 * 1024));
    const saved = readUpdateState(d.stateFile);
    // What the launcher or a previous run left: a health check passed (done), a rollback, a refusal.
    this.state = saved
      ? { ...saved, current: d.currentVersion }
      : { step: 'idle', current: d.currentVersion, target: null, reason: null, message: '', at: new Date(this.now()).toISOString(), targetSha512: null, blocked: [] };
  }

  heartbeat(): HeartbeatUpdate {
    this.catchUp();
    const { targetSha512: _s, blocked: _b, ...hb } = this.state;
    return hb;
  }

  start(everyMs: number): void {
    this.passes.start(everyMs);
  }

  /** Stops polling and cuts a download in flight (it resumes at the next start). */
  stop(): Promise<void> {
    return this.passes.stop(() => this.abort.abort());
  }

  /** One pass; a pass already running is joined, not doubled. */
  check(): Promise<HeartbeatUpdate> {
    return this.passes.run();
  }

  /**
   * Takes in what the supervisor wrote since (the launcher's or the Electron shell's health check:
   * done, rolled back, a blocked release); this updater's own steps are in the file already.
   */
  private catchUp(): void {
    const saved = readUpdateState(this.d.stateFile);
    if (saved) this.state = { ...saved, current: this.d.currentVersion };
  }

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  private set(step: UpdateStep, release: SignedRelease | null, message: string, refusal: Refusal | null = null): void {
    this.state = {
      ...this.state,
      step,
      target: release?.version ?? null,
      targetSha512: release?.sha512 ?? null,
      reason: refusal?.reason ?? null,
      message: (refusal?.message ?? message).slice(0, 300),
      at: new Date(this.now()).toISOString(),
    };
    writeUpdateState(this.d.stateFile, this.state);
  }

  private refuse(release: SignedRelease, refusal: Refusal): HeartbeatUpdate {
    this.set('refused', release, '', refusal);
    this.d.logger.log('update.refused', { version: release.version, reason: refusal.reason, message: refusal.message });
    return this.heartbeat();
  }

  private async pass(): Promise<HeartbeatUpdate> {
    this.catchUp();
    const a = await this.d.assignment();
    if (!a.ok) return this.heartbeat();
    const release = a.value.release;
    if (!release || release.version === this.d.currentVersion) {
      if (this.state.step === 'waiting-for-idle' || this.state.step === 'downloading' || this.state.step === 'verified') this.set('idle', null, '');
      return this.heartbeat();
    }
    // A release this terminal rolled back from stays refused until a fixed one is published.
    if (this.state.blocked.includes(release.sha512)) return this.heartbeat();
    // Refused once for what it is (signature, version, content): the same bytes are refused again without downloading.
    if (this.state.step === 'refused' && this.state.targetSha512 === release.sha512 && this.state.reason !== 'download-failed' && this.state.reason !== 'truncated') return this.heartbeat();

    const manifest = checkManifest(release, this.d.currentVersion, this.d.trust);
    if (!manifest.ok) return this.refuse(release, manifest.error);
    // The channel is inside the signature: central assigning a beta release to a stable terminal
    // (a mistake or a compromised central) is refused here too.
    const channel = this.d.channel ?? 'stable';
    if (!channelTakes(channel, release.channel))
      return this.refuse(release, {
        reason: 'wrong-channel',
        message: `${release.version} 属于 ${release.channel} 渠道，本终端只接受 ${channel} / ${release.version} is a ${release.channel} release; this terminal takes ${channel} only`,
      });

    const file = partialFile(this.d.downloadDir, release.sha512);
    if (this.verified?.release.sha512 !== release.sha512) {
      this.set('downloading', release, `正在下载 ${release.version} / downloading ${release.version}`);
      this.d.logger.log('update.downloading', { version: release.version, size: release.size });
      let got: Awaited<ReturnType<typeof downloadResumable>>;
      try {
        got = await downloadResumable({ file, size: release.size, fetchRange: this.d.fetchRange(release.sha512), bucket: this.bucket, rangeBytes: this.d.rangeBytes, signal: this.abort.signal });
      } catch (e) {
        got = { ok: false, error: (e as Error).message };
      }
      if (!got.ok) {
        // Kept for the next pass, which goes on from the last byte written.
        this.set('refused', release, '', { reason: 'download-failed', message: `下载中断，下次继续 / download interrupted, resumes next time: ${got.error}` });
        this.d.logger.log('update.download-interrupted', { version: release.version, message: got.error });
        return this.heartbeat();
      }
      const content = await checkArtifact(release, file);
      if (!content.ok) {
        fs.rmSync(file, { force: true });
        return this.refuse(release, content.error);
      }
      this.verified = { release, file };
      this.set('verified', release, `${release.version} 已通过签名与 SHA-512 校验 / verified`);
      this.d.logger.log('update.verified', { version: release.version });
    }

    if (this.d.citizenPresent() || !inMaintenanceWindow(this.d.window, this.now())) {
      this.set('waiting-for-idle', release, '等待无人使用且处于维护时段 / waiting for no citizen at the screen and the maintenance window');
      return this.heartbeat();
    }
    // The file may have been touched since it was checked: check again right before it runs.
    const again = await checkArtifact(release, file);
    if (!again.ok) {
      this.verified = null;
      fs.rmSync(file, { force: true });
      return this.refuse(release, again.error);
    }
    this.set('installing', release, `正在安装 ${release.version} / installing`);
    this.d.logger.log('update.installing', { version: release.version, installer: this.d.installer.kind });
    const installed = await this.d.installer.install(release, file);
    if (!installed.ok) return this.refuse(release, { reason: 'install-failed', message: installed.error });
    fs.rmSync(file, { force: true });
    this.verified = null;
    this.d.installer.restart();
    return this.heartbeat();
  }
}

/** Where the updater keeps its downloads under the data folder. */
export function updateDownloadDir(dataDir: string): string {
  return path.join(dataDir, 'updates');
}
