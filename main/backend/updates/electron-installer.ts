// The Electron build's installer: electron-updater behind the same interface as the bundle swap.
// The updater has already downloaded and verified the installer (AppImage / NSIS) against the
// pinned release key; electron-updater is pointed at a loopback feed that offers exactly that
// file (its latest.yml carries the same SHA-512, which electron-updater checks again) and
// installs it when the updater restarts the app. The shell passes electron-updater's
// `autoUpdater` in (main/shell may import Electron; this module may not), so this file compiles
// and is tested without it. electron-updater keeps no previous version: before it installs, the
// running version's artifact is kept and a pending-update record written (electron-probation.ts),
// which the shell's health check after the restart confirms or rolls back.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SignedRelease } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import { discardKept, electronUpdatePaths, keepPrevious, recordPending } from './electron-probation';
import type { UpdateInstaller } from './update-installer';

/** The part of electron-updater's AppUpdater this installer uses. */
export interface ElectronAppUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  /** the loopback feed has no block maps: always the whole (verified) file */
  disableDifferentialDownload: boolean;
  /** a lower version is offered only when the release key signed it as a rollback (release-check.ts) */
  allowDowngrade: boolean;
  /** beta releases carry pre-release versions (1.5.0-beta.1); the channel was checked already */
  allowPrerelease: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** latest.yml as electron-updater's generic provider reads it. */
export function latestYml(release: SignedRelease, fileName: string): string {
  const sha512 = Buffer.from(release.sha512, 'hex').toString('base64');
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${release.size}`,
    `path: ${fileName}`,
    `sha512: ${sha512}`,
    `releaseDate: '${new Date().toISOString()}'`,
    '',
  ].join('\n');
}

export interface ElectronInstallerOptions {
  dataDir: string;
  /** the version running now */
  currentVersion: string;
  platform: NodeJS.Platform;
  /** $APPIMAGE of the running app (Linux AppImage); null otherwise */
  appImagePath: string | null;
  /**
   * A service manager restarts the app when it exits non-zero (systemd: the locked session, the
   * user unit): the new version is installed without starting it, and the supervisor starts it.
   * Otherwise electron-updater starts it itself.
   */
  supervised: boolean;
  /** Closes the backend and ends the process (the shell's clean exit, code 75 when supervised). */
  exitForUpdate: () => void;
}

export class ElectronInstaller implements UpdateInstaller {
  readonly kind = 'electron' as const;
  readonly stateFile: string;

  constructor(
    private readonly updater: ElectronAppUpdater,
    private readonly o: ElectronInstallerOptions,
  ) {
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.disableDifferentialDownload = true;
    updater.allowDowngrade = true;
    updater.allowPrerelease = true;
    this.stateFile = electronUpdatePaths(o.dataDir).state;
  }

  async install(release: SignedRelease, artifactFile: string): Promise<Result<void, string>> {
    const stage = { dataDir: this.o.dataDir, release, artifactFile, from: this.o.currentVersion, platform: this.o.platform, appImagePath: this.o.appImagePath };
    const kept = keepPrevious(stage);
    if (!kept.ok) return kept;
    const fileName = `gov-kiosk-${release.version}${this.o.platform === 'win32' ? '.exe' : '.AppImage'}`;
    const yml = latestYml(release, fileName);
    const server = http.createServer((req, res) => {
      const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
      // latest.yml, latest-linux(-arm64).yml, or <channel>.yml for a pre-release app version
      if (name.endsWith('.yml')) return void res.end(yml);
      if (name === fileName) return void fs.createReadStream(artifactFile).pipe(res);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      this.updater.setFeedURL({ provider: 'generic', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
      await this.updater.checkForUpdates();
      await this.updater.downloadUpdate();
      // Durable before the restart: a crash from here on is recovered at the next start.
      recordPending(stage, kept.value);
      return { ok: true, value: undefined };
    } catch (e) {
      discardKept(stage, kept.value);
      return { ok: false, error: `electron-updater: ${(e as Error).message.slice(0, 200)}` };
    } finally {
      server.close();
    }
  }

  restart(): void {
    // Installs now (AppImage: the new file in place; NSIS: its installer started, waiting for this
    // process to end), then quits; the shell turns that quit into its own clean exit.
    this.updater.quitAndInstall(true, !this.o.supervised);
    this.o.exitForUpdate();
  }
}
