// The headless release flow from a checkout to a terminal: `npm run package:bundle` builds the
// production headless bundle with the province's pinned keys into a versioned tarball and
// manifest, `npm run release-key -- sign-release` signs it, and the terminal's own checks and
// bundle swap take it: the signature verifies against the key baked into the bundle, the bytes
// match the manifest, the swap unpacks it, and the bundle launcher starts it and sees it report
// itself healthy. Packaging without the province's keys is refused.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedReleaseSchema } from '../common/fleet-updates';
import { BundleSwapInstaller, bundlePaths, linkedVersion, readBundleManifest } from '../main/backend/updates/bundle-swap';
import { checkArtifact, checkManifest } from '../main/backend/updates/release-check';
import { generateReleaseKey } from '../main/backend/updates/release-signing';
import { readUpdateState } from '../main/backend/updates/update-state';
import { LOADED_BY_NAME } from './package-bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const PACKAGE = path.join(ROOT, 'scripts', 'package-bundle.mjs');
const RELEASE_KEY_CLI = path.join(ROOT, 'main', 'backend', 'updates', 'release-key-cli.ts');
const LAUNCHER_CLI = path.join(ROOT, 'main', 'backend', 'updates', 'bundle-launcher-cli.ts');
const PLACEHOLDER_RELEASE_KEY = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEANmeVRqOlOj5D1vXY++YR5SKtWHPr3E8q3f9/e9SlyNQ=\n-----END PUBLIC KEY-----\n';

let dir: string;
const releaseKey = generateReleaseKey();
const configKey = generateReleaseKey();

beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'package-bundle-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cleanEnv = () => ({ PATH: process.env.PATH, HOME: dir, TMPDIR: process.env.TMPDIR ?? os.tmpdir() });

