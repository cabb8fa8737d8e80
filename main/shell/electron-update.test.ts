// The Electron build's update, end to end under Node: the shell (electron-main.ts against the fake
// `electron` module) hands its autoUpdater (a stand-in that reads the loopback feed and replaces
// $APPIMAGE as AppImageUpdater does) to the backend's real Updater, which downloads, verifies and
// installs a signed release; each "restart" imports the shell again as the new version with the
// same data folder and AppImage file. Proves: a good update is confirmed after its health check;
// a bad one (backend never ready, crash loop) goes back to the kept AppImage, is reported in the
// heartbeat and never installed again; a crash between the pending record and the restart
// recovers and installs again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignedRelease } from '../../common/fleet-updates';
import { createLogger } from '../backend/log/logger';
import { makeFakeAutoUpdater, type FakeAutoUpdater } from '../backend/test-support/fake-auto-updater';
import type { ElectronInstaller } from '../backend/updates/electron-installer';
import { electronUpdatePaths, MAX_PROBATION_STARTS, readPendingElectronUpdate } from '../backend/updates/electron-probation';
import { generateReleaseKey, manifestFor, signRelease } from '../backend/updates/release-signing';
import { Updater } from '../backend/updates/updater';
import { makeFakeElectron, type FakeElectron } from './test-support/fake-electron';

const fake = vi.hoisted(() => ({
  state: null as unknown as FakeElectron,
  updater: null as unknown as FakeAutoUpdater,
  boot: null as unknown as (opts: { updateInstaller?: unknown }) => Promise<unknown>,
  installer: null as ElectronInstaller | null,
  restartApp: null as ((reason: string) => void) | null,
}));

vi.mock('electron', () => {
  const current = (name: string) => fake.state.module[name];
  return {
    get app() {
      return current('app');
    },
    get session() {
      return current('session');
    },
    get BrowserWindow() {
      return current('BrowserWindow');
    },
    get Menu() {
      return current('Menu');
    },
    get protocol() {
      return current('protocol');
    },
    get safeStorage() {
      return current('safeStorage');
    },
  };
});
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      return fake.updater;
    },
  },
}));
vi.mock('../backend/boot', () => ({
  BootError: class BootError extends Error {},
  bootBackend: (opts: { updateInstaller?: ElectronInstaller; restartApp?: (reason: string) => void }) => {
    fake.installer = opts.updateInstaller ?? null;
    fake.restartApp = opts.restartApp ?? null;
    return fake.boot(opts);
  },
}));

const KINDS = ['id-card-reader', 'receipt-printer', 'a4-printer', 'scanner', 'code-scanner'];
const healthyBackend = {
  fetch: (req: Request) => new Response(new URL(req.url).pathname === '/api/system/info' ? '{}' : 'the app'),
  close: async () => undefined,
  ctx: { devices: { list: () => KINDS.map((device) => ({ device })) } },
  central: null,
};

const key = generateReleaseKey();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-update-'));
const saved = { env: { ...process.env }, uncaught: process.listeners('uncaughtException'), sigterm: process.listeners('SIGTERM') };
const logger = createLogger({ sink: () => undefined });

let dir: string;
let dataDir: string;
let appImage: string;
const v1 = 'the 1.0.0 AppImage';
const v2 = new Uint8Array(50_000).map((_, i) => (i * 7) % 251);
let release: SignedRelease;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-02T20:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  dir = fs.mkdtempSync(path.join(root, 't-'));
  dataDir = path.join(dir, 'data');
  appImage = path.join(dir, 'opt', 'gov-kiosk.AppImage');
  fs.mkdirSync(path.dirname(appImage));
  fs.writeFileSync(appImage, v1, { mode: 0o755 });
  process.env.KIOSK_DATA_DIR = dataDir;
  process.env.KIOSK_CONFIG = path.join(dir, 'none.json');
  process.env.APPIMAGE = appImage;
  process.env.INVOCATION_ID = 'systemd-unit';
  release = signRelease(manifestFor(v2, '2.0.0'), key.privateKey);
  fake.boot = vi.fn(async () => healthyBackend);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  process.env = { ...saved.env };
  for (const l of process.listeners('uncaughtException')) if (!saved.uncaught.includes(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('SIGTERM')) if (!saved.sigterm.includes(l)) process.off('SIGTERM', l);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** One start of the shell as `version` (a new process: the module is imported afresh). */
async function start(version: string) {
  vi.resetModules();
  fake.installer = null;
  fake.state = makeFakeElectron();
  fake.state.app.isPackaged = true;
  fake.state.app.getVersion = () => version;
  fake.updater = makeFakeAutoUpdater(path.join(dir, 'cache'));
  await import('./electron-main');
  await vi.advanceTimersByTimeAsync(0);
  return fake.state;
}

/** The backend's updater as boot.ts builds it, over the installer the shell handed in. */
function updaterFor(version: string, fetched: { ranges: number } = { ranges: 0 }) {
  const installer = fake.installer!;
  return new Updater({
    currentVersion: version,
    trust: { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: key.publicKey }] },
    assignment: async () => ({ ok: true, value: { release, reason: 'assigned' } }),
    fetchRange: () => async (s, e) => {
      fetched.ranges++;
      return { ok: true, value: { bytes: v2.slice(s, e + 1), total: v2.length } };
    },
    installer,
    stateFile: installer.stateFile!,
    downloadDir: path.join(dataDir, 'updates'),
    citizenPresent: () => false,
    window: null,
    maxBytesPerSec: 10_000_000,
    logger,
  });
}

