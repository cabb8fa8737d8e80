// A stand-in for electron-updater's autoUpdater (the real one needs the Electron binary): it reads
// the loopback feed the way the generic provider does (latest*.yml, then the file it names,
// checking the SHA-512 the feed states), keeps the download in a cache folder, and on
// quitAndInstall does what AppImageUpdater.doInstall does with a file name without a version:
// moves the download over $APPIMAGE. NSIS (win32) installs are recorded, not run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ElectronAppUpdater } from '../updates/electron-installer';

export interface FakeAutoUpdater extends ElectronAppUpdater {
  readonly installs: { silent: boolean | undefined; runAfter: boolean | undefined; file: string }[];
  downloads: number;
}

export function makeFakeAutoUpdater(cacheDir: string, platform: NodeJS.Platform = 'linux'): FakeAutoUpdater {
  let feed = '';
  let yml = '';
  let downloaded: string | null = null;
  const u: FakeAutoUpdater = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    disableDifferentialDownload: false,
    allowDowngrade: false,
    allowPrerelease: false,
    installs: [],
    downloads: 0,
    setFeedURL: (o) => void (feed = o.url),
    checkForUpdates: async () => {
      const r = await fetch(new URL(platform === 'win32' ? 'latest.yml' : 'latest-linux.yml', feed));
      if (!r.ok) throw new Error(`feed answered ${r.status}`);
      yml = await r.text();
      return yml;
    },
    downloadUpdate: async () => {
      const name = /^path: (.+)$/m.exec(yml)?.[1];
      const sha512 = /^sha512: (.+)$/m.exec(yml)?.[1];
      if (!name || !sha512) throw new Error('latest.yml without path or sha512');
      const bytes = Buffer.from(await (await fetch(new URL(name, feed))).arrayBuffer());
      if (crypto.createHash('sha512').update(bytes).digest('base64') !== sha512) throw new Error('sha512 checksum mismatch');
      fs.mkdirSync(cacheDir, { recursive: true });
      downloaded = path.join(cacheDir, name);
      fs.writeFileSync(downloaded, bytes, { mode: 0o755 });
      u.downloads++;
    },
    quitAndInstall: (silent, runAfter) => {
      if (!downloaded) throw new Error('nothing downloaded');
      u.installs.push({ silent, runAfter, file: downloaded });
      if (platform !== 'win32') fs.renameSync(downloaded, process.env.APPIMAGE!);
      downloaded = null;
    },
  };
  return u;
}
