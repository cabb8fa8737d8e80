// The Electron installer hands electron-updater a loopback feed offering exactly the verified
// file, with its signed SHA-512; electron-updater itself cannot run here (no Electron binary), so
// a stand-in reads the feed the way its generic provider does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ElectronInstaller, type ElectronAppUpdater } from './electron-installer';
import { generateReleaseKey, manifestFor, signRelease } from './release-signing';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-installer-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('offers the verified installer with its SHA-512 and installs on restart', async () => {
  const bytes = new Uint8Array(70_000).map((_, i) => i % 200);
  const file = path.join(dir, 'setup');
  fs.writeFileSync(file, bytes);
  const release = signRelease(manifestFor(bytes, '2.0.0'), generateReleaseKey().privateKey);
  let feed = '';
  let downloaded: Buffer | null = null;
  let yml = '';
  const calls: string[] = [];
  const fake: ElectronAppUpdater = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    setFeedURL: (o) => void (feed = o.url),
    checkForUpdates: async () => (yml = await (await fetch(new URL('latest-linux.yml', feed))).text()),
    downloadUpdate: async () => {
      const name = /^path: (.+)$/m.exec(yml)![1]!;
      downloaded = Buffer.from(await (await fetch(new URL(name, feed))).arrayBuffer());
    },
    quitAndInstall: (silent, runAfter) => void calls.push(`quitAndInstall ${silent} ${runAfter}`),
  };
  const installer = new ElectronInstaller(fake);
  expect(fake.autoDownload).toBe(false);
  expect(await installer.install(release, file)).toEqual({ ok: true, value: undefined });
  expect(yml).toContain('version: 2.0.0');
  expect(yml).toContain(`sha512: ${crypto.createHash('sha512').update(bytes).digest('base64')}`);
  expect(downloaded!.equals(bytes)).toBe(true);
  installer.restart();
  expect(calls).toEqual(['quitAndInstall true true']);
});
