#!/usr/bin/env node
// `npm run package:bundle -- --pinned-keys FILE [--version X.Y.Z] [--channel stable|beta] [--out DIR]`
// Packages the production headless host as a release for the bundle launcher
// (main/backend/updates/bundle-swap.ts): a tarball holding bundle.json (version, entry),
// package.json (the version the app reports), dist/main/headless.mjs and dist/renderer (built
// with __KIOSK_PRODUCTION_BUILD__ and the province's pinned keys), and the node_modules its native
// externals need, copied from this checkout's (so build on the Node major and CPU architecture the
// terminals run). Next to it, <name>.manifest.json: the release manifest (version, channel,
// size, SHA-512) that `npm run release-key -- sign-release <key> <tarball> <version>` signs.
// Refuses to package without pinned keys unless `--dev-placeholder-keys` (pinned-keys-file.mjs).
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHeadless, buildRenderer, headlessHostFile } from './build.mjs';
import { pinnedKeysForPackaging } from './pinned-keys-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})(-[0-9A-Za-z.-]{1,30})?$/;
export const BUNDLE_ENTRY = 'dist/main/headless.mjs';

/** Build leftovers a running app never reads (better-sqlite3's sources and object files). */
function shipped(rel) {
  if (/\.(map|md|markdown)$/i.test(rel) && !rel.includes('/bin/')) return false;
  if (rel.startsWith('node_modules/better-sqlite3/'))
    return !/^node_modules\/better-sqlite3\/(deps|src)(\/|$)|\/build\/Release\/(obj|obj\.target)(\/|$)|\/build\/Release\/(test_extension\.node|.*\.a)$/.test(rel);
  return true;
}

/** The package folders (relative to `from`) that `names` need at run time, with their dependencies. */
export function runtimeClosure(from, names) {
  const found = new Set();
  const resolve = (name, dir) => {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
      if (path.relative(from, d) === '' || !d.startsWith(from)) return null;
    }
  };
  const visit = (name, dir) => {
    const at = resolve(name, dir);
    if (!at || found.has(at)) return;
    found.add(at);
    const pkg = JSON.parse(fs.readFileSync(path.join(at, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, at);
  };
  for (const n of names) visit(n, from);
  return [...found].map((d) => path.relative(from, d)).sort();
}

/**
 * Packages the code loads by name at run time (`createRequire(import.meta.url)('node-hid')`, the FFI
 * worker's `.resolve('koffi')`): esbuild sees no import, so the metafile does not list them, yet a
 * terminal with a HID reader, a vendor SDK or a PC/SC 社保卡 reader needs them in the bundle.
 * scripts/package-bundle.test.ts holds this list to the source.
 */
export const LOADED_BY_NAME = ['koffi', 'node-hid'];

/** Package names of the external imports a bundle left to node_modules (from esbuild's metafile). */
function externalPackages(metafile) {
  const names = new Set();
  for (const out of Object.values(metafile.outputs))
    for (const i of out.imports) if (i.external && !i.path.startsWith('node:')) names.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]);
  return [...names];
}

export async function packageBundle({ outDir, version, channel = 'stable', pinnedKeys }) {
  if (!VERSION.test(version)) throw new Error(`version must be x.y.z: ${version}`);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bundle-'));
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const built = await buildHeadless(path.join(stage, BUNDLE_ENTRY), { production: true, pinnedKeys });
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await buildRenderer(path.join(stage, 'dist', 'renderer'), { production: true });
    } finally {
      process.env.NODE_ENV = before;
    }
    fs.rmSync(path.join(stage, `${BUNDLE_ENTRY}.map`), { force: true });
    fs.rmSync(`${headlessHostFile(path.join(stage, BUNDLE_ENTRY))}.map`, { force: true });
    const externals = [...new Set([...externalPackages(built.metafile), ...LOADED_BY_NAME])].filter((n) => n !== 'electron');
    for (const rel of runtimeClosure(root, externals)) {
      fs.cpSync(path.join(root, rel), path.join(stage, rel), { recursive: true, filter: (src) => shipped(path.relative(root, src)) });
    }
    // the app reads its version from the package.json it finds above its entry
    const { name, type, engines, dependencies } = pkg;
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name, version, private: true, type, engines, dependencies }, null, 2) + '\n');
    fs.writeFileSync(path.join(stage, 'bundle.json'), JSON.stringify({ version, entry: BUNDLE_ENTRY }) + '\n');
    fs.mkdirSync(outDir, { recursive: true });
    const tarball = path.join(outDir, `gov-kiosk-headless-${version}.tar.gz`);
    execFileSync('tar', ['-czf', tarball, '--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-C', stage, '.']);
    const bytes = fs.readFileSync(tarball);
    const manifest = { version, channel, size: bytes.length, sha512: crypto.createHash('sha512').update(bytes).digest('hex'), rollback: false };
    const manifestFile = path.join(outDir, `gov-kiosk-headless-${version}.manifest.json`);
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, entry: BUNDLE_ENTRY, keysPinned: pinnedKeys !== null, node: process.versions.node, arch: process.arch }, null, 2) + '\n');
    return { tarball, manifestFile, manifest };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  let pinnedKeys;
  try {
    pinnedKeys = pinnedKeysForPackaging(argv);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(78);
  }
  const version = opt('--version', JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  const channel = opt('--channel', 'stable');
  if (channel !== 'stable' && channel !== 'beta') {
    process.stderr.write(`--channel must be stable or beta: ${channel}\n`);
    process.exit(64);
  }
  try {
    const r = await packageBundle({ outDir: path.resolve(opt('--out', path.join(root, 'release'))), version, channel, pinnedKeys });
    if (!pinnedKeys) process.stderr.write('警告：占位公钥，此包永远不会接受更新或远程配置 / warning: placeholder keys; this bundle will never accept an update or remote configuration\n');
    process.stdout.write(`${r.tarball}\n${r.manifestFile}\nsize ${r.manifest.size}, sha512 ${r.manifest.sha512.slice(0, 16)}…\n`);
    process.stdout.write(`next: npm run release-key -- sign-release <release.key> ${r.tarball} ${version}${channel === 'beta' ? ' --channel beta' : ''} > release.json\n`);
  } catch (e) {
    process.stderr.write(`打包失败 / packaging failed: ${e.message}\n`);
    process.exit(1);
  }
}