function keyFile(release: string, config: string): string {
  const f = path.join(dir, `keys-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(f, JSON.stringify({ release: [{ algorithm: 'ed25519', publicKey: release }], config: [{ algorithm: 'ed25519', publicKey: config }] }));
  return f;
}

/** Files the shipped bundle is built from (what esbuild follows from the hosts' entries). */
function productSources(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!['node_modules', 'test-support', 'fixtures'].includes(e.name)) walk(p);
      } else if (/\.(ts|tsx|mjs)$/.test(e.name) && !/\.(test|e2e|bench)\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const top of ['main', 'devices', 'offline-queue', 'common', 'documents']) if (fs.existsSync(path.join(ROOT, top))) walk(path.join(ROOT, top));
  return out;
}

describe('what a release bundle carries', () => {
  it('ships every package the code loads by name at run time, which the bundle metafile cannot see', () => {
    const named = new Set<string>();
    for (const f of productSources())
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/createRequire\(import\.meta\.url\)(?:\.resolve)?\(\s*'([^']+)'/g))
        named.add(m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!);
    expect(named.size).toBeGreaterThan(0);
    expect([...named].filter((n) => !LOADED_BY_NAME.includes(n))).toEqual([]);
  });
});

describe('packaging refuses a build the province has not keyed', () => {
  it('without a key file, with the shipped placeholder key, or with a malformed one — before building anything', () => {
    const out = path.join(dir, 'refused');
    const none = spawnSync(process.execPath, [PACKAGE, '--out', out], { env: cleanEnv(), encoding: 'utf8' });
    expect(none.status).toBe(78);
    expect(none.stderr).toContain('refusing to package: no pinned keys');
    const placeholder = spawnSync(process.execPath, [PACKAGE, '--out', out, '--pinned-keys', keyFile(PLACEHOLDER_RELEASE_KEY, configKey.publicKey)], { env: cleanEnv(), encoding: 'utf8' });
    expect(placeholder.status).toBe(78);
    expect(placeholder.stderr).toContain('release[0]: this is the shipped placeholder key');
    const malformed = spawnSync(process.execPath, [PACKAGE, '--out', out, '--pinned-keys', keyFile(releaseKey.publicKey, 'not a key')], { env: cleanEnv(), encoding: 'utf8' });
    expect(malformed.status).toBe(78);
    expect(malformed.stderr).toContain('config[0]: not a PEM public key');
    expect(fs.existsSync(out)).toBe(false);
    // `npm run dist` builds through the same check
    const dist = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--release', '--main-only'], { env: cleanEnv(), encoding: 'utf8' });
    expect(dist.status).toBe(78);
    expect(dist.stderr).toContain('no pinned keys');
  });
});

describe('a packaged, signed bundle goes through the terminal checks, swap and launcher', () => {
  it('packages, signs, verifies against the baked-in key, swaps in and reports healthy', async () => {
    const out = path.join(dir, 'release');
    const packaged = spawnSync(process.execPath, [PACKAGE, '--out', out, '--version', '9.1.0', '--pinned-keys', keyFile(releaseKey.publicKey, configKey.publicKey)], {
      env: { ...cleanEnv(), NODE_ENV: '' },
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(packaged.stderr).toBe('');
    expect(packaged.status).toBe(0);
    const tarball = path.join(out, 'gov-kiosk-headless-9.1.0.tar.gz');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'gov-kiosk-headless-9.1.0.manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ version: '9.1.0', channel: 'stable', size: fs.statSync(tarball).size, rollback: false, keysPinned: true });

    // the release manager signs it offline
    const keyPath = path.join(dir, 'release.key');
    fs.writeFileSync(keyPath, releaseKey.privateKey, { mode: 0o600 });
    const signed = execFileSync(process.execPath, ['--import', 'tsx', RELEASE_KEY_CLI, 'sign-release', keyPath, tarball, '9.1.0'], { cwd: ROOT, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
    const release = signedReleaseSchema.parse(JSON.parse(signed));
    expect(release.sha512).toBe(manifest.sha512);

    // the terminal's checks, with the key the bundle itself pins
    const root = path.join(dir, 'terminal');
    const swap = new BundleSwapInstaller(root, () => undefined);
    expect(checkManifest(release, '9.0.0', { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: releaseKey.publicKey }] }).ok).toBe(true);
    expect(checkManifest(release, '9.0.0', { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: PLACEHOLDER_RELEASE_KEY }] }).ok).toBe(false);
    expect(await checkArtifact(release, tarball)).toEqual({ ok: true, value: undefined });
    expect(await swap.install(release, tarball)).toEqual({ ok: true, value: undefined });
    expect(linkedVersion(bundlePaths(root).current)).toBe('9.1.0');
    const current = path.join(root, 'current');
    expect(readBundleManifest(current)).toEqual({ version: '9.1.0', entry: 'dist/main/headless.mjs' });
    // the entry (headless.mjs) loads the host, which holds the keys (scripts/build.mjs)
    const bundled = fs.readFileSync(path.join(current, 'dist', 'main', 'headless-app.mjs'), 'utf8');
    const body = (pem: string) => pem.split('\n')[1]!;
    expect(bundled).toContain(body(releaseKey.publicKey));
    expect(bundled).toContain(body(configKey.publicKey));
    expect(bundled).not.toContain(body(PLACEHOLDER_RELEASE_KEY));
    expect(fs.existsSync(path.join(current, 'dist', 'renderer', 'index.html'))).toBe(true);
    // native packages: imported ones (from the bundle's metafile) and those loaded by name
    for (const p of ['better-sqlite3', 'serialport', 'koffi', 'node-hid']) expect(fs.existsSync(path.join(current, 'node_modules', p, 'package.json')), p).toBe(true);
    // and they load there, native parts included, from the bundle's own node_modules alone
    const loads = spawnSync(process.execPath, ['-e', "for (const p of ['koffi', 'node-hid', 'better-sqlite3']) require(p)"], { cwd: current, env: { ...cleanEnv(), NODE_PATH: '' }, encoding: 'utf8' });
    expect(loads.stderr).toBe('');
    expect(loads.status).toBe(0);

    // the launcher starts it on trial; the production app reports itself healthy
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const configFile = path.join(home, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify({ terminalId: 'SQ0012', centralUrl: 'http://127.0.0.1:9/', devices: [] }));
    const launcher = spawn(process.execPath, ['--import', 'tsx', LAUNCHER_CLI, '--root', root, '--health-timeout-sec', '90'], {
      cwd: ROOT,
      env: { ...cleanEnv(), HOME: home, KIOSK_CONFIG: configFile, KIOSK_DATA_DIR: path.join(home, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    launcher.stdout.on('data', (b: Buffer) => (output += b.toString()));
    launcher.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const closed = new Promise<void>((r) => launcher.once('close', () => r()));
    try {
      const deadline = Date.now() + 100_000;
      while (readUpdateState(bundlePaths(root).state)?.step !== 'done' && Date.now() < deadline && launcher.exitCode === null) await new Promise((r) => setTimeout(r, 250));
      expect(readUpdateState(bundlePaths(root).state), output.slice(-2000)).toMatchObject({ step: 'done', current: '9.1.0' });
      expect(output).toContain('"launcher.healthy"');
      expect(fs.existsSync(bundlePaths(root).pending)).toBe(false);
    } finally {
      launcher.kill('SIGTERM');
      await closed;
    }
  }, 300_000);
});
