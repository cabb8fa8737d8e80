// The Electron installer hands electron-updater a loopback feed offering exactly the verified
// file, with its signed SHA-512; electron-updater itself cannot run here (no Electron binary), so
// a stand-in reads the feed the way its generic provider does. Before it installs, the running
// version is kept and the pending update recorded, so that the next start can go back.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeFakeAutoUpdater } from '../test-support/fake-auto-updater';
import { ElectronInstaller, type ElectronAppUpdater } from './electron-installer';
import { electronUpdatePaths, readPendingElectronUpdate } from './electron-probation';
import { generateReleaseKey, manifestFor, signRelease } from './release-signing';

let dir: string;
let appImage: string;
const appImageBefore = process.env.APPIMAGE;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-installer-'));
  appImage = path.join(dir, 'opt', 'gov-kiosk.AppImage');
  fs.mkdirSync(path.dirname(appImage));
  fs.writeFileSync(appImage, 'the 1.0.0 AppImage', { mode: 0o755 });
  process.env.APPIMAGE = appImage;
});
afterEach(() => {
  if (appImageBefore === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = appImageBefore;
  fs.rmSync(dir, { recursive: true, force: true });
});

function release(version = '2.0.0') {
  const bytes = new Uint8Array(70_000).map((_, i) => i % 200);
  const file = path.join(dir, 'verified');
  fs.writeFileSync(file, bytes);
  return { bytes, file, release: signRelease(manifestFor(bytes, version), generateReleaseKey().privateKey) };
}

const options = (exits: number[], o: Partial<ConstructorParameters<typeof ElectronInstaller>[1]> = {}) => ({
  dataDir: path.join(dir, 'data'),
  currentVersion: '1.0.0',
  platform: 'linux' as const,
  appImagePath: appImage,
  supervised: true,
  exitForUpdate: () => void exits.push(75),
  ...o,
});

it('offers the verified AppImage with its SHA-512, keeps the running one and records the pending update before installing', async () => {
  const { bytes, file, release: r } = release();
  const fake = makeFakeAutoUpdater(path.join(dir, 'cache'));
  const exits: number[] = [];
  const installer = new ElectronInstaller(fake, options(exits));
  expect(fake.autoDownload).toBe(false);
  expect(fake.autoInstallOnAppQuit).toBe(false);
  expect(fake.disableDifferentialDownload).toBe(true);
  // the updater's own checks decide downgrades (signed rollbacks) and channels
  expect(fake.allowDowngrade).toBe(true);
  expect(fake.allowPrerelease).toBe(true);
  expect(await installer.install(r, file)).toEqual({ ok: true, value: undefined });
  expect(fake.downloads).toBe(1);
  const p = electronUpdatePaths(path.join(dir, 'data'));
  expect(fs.readFileSync(path.join(p.rollback, '1.0.0.AppImage'), 'utf8')).toBe('the 1.0.0 AppImage');
  expect(readPendingElectronUpdate(path.join(dir, 'data'))).toMatchObject({ from: '1.0.0', to: '2.0.0', sha512: r.sha512, format: 'appimage', appImagePath: appImage, starts: 0 });
  // nothing replaced until the restart
  expect(fs.readFileSync(appImage, 'utf8')).toBe('the 1.0.0 AppImage');
  installer.restart();
  // supervised (systemd): installed without starting it, then the shell's exit for its supervisor
  expect(fake.installs.map((i) => [i.silent, i.runAfter])).toEqual([[true, false]]);
  expect(exits).toEqual([75]);
  expect(Buffer.from(fs.readFileSync(appImage)).equals(Buffer.from(bytes))).toBe(true);
  expect(crypto.createHash('sha512').update(fs.readFileSync(appImage)).digest('hex')).toBe(r.sha512);
});

it('refuses, before downloading, an install that is not an AppImage (a .deb updates through its package repository)', async () => {
  const { file, release: r } = release();
  const fake = makeFakeAutoUpdater(path.join(dir, 'cache'));
  const installer = new ElectronInstaller(fake, options([], { appImagePath: null }));
  const got = await installer.install(r, file);
  expect(got.ok).toBe(false);
  expect(!got.ok && got.error).toContain('not an AppImage');
  expect(fake.downloads).toBe(0);
  expect(readPendingElectronUpdate(path.join(dir, 'data'))).toBeNull();
});

it('when electron-updater cannot take the release, drops the kept copy and records nothing', async () => {
  const { file, release: r } = release();
  const broken: ElectronAppUpdater = { ...makeFakeAutoUpdater(path.join(dir, 'cache')), downloadUpdate: async () => Promise.reject(new Error('ERR_UPDATER_INVALID_SIGNATURE')) };
  const got = await new ElectronInstaller(broken, options([])).install(r, file);
  expect(got).toEqual({ ok: false, error: 'electron-updater: ERR_UPDATER_INVALID_SIGNATURE' });
  expect(readPendingElectronUpdate(path.join(dir, 'data'))).toBeNull();
  expect(fs.existsSync(path.join(electronUpdatePaths(path.join(dir, 'data')).rollback, '1.0.0.AppImage'))).toBe(false);
});
