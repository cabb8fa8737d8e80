// The fleet scenario end to end, over real HTTP against the reference central, with real bundle
// swaps and real restarts of a launched app (a child of the bundle launcher, itself a child
// process): an operator publishes a signed release to a two-group rollout; the pilot group's
// terminal updates at idle and the other group's does not; a deliberately broken release is
// rolled back by the launcher's health check; an artifact tampered with in central's storage is
// refused; a configuration change made at central reaches a terminal and applies at idle, and a
// technician's local change shows at central as drift.
// What it cannot prove here: electron-updater (the Electron build's installer) does not run
// without the Electron binary; the bundles are small test apps, not the production headless
// bundle (scripts/production-build.test.ts covers that bundle).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../../../central/embedded';
import { checkContractAfterEach } from '../../../central/test-support/contract-fetch';
import { sampleHeartbeat } from '../../../central/fleet/sample-heartbeat';
import type { SignedRelease } from '../../../common/fleet-updates';
import { CentralClient } from '../../../offline-queue/sync/central-client';
import { testCentral } from '../../../offline-queue/test-support/harness';
import { parseConfig } from '../config/load';
import { RemoteConfigService } from '../config/remote-config';
import type { KioskConfig } from '../config/schema';
import { createLogger } from '../log/logger';
import { editConfig } from '../maintenance/config-edit';
import { BundleSwapInstaller, bundlePaths, switchLink } from './bundle-swap';
import { rangeFetcher } from './fleet-services';
import { generateReleaseKey, manifestFor, signRelease, signRemoteConfig } from './release-signing';
import { Updater } from './updater';

const LAUNCHER = path.join(import.meta.dirname, 'bundle-launcher-cli.ts');
const key = generateReleaseKey();
const configKey = generateReleaseKey();
const lines: string[] = [];
const logger = createLogger({ sink: (l) => lines.push(l) });

let work: string;
let central: RunningCentral;
checkContractAfterEach();

const GOOD_APP = `import fs from 'node:fs';
const { version } = JSON.parse(fs.readFileSync(new URL('./bundle.json', import.meta.url), 'utf8'));
fs.writeFileSync(process.env.RUNNING_FILE, JSON.stringify({ version, pid: process.pid }));
process.send?.({ type: 'kiosk-health', ok: true, version, message: 'ok' });
setInterval(() => {}, 1000);
process.on('SIGTERM', () => process.exit(0));
`;
// Fails at start, as a release with a broken migration or a missing module would.
const BROKEN_APP = `throw new Error('数据库迁移失败 / migration failed');\n`;

function bundle(version: string, app: string): Uint8Array {
  const dir = fs.mkdtempSync(path.join(work, 'bundle-'));
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ version, entry: 'app.mjs' }));
  fs.writeFileSync(path.join(dir, 'app.mjs'), app);
  const out = path.join(work, `bundle-${version}.tar.gz`);
  execFileSync('tar', ['-czf', out, '-C', dir, '.']);
  return new Uint8Array(fs.readFileSync(out));
}

interface Terminal {
  id: string;
  root: string;
  launcher: ChildProcess;
  client: CentralClient;
  present: boolean;
  updater: () => Updater;
  running: () => { version: string; pid: number } | null;
}

async function terminal(id: string, group: string): Promise<Terminal> {
  const secret = `${id}-secret`.padEnd(40, 's');
  central.registerTerminal(id, secret);
  await admin('PUT', `/v1/admin/terminals/${id}/group`, { group });
  const root = path.join(work, id);
  const first = path.join(bundlePaths(root).releases, '1.0.0');
  fs.mkdirSync(first, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(work, 'bundle-1.0.0.tar.gz'), '-C', first]);
  switchLink(bundlePaths(root).current, path.join('releases', '1.0.0'));
  const runningFile = path.join(root, 'running.json');
  const launcher = spawn(process.execPath, ['--import', 'tsx', LAUNCHER, '--root', root, '--health-timeout-sec', '30'], {
    env: { ...process.env, RUNNING_FILE: runningFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  launcher.stdout!.on('data', (b: Buffer) => lines.push(...b.toString().trim().split('\n')));
  const client = new CentralClient({ baseUrl: central.url, terminalId: id, secret });
  const t: Terminal = {
    id,
    root,
    launcher,
    client,
    present: false,
    running: () => (fs.existsSync(runningFile) ? (JSON.parse(fs.readFileSync(runningFile, 'utf8')) as { version: string; pid: number }) : null),
    // The updater as the running app would build it, for the version it runs now.
    updater: () => {
      const installer = new BundleSwapInstaller(root, () => process.kill(launcher.pid!, 'SIGUSR2'));
      return new Updater({
        currentVersion: t.running()!.version,
        trust: { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: key.publicKey }] },
        assignment: async () => {
          const r = await client.call('updateAssignment');
          return r.ok ? { ok: true, value: r.body } : { ok: false, error: r.failure.message };
        },
        fetchRange: (sha) => rangeFetcher(client, sha),
        installer,
        stateFile: installer.stateFile,
        downloadDir: path.join(root, 'data', 'updates'),
        citizenPresent: () => t.present,
        window: null,
        maxBytesPerSec: 5_000_000,
        rangeBytes: 64 * 1024,
        logger,
      });
    },
  };
  await until(() => t.running()?.version === '1.0.0', `${id} running 1.0.0`);
  return t;
}