/** Runs an update from 1.0.0 to 2.0.0 through the shell until the process ends for it. */
async function updateFromV1() {
  const f = await start('1.0.0');
  expect(fake.installer?.kind).toBe('electron');
  const updater = updaterFor('1.0.0');
  await updater.check();
  await vi.advanceTimersByTimeAsync(0);
  expect(updater.heartbeat()).toMatchObject({ step: 'installing', target: '2.0.0' });
  expect(f.app.exit).toHaveBeenCalledWith(75);
  expect(Buffer.from(fs.readFileSync(appImage)).equals(Buffer.from(v2))).toBe(true);
  return f;
}

const appLoaded = (f: FakeElectron) => f.windows.at(-1)!.webContents.emit('did-finish-load');

describe('an Electron update after its restart', () => {
  it('a good release passes its health check and stays; the heartbeat says done', async () => {
    await updateFromV1();
    const f = await start('2.0.0');
    expect(updaterFor('2.0.0').heartbeat()).toMatchObject({ step: 'health-check', target: '2.0.0' });
    appLoaded(f);
    await vi.advanceTimersByTimeAsync(0);
    const hb = updaterFor('2.0.0').heartbeat();
    expect(hb).toMatchObject({ step: 'done', current: '2.0.0', target: null });
    expect(readPendingElectronUpdate(dataDir)).toBeNull();
    expect(fs.readdirSync(electronUpdatePaths(dataDir).rollback)).toEqual([]);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(f.app.exit).not.toHaveBeenCalled();
  });

  it('a release whose backend never becomes ready is rolled back to the kept AppImage, reported, and not installed again', async () => {
    await updateFromV1();
    fake.boot = vi.fn(() => new Promise(() => undefined));
    const f = await start('2.0.0');
    await vi.advanceTimersByTimeAsync(119_000);
    expect(f.app.exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(f.app.exit).toHaveBeenCalledWith(75);
    expect(fs.readFileSync(appImage, 'utf8')).toBe(v1);
    expect((fs.statSync(appImage).mode & 0o111) !== 0).toBe(true);

    fake.boot = vi.fn(async () => healthyBackend);
    const back = await start('1.0.0');
    const fetched = { ranges: 0 };
    const updater = updaterFor('1.0.0', fetched);
    expect(updater.heartbeat()).toMatchObject({ step: 'rolled-back', current: '1.0.0', target: '2.0.0', reason: 'unhealthy' });
    expect(updater.heartbeat().message).toContain('120');
    await updater.check();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetched.ranges).toBe(0);
    expect(fake.updater.downloads).toBe(0);
    expect(back.app.exit).not.toHaveBeenCalled();
    expect(fs.readFileSync(appImage, 'utf8')).toBe(v1);
  });

  it('a release that crash-loops is rolled back before its next boot', async () => {
    await updateFromV1();
    fake.boot = vi.fn(() => new Promise(() => undefined));
    // each start dies before it proves healthy (the process is gone; nothing of it runs on)
    for (let i = 1; i <= MAX_PROBATION_STARTS; i++) {
      const f = await start('2.0.0');
      // past the start history's back-off (these are real failures), short of the health deadline
      await vi.advanceTimersByTimeAsync(10_000);
      expect(f.app.exit).not.toHaveBeenCalled();
      vi.clearAllTimers();
    }
    expect(fake.boot).toHaveBeenCalledTimes(MAX_PROBATION_STARTS);
    const f = await start('2.0.0');
    expect(fake.boot).toHaveBeenCalledTimes(MAX_PROBATION_STARTS);
    expect(f.app.exit).toHaveBeenCalledWith(75);
    expect(fs.readFileSync(appImage, 'utf8')).toBe(v1);
    fake.boot = vi.fn(async () => healthyBackend);
    await start('1.0.0');
    // the crashes count in the start history: the old version starts after its back-off
    await vi.advanceTimersByTimeAsync(60_000);
    expect(updaterFor('1.0.0').heartbeat()).toMatchObject({ step: 'rolled-back', reason: 'unhealthy' });
    expect(updaterFor('1.0.0').heartbeat().message).toContain('crash loop');
  });

  it('a backend that fails to start on the new version rolls back at once', async () => {
    await updateFromV1();
    fake.boot = vi.fn(async () => Promise.reject(new Error('数据库迁移失败 / migration failed')));
    const f = await start('2.0.0');
    expect(f.app.exit).toHaveBeenCalledWith(75);
    expect(f.app.exit).not.toHaveBeenCalledWith(1);
    expect(fs.readFileSync(appImage, 'utf8')).toBe(v1);
  });

  it('without a supervisor, the rollback relaunches the kept AppImage itself', async () => {
    delete process.env.INVOCATION_ID;
    const f1 = await start('1.0.0');
    await updaterFor('1.0.0').check();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.updater.installs.map((i) => i.runAfter)).toEqual([true]);
    expect(f1.app.exit).toHaveBeenCalledWith(0);
    fake.boot = vi.fn(async () => Promise.reject(new Error('boom')));
    const f = await start('2.0.0');
    const relaunch = (f.app as unknown as { relaunch: ReturnType<typeof vi.fn> }).relaunch;
    expect(relaunch).toHaveBeenCalledWith(expect.objectContaining({ execPath: appImage }));
    expect(f.app.exit).toHaveBeenCalledWith(0);
    expect(fs.readFileSync(appImage, 'utf8')).toBe(v1);
  });

  it('a crash after the pending record but before the restart recovers on the old version and installs again', async () => {
    const f = await start('1.0.0');
    // staged (kept copy + pending record), then the power went before quitAndInstall
    const staged = path.join(dir, 'verified');
    fs.writeFileSync(staged, v2);
    expect(await fake.installer!.install(release, staged)).toEqual({ ok: true, value: undefined });
    expect(readPendingElectronUpdate(dataDir)).not.toBeNull();
    expect(f.app.exit).not.toHaveBeenCalled();

    await start('1.0.0');
    expect(readPendingElectronUpdate(dataDir)).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000); // the crash's back-off before the backend starts
    expect(fs.readdirSync(electronUpdatePaths(dataDir).rollback)).toEqual([]);
    const updater = updaterFor('1.0.0');
    expect(updater.heartbeat()).toMatchObject({ step: 'idle' });
    expect(updater.heartbeat().message).toContain('tried again');
    await updater.check();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.updater.installs).toHaveLength(1);
    expect(Buffer.from(fs.readFileSync(appImage)).equals(Buffer.from(v2))).toBe(true);
  });

  it('a remote configuration that needs a restart ends the shell for its supervisor, or relaunches the AppImage without one', async () => {
    const f = await start('1.0.0');
    fake.restartApp!('远程配置需要重启 / remote configuration needs a restart: devices');
    await vi.advanceTimersByTimeAsync(0);
    expect(f.app.exit).toHaveBeenCalledWith(75);
    delete process.env.INVOCATION_ID;
    await vi.advanceTimersByTimeAsync(0);
    const g = await start('1.0.0');
    await vi.advanceTimersByTimeAsync(0);
    fake.restartApp!('remote configuration needs a restart: devices');
    await vi.advanceTimersByTimeAsync(0);
    expect((g.app as unknown as { relaunch: ReturnType<typeof vi.fn> }).relaunch).toHaveBeenCalledWith(expect.objectContaining({ execPath: appImage }));
    expect(g.app.exit).toHaveBeenCalledWith(0);
  });
});
