// The rollout flow on a 国密 terminal, end to end over real HTTP against the reference central:
// the terminal runs the `sm` suite (its requests SM2-signed, central's answers checked in sm),
// both an Ed25519 and an SM2 release key are pinned, and the release manager publishes
// through central's admin API. An Ed25519-signed release is refused with `wrong-suite` and
// central's fleet page shows why; an SM2-signed one is stored and served by central with its
// algorithm tag unchanged, downloaded, verified and staged by the real bundle swap. Remote
// configuration the same way: SM2-signed applies, Ed25519-signed is refused.
// fleet-rollout.backend.test.ts covers the rest of the flow (launcher restarts, health checks,
// rollback, tampered storage, drift) with the international suite; this is only what sm changes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../../../central/embedded';
import { sampleHeartbeat } from '../../../central/fleet/sample-heartbeat';
import { createCryptoSuite } from '../../../common/crypto-suite/create-suite';
import type { SignedRelease } from '../../../common/fleet-updates';
import { CentralClient } from '../../../offline-queue/sync/central-client';
import { TERMINAL, testCentral } from '../../../offline-queue/test-support/harness';
import { parseConfig } from '../config/load';
import { RemoteConfigService } from '../config/remote-config';
import { createLogger } from '../log/logger';
import { BundleSwapInstaller, bundlePaths, switchLink } from './bundle-swap';
import { rangeFetcher } from './fleet-services';
import { generateReleaseKey, manifestFor, signRelease, signRemoteConfig } from './release-signing';
import type { SignatureTrust } from './signature-verifier';
import { Updater } from './updater';

const edKey = generateReleaseKey('ed25519');
const smKey = generateReleaseKey('sm2');
const trust: SignatureTrust = {
  suite: 'sm',
  keys: [
    { algorithm: 'ed25519', publicKey: edKey.publicKey },
    { algorithm: 'sm2', publicKey: smKey.publicKey },
  ],
};
const lines: string[] = [];
const logger = createLogger({ sink: (l) => lines.push(l) });

let work: string;
let central: RunningCentral;
let client: CentralClient;
let root: string;
const restarts: string[] = [];

function bundle(version: string): Uint8Array {
  const dir = fs.mkdtempSync(path.join(work, 'bundle-'));
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ version, entry: 'app.mjs' }));
  fs.writeFileSync(path.join(dir, 'app.mjs'), `console.log(${JSON.stringify(version)});\n`);
  const out = path.join(work, `bundle-${version}.tar.gz`);
  execFileSync('tar', ['-czf', out, '-C', dir, '.']);
  return new Uint8Array(fs.readFileSync(out));
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

async function publish(version: string, privateKey: string): Promise<SignedRelease> {
  const bytes = bundle(version);
  const release = signRelease(manifestFor(bytes, version), privateKey);
  const { releaseId } = (await (await admin('POST', '/v1/admin/releases', { ...release, artifactBase64: Buffer.from(bytes).toString('base64') })).json()) as { releaseId: number };
  await admin('PUT', `/v1/admin/releases/${releaseId}/rollout`, { stages: [{ group: 'pilot', percent: 100 }] });
  return release;
}

function updater(): Updater {
  const installer = new BundleSwapInstaller(root, () => restarts.push('restart'));
  return new Updater({
    currentVersion: '1.0.0',
    trust,
    assignment: async () => {
      const r = await client.call('updateAssignment');
      return r.ok ? { ok: true, value: r.body } : { ok: false, error: r.failure.message };
    },
    fetchRange: (sha) => rangeFetcher(client, sha),
    installer,
    stateFile: installer.stateFile,
    downloadDir: path.join(root, 'data', 'updates'),
    citizenPresent: () => false,
    window: null,
    maxBytesPerSec: 5_000_000,
    rangeBytes: 16 * 1024,
    logger,
  });
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-rollout-sm-'));
  // the terminal registered at central for the sm suite with its SM2 public key; every answer held to the OpenAPI document
  central = await testCentral(work, 'sm');
  client = new CentralClient({ baseUrl: central.url, terminalId: TERMINAL.terminalId, credentials: { suite: 'sm', keyPair: TERMINAL.sm2, crypto: createCryptoSuite('sm') } });
  await admin('PUT', `/v1/admin/terminals/${TERMINAL.terminalId}/group`, { group: 'pilot' });
  root = path.join(work, 'terminal');
  const first = path.join(bundlePaths(root).releases, '1.0.0');
  fs.mkdirSync(first, { recursive: true });
  execFileSync('tar', ['-xzf', '-', '-C', first], { input: bundle('1.0.0') });
  switchLink(bundlePaths(root).current, path.join('releases', '1.0.0'));
}, 60_000);