async function admin(method: string, p: string, json?: unknown): Promise<Response> {
  const r = await fetch(new URL(p, central.url), {
    method,
    headers: { Authorization: `Bearer ${central.adminToken}`, 'Content-Type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
  return r;
}

async function publish(bytes: Uint8Array, version: string, stages: { group: string; percent: number }[]): Promise<SignedRelease> {
  const release = signRelease(manifestFor(bytes, version), key.privateKey);
  const { releaseId } = (await (await admin('POST', '/v1/admin/releases', { ...release, artifactBase64: Buffer.from(bytes).toString('base64') })).json()) as { releaseId: number };
  await admin('PUT', `/v1/admin/releases/${releaseId}/rollout`, { stages });
  return release;
}

async function until(ok: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${lines.slice(-15).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function beat(t: Terminal, extra: Parameters<typeof sampleHeartbeat>[0]): Promise<void> {
  const r = await t.client.call('heartbeat', { json: sampleHeartbeat(extra) });
  expect(r.ok).toBe(true);
}

async function fleet(): Promise<{ terminalId: string; flags: string[]; heartbeat: { update: { step: string; reason: string | null } | null } | null }[]> {
  const r = await fetch(new URL('/fleet/json', central.url), { headers: { Authorization: `Bearer ${central.adminToken}` } });
  return ((await r.json()) as { terminals: never[] }).terminals;
}

let pilot: Terminal;
let hall: Terminal;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-rollout-'));
  // every answer central gives in this test is held to its OpenAPI document
  central = await testCentral(work);
  bundle('1.0.0', GOOD_APP);
  pilot = await terminal('PILOT001', 'pilot');
  hall = await terminal('HALL0001', 'hall');
}, 60_000);

afterAll(async () => {
  for (const t of [pilot, hall]) {
    if (!t) continue;
    const gone = new Promise((r) => t.launcher.once('exit', r));
    t.launcher.kill('SIGTERM');
    await gone;
  }
  await central?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a signed release through a two-group rollout', () => {
  it('updates the pilot group at idle and leaves the other group alone', async () => {
    await publish(bundle('1.1.0', GOOD_APP), '1.1.0', [
      { group: 'pilot', percent: 100 },
      { group: 'hall', percent: 0 },
    ]);
    const u = pilot.updater();
    pilot.present = true;
    expect(await u.check()).toMatchObject({ step: 'waiting-for-idle', target: '1.1.0' });
    expect(pilot.running()!.version).toBe('1.0.0');

    pilot.present = false;
    expect(await u.check()).toMatchObject({ step: 'installing', target: '1.1.0' });
    await until(() => pilot.running()?.version === '1.1.0', 'pilot on 1.1.0');
    // the new app's updater reads what the launcher's health check concluded
    await until(() => pilot.updater().heartbeat().step === 'done', 'health check done');
    expect(pilot.updater().heartbeat()).toMatchObject({ step: 'done', current: '1.1.0', reason: null });
    expect(fs.readlinkSync(bundlePaths(pilot.root).previous)).toBe(path.join('releases', '1.0.0'));

    expect(await hall.updater().check()).toMatchObject({ step: 'idle', current: '1.0.0' });
    expect(hall.running()!.version).toBe('1.0.0');
  }, 90_000);

  it('rolls back a release that fails its health check after the restart, and does not install it again', async () => {
    const pidBefore = pilot.running()!.pid;
    await publish(bundle('1.2.0', BROKEN_APP), '1.2.0', [{ group: 'pilot', percent: 100 }]);
    expect(await pilot.updater().check()).toMatchObject({ step: 'installing', target: '1.2.0' });
    await until(() => pilot.updater().heartbeat().step === 'rolled-back', 'rollback');
    await until(() => pilot.running()!.pid !== pidBefore && pilot.running()!.version === '1.1.0', 'pilot back on 1.1.0');
    const after = pilot.updater();
    expect(after.heartbeat()).toMatchObject({ step: 'rolled-back', current: '1.1.0', target: '1.2.0', reason: 'unhealthy' });
    expect(fs.readlinkSync(bundlePaths(pilot.root).current)).toBe(path.join('releases', '1.1.0'));
    // central still assigns 1.2.0 until an operator pauses it: the terminal does not try it again
    expect(await after.check()).toMatchObject({ step: 'rolled-back' });
    expect(pilot.running()!.version).toBe('1.1.0');

    await beat(pilot, { update: after.heartbeat() });
    const seen = (await fleet()).find((t) => t.terminalId === pilot.id)!;
    expect(seen.flags).toContain('update-failed');
    expect(seen.heartbeat!.update).toMatchObject({ step: 'rolled-back', reason: 'unhealthy' });
  }, 90_000);

  it('refuses an artifact tampered with in central storage, and keeps running what it runs', async () => {
    const release = await publish(bundle('1.3.0', GOOD_APP), '1.3.0', [{ group: 'pilot', percent: 100 }]);
    // one byte changed where central keeps the artifact (a compromised store or disk)
    const stored = (central.store.db.prepare('SELECT artifact FROM releases WHERE sha512 = ?').get(release.sha512) as { artifact: Buffer }).artifact;
    const mid = Math.floor(stored.length / 2);
    stored[mid] = stored[mid]! ^ 0xff;
    central.store.db.prepare('UPDATE releases SET artifact = ? WHERE sha512 = ?').run(stored, release.sha512);
    const u = pilot.updater();
    expect(await u.check()).toMatchObject({ step: 'refused', target: '1.3.0', reason: 'tampered' });
    expect(pilot.running()!.version).toBe('1.1.0');
    expect(lines.some((l) => l.includes('"update.refused"') && l.includes('tampered'))).toBe(true);
  }, 60_000);
});

describe('remote configuration from central', () => {
  it('reaches the terminal, applies at idle, and a local change shows at central as drift', async () => {
    const file = path.join(pilot.root, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ terminalId: pilot.id, hallName: '宿城区政务服务中心' }));
    const parsed = parseConfig(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new Error('config');
    const live: KioskConfig = parsed.value;
    const service = new RemoteConfigService({
      terminalId: pilot.id,
      configFile: file,
      stateDir: path.join(pilot.root, 'data', 'remote-config'),
      trust: { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: configKey.publicKey }] },
      fetch: async () => {
        const r = await pilot.client.call('remoteConfig');
        return r.ok ? { ok: true, value: r.body } : { ok: false, error: r.failure.message };
      },
      citizenPresent: () => pilot.present,
      live,
      probeDevices: async () => ({ ok: true, value: undefined }),
      restartApp: () => undefined,
      logger,
    });
    await admin(
      'PUT',
      '/v1/admin/configs/group/pilot',
      signRemoteConfig({ version: 1, scope: 'group', target: 'pilot', settings: { hallName: '宿城区政务服务中心（新馆）', idle: { warnAfterSec: 150 } } }, configKey.privateKey),
    );

    pilot.present = true;
    await service.check();
    expect(live.hallName).toBe('宿城区政务服务中心');
    pilot.present = false;
    await service.check();
    expect(live.hallName).toBe('宿城区政务服务中心（新馆）');
    expect(live.idle.warnAfterSec).toBe(150);
    expect(service.heartbeat()).toMatchObject({ applied: { group: 1, terminal: null }, drift: false });

    editConfig(file, { 'idle.warnAfterSec': 300 });
    await beat(pilot, { config: service.heartbeat() });
    expect((await fleet()).find((t) => t.terminalId === pilot.id)!.flags).toContain('config-drift');
    const drift = (await (await admin('GET', '/v1/admin/config-drift')).json()) as { drift: { terminalId: string; fields: string[] }[] };
    expect(drift.drift[0]).toMatchObject({ terminalId: pilot.id, fields: ['idle.warnAfterSec'] });
  }, 60_000);
});
