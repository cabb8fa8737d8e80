// The Electron build's installer: electron-updater behind the same interface as the bundle swap.
// The updater has already downloaded and verified the installer (AppImage / NSIS) against the
// pinned release key; electron-updater is pointed at a loopback feed that offers exactly that
// file (its latest.yml carries the same SHA-512, which electron-updater checks again) and
// installs it on quit. The shell passes electron-updater's `autoUpdater` in (main/shell may
// import Electron; this module may not), so this file compiles and is tested without it.
// Not here yet: electron-updater keeps no previous version, so the Electron build's health check
// and rollback after restart are the shell's to add (see main/README.md).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SignedRelease } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import type { UpdateInstaller } from './update-installer';

/** The part of electron-updater's AppUpdater this installer uses. */
export interface ElectronAppUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
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

export class ElectronInstaller implements UpdateInstaller {
  readonly kind = 'electron' as const;
  readonly stateFile = null;

  constructor(private readonly updater: ElectronAppUpdater) {
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
  }

  async install(release: SignedRelease, artifactFile: string): Promise<Result<void, string>> {
    const fileName = `gov-kiosk-${release.version}${process.platform === 'win32' ? '.exe' : '.AppImage'}`;
    const yml = latestYml(release, fileName);
    const server = http.createServer((req, res) => {
      const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
      if (name.startsWith('latest')) return void res.end(yml);
      if (name === fileName) return void fs.createReadStream(artifactFile).pipe(res);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      this.updater.setFeedURL({ provider: 'generic', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
      await this.updater.checkForUpdates();
      await this.updater.downloadUpdate();
      return { ok: true, value: undefined };
    } catch (e) {
      return { ok: false, error: `electron-updater: ${(e as Error).message.slice(0, 200)}` };
    } finally {
      server.close();
    }
  }

  restart(): void {
    this.updater.quitAndInstall(true, true);
  }
}