afterAll(async () => {
  await central?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('a release rollout to an sm terminal', () => {
  it('refuses an Ed25519-signed release (wrong-suite, shown at central), then installs an SM2-signed one central served unchanged', async () => {
    await publish('1.1.0', edKey.privateKey);
    const refused = await updater().check();
    expect(refused).toMatchObject({ step: 'refused', target: '1.1.0', reason: 'wrong-suite' });
    expect(refused.message).toContain('sm');
    expect(fs.readlinkSync(bundlePaths(root).current)).toBe(path.join('releases', '1.0.0'));
    expect(lines.some((l) => l.includes('"update.refused"') && l.includes('wrong-suite'))).toBe(true);
    expect((await client.call('heartbeat', { json: sampleHeartbeat({ update: refused }) })).ok).toBe(true);
    const fleet = (await (await fetch(new URL('/fleet/json', central.url), { headers: { Authorization: `Bearer ${central.adminToken}` } })).json()) as {
      terminals: { terminalId: string; heartbeat: { update: { step: string; reason: string | null } | null } | null }[];
    };
    expect(fleet.terminals.find((t) => t.terminalId === TERMINAL.terminalId)!.heartbeat!.update).toMatchObject({ step: 'refused', reason: 'wrong-suite' });

    const release = await publish('1.2.0', smKey.privateKey);
    const listed = (await (await admin('GET', '/v1/admin/releases')).json()) as { releases: { release: SignedRelease }[] };
    expect(listed.releases.find((r) => r.release.version === '1.2.0')!.release).toMatchObject({ algorithm: 'sm2', signature: release.signature });
    const assigned = await client.call('updateAssignment');
    expect(assigned.ok && assigned.body.release).toMatchObject({ version: '1.2.0', algorithm: 'sm2', signature: release.signature });

    expect(await updater().check()).toMatchObject({ step: 'installing', target: '1.2.0', reason: null });
    expect(fs.readlinkSync(bundlePaths(root).current)).toBe(path.join('releases', '1.2.0'));
    expect(restarts).toEqual(['restart']);
  }, 60_000);
});

describe('remote configuration to an sm terminal', () => {
  it('applies an SM2-signed group document and refuses an Ed25519-signed terminal document', async () => {
    const file = path.join(root, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ terminalId: TERMINAL.terminalId, hallName: '宿城区政务服务中心', crypto: { suite: 'sm' } }));
    const parsed = parseConfig(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new Error('config');
    const live = parsed.value;
    const service = new RemoteConfigService({
      terminalId: TERMINAL.terminalId,
      configFile: file,
      stateDir: path.join(root, 'data', 'remote-config'),
      trust,
      fetch: async () => {
        const r = await client.call('remoteConfig');
        return r.ok ? { ok: true, value: r.body } : { ok: false, error: r.failure.message };
      },
      citizenPresent: () => false,
      live,
      probeDevices: async () => ({ ok: true, value: undefined }),
      restartApp: () => undefined,
      logger,
    });
    await admin('PUT', '/v1/admin/configs/group/pilot', signRemoteConfig({ version: 1, scope: 'group', target: 'pilot', settings: { hallName: '国密大厅' } }, smKey.privateKey));
    await service.check();
    expect(live.hallName).toBe('国密大厅');
    expect(service.heartbeat()).toMatchObject({ applied: { group: 1, terminal: null }, refused: null });

    await admin(
      'PUT',
      `/v1/admin/configs/terminal/${TERMINAL.terminalId}`,
      signRemoteConfig({ version: 1, scope: 'terminal', target: TERMINAL.terminalId, settings: { township: '降级街道' } }, edKey.privateKey),
    );
    await service.check();
    expect(live.township).not.toBe('降级街道');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).not.toHaveProperty('township');
    expect(service.heartbeat()).toMatchObject({ applied: { group: 1, terminal: null }, refused: { scope: 'terminal', reason: 'wrong-suite' } });
  }, 60_000);
});
