// The Windows (NSIS) side of the Electron build's probation, with real files: the verified
// installer of each version the updater installs is kept, and a release that fails its health
// check is undone by running the previous version's installer silently. A version installed by
// hand has no installer to go back to: its failure is reported for a technician, not hidden.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from '../backend/log/logger';
import { makeFakeAutoUpdater } from '../backend/test-support/fake-auto-updater';
import { electronUpdatePaths, readPendingElectronUpdate } from '../backend/updates/electron-probation';
import { generateReleaseKey, manifestFor, signRelease } from '../backend/updates/release-signing';
import { readUpdateState } from '../backend/updates/update-state';
import { UpdateProbation } from './update-probation';

let dir: string;
let dataDir: string;
const logger = createLogger({ sink: () => undefined });
const key = generateReleaseKey();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'update-probation-'));
  dataDir = path.join(dir, 'data');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function probation(version: string) {
  const d = { exits: [] as number[], installers: [] as { file: string; args: string[] }[] };
  const p = new UpdateProbation({
    dataDir,
    version,
    platform: 'win32',
    env: {},
    autoUpdater: makeFakeAutoUpdater(path.join(dir, 'cache'), 'win32'),
    logger,
    exit: (code) => void d.exits.push(code),
    relaunch: () => undefined,
    runInstaller: (file, args) => void d.installers.push({ file, args }),
  });
  return Object.assign(d, { p });
}

async function installV2(from: ReturnType<typeof probation>) {
  const setup = new Uint8Array(40_000).map((_, i) => i % 97);
  const file = path.join(dir, 'verified.exe');
  fs.writeFileSync(file, setup);
  const release = signRelease(manifestFor(setup, '2.0.0'), key.privateKey);
  expect(await from.p.installer!.install(release, file)).toEqual({ ok: true, value: undefined });
  from.p.installer!.restart();
  return release;
}

it('NSIS: a failed release runs the previous version installer silently, and only the running version installer stays', async () => {
  const installed = electronUpdatePaths(dataDir).installed;
  fs.mkdirSync(installed, { recursive: true });
  fs.writeFileSync(path.join(installed, '1.0.0.exe'), 'setup 1.0.0');
  const v1 = probation('1.0.0');
  expect(v1.p.begin()).toBe('boot');
  const release = await installV2(v1);
  expect(v1.exits).toEqual([0]); // not under systemd: electron-updater starts the new version itself
  expect(fs.readdirSync(installed).sort()).toEqual(['1.0.0.exe', '2.0.0.exe']);

  const v2 = probation('2.0.0');
  expect(v2.p.begin()).toBe('boot');
  expect(v2.p.onProbation).toBe(true);
  expect(v2.p.bootFailed('migration failed')).toBe(true);
  expect(v2.installers).toEqual([{ file: path.join(installed, '1.0.0.exe'), args: ['/S', '--updated', '--force-run'] }]);
  expect(v2.exits).toEqual([0]);
  expect(fs.readdirSync(installed)).toEqual(['1.0.0.exe']);
  expect(readPendingElectronUpdate(dataDir)).toBeNull();
  const state = readUpdateState(electronUpdatePaths(dataDir).state)!;
  expect(state).toMatchObject({ step: 'rolled-back', current: '1.0.0', target: '2.0.0', reason: 'unhealthy' });
  expect(state.blocked).toContain(release.sha512);
});

it('NSIS: a healthy release keeps only its own installer for the next rollback', async () => {
  const v1 = probation('1.0.0');
  v1.p.begin();
  await installV2(v1);
  const v2 = probation('2.0.0');
  v2.p.begin();
  await v2.p.backendReady(
    { fetch: () => new Response('{}'), ctx: { devices: { list: () => ['id-card-reader', 'receipt-printer', 'a4-printer', 'scanner', 'code-scanner'].map((device) => ({ device })) } } },
    'kiosk://app',
  );
  v2.p.appLoaded();
  expect(readUpdateState(electronUpdatePaths(dataDir).state)).toMatchObject({ step: 'done', current: '2.0.0' });
  expect(fs.readdirSync(electronUpdatePaths(dataDir).installed)).toEqual(['2.0.0.exe']);
  v2.p.close();
});

it('a backend whose device layer does not supervise every device class fails the health check', async () => {
  const installed = electronUpdatePaths(dataDir).installed;
  fs.mkdirSync(installed, { recursive: true });
  fs.writeFileSync(path.join(installed, '1.0.0.exe'), 'setup 1.0.0');
  const v1 = probation('1.0.0');
  v1.p.begin();
  await installV2(v1);
  const v2 = probation('2.0.0');
  v2.p.begin();
  await v2.p.backendReady({ fetch: () => new Response('{}'), ctx: { devices: { list: () => [{ device: 'id-card-reader' }] } } }, 'kiosk://app');
  const state = readUpdateState(electronUpdatePaths(dataDir).state)!;
  expect(state).toMatchObject({ step: 'rolled-back', reason: 'unhealthy' });
  expect(state.message).toContain('devices not supervised: receipt-printer');
  expect(v2.installers).toHaveLength(1);
});

it('NSIS: without a kept installer (the version was installed by hand) the failure is reported for a technician and the release blocked', async () => {
  const v1 = probation('1.0.0');
  v1.p.begin();
  const release = await installV2(v1);
  const v2 = probation('2.0.0');
  v2.p.begin();
  expect(v2.p.bootFailed('boom')).toBe(false);
  expect(v2.installers).toEqual([]);
  expect(v2.exits).toEqual([]);
  const state = readUpdateState(electronUpdatePaths(dataDir).state)!;
  expect(state).toMatchObject({ step: 'refused', reason: 'unhealthy' });
  expect(state.blocked).toContain(release.sha512);
  v2.p.close();
});
