// The packages a start does not use (scripts/build.mjs, LAZY_DEPENDENCIES) are not evaluated
// when the production headless host starts: proven with V8's own coverage of the built bundle
// (NODE_V8_COVERAGE) from start to "kiosk ready". And, bundled that way, they still work:
// each is imported the way the kiosk's code imports it and used.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM build script without type declarations
import { bundleNode, buildHeadless, headlessHostFile, LAZY_BUILTINS, LAZY_DEPENDENCIES, LAZY_NATIVE_DEPENDENCIES } from './build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const lazy = LAZY_DEPENDENCIES as string[];
const lazyNative = LAZY_NATIVE_DEPENDENCIES as Record<string, string[]>;
const lazyBuiltins = LAZY_BUILTINS as string[];

interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
}

let dir: string;

beforeAll(() => {
  // a stand-in install, as scripts/production-build.test.ts makes one
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-deps-'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dependencies a start does not use', () => {
  it('are in the production bundle but not evaluated from start to "kiosk ready"', async () => {
    const entry = path.join(dir, 'dist', 'main', 'headless.mjs');
    expect((await buildHeadless(entry, { production: true })).errors).toEqual([]);
    const home = fs.mkdtempSync(path.join(dir, 'run-'));
    const coverageDir = path.join(home, 'coverage');
    fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ terminalId: 'SQ0012', centralUrl: 'http://127.0.0.1:9/', devices: [] }));
    // Node's own list of the builtins it loaded, taken when the host prints "kiosk ready"
    const builtinsFile = path.join(home, 'builtins.json');
    const preload = path.join(home, 'builtins-at-ready.cjs');
    fs.writeFileSync(
      preload,
      `const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (String(chunk).includes('kiosk ready')) require('node:fs').writeFileSync(${JSON.stringify(builtinsFile)}, JSON.stringify(process.moduleLoadList));
  return write(chunk, ...rest);
};`,
    );
    const child = spawn(process.execPath, ['--require', preload, entry], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, KIOSK_DATA_DIR: path.join(home, 'data'), KIOSK_CONFIG: path.join(home, 'config.json'), NODE_V8_COVERAGE: coverageDir },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('kiosk ready')) child.kill('SIGTERM');
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);

    const builtins = JSON.parse(fs.readFileSync(builtinsFile, 'utf8')) as string[];
    expect(builtins, 'the control: node:http is loaded').toContain('NativeModule http');
    // child_process and worker_threads are not asserted: Node's ESM loader loads them itself
    for (const name of lazyBuiltins.filter((n) => !['child_process', 'worker_threads'].includes(n))) expect(builtins, `node:${name} loaded before ready`).not.toContain(`NativeModule ${name}`);

    const host = `file://${headlessHostFile(entry)}`;
    const scripts = fs.readdirSync(coverageDir).flatMap((f) => (JSON.parse(fs.readFileSync(path.join(coverageDir, f), 'utf8')) as Coverage).result);
    const functions = scripts.filter((s) => s.url === host).flatMap((s) => s.functions);
    // native packages stay outside the bundle: not loaded means none of their files was compiled
    const loadedFrom = (pkg: string) => scripts.filter((s) => s.url.includes(`/node_modules/${pkg}/`)).map((s) => s.url);
    expect(loadedFrom('better-sqlite3').length, 'the control: better-sqlite3 is loaded').toBeGreaterThan(0);
    for (const name of Object.keys(lazyNative)) expect(loadedFrom(name), `${name} loaded before ready`).toEqual([]);
    // esbuild names the function that evaluates a wrapped module after its path
    const evaluated = (pattern: RegExp) => functions.filter((f) => pattern.test(f.functionName)).map((f) => f.ranges[0]!.count);
    // the control: what boot needs was evaluated, and the coverage shows it
    expect(evaluated(/^require-external:better-sqlite3$/)).toEqual([1]);
    for (const name of lazy) {
      const counts = evaluated(new RegExp(`node_modules/${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|\\.js$)`));
      expect(counts.length, `${name} is in the bundle`).toBeGreaterThan(0);
      expect(
        counts.filter((c) => c > 0),
        `${name} evaluated before ready`,
      ).toEqual([]);
    }
  }, 120_000);

  it('work when first used, imported as the kiosk imports them', async () => {
    const fixture = path.join(dir, 'uses-lazy.ts');
    fs.writeFileSync(
      fixture,
      `import { pinyin } from 'pinyin-pro';
import QRCode from 'qrcode';
import iconv from 'iconv-lite';
import { Gauge, Registry } from 'prom-client';
import { SerialPort } from 'serialport';
import { gcm } from '@noble/ciphers/aes';
import { ghash } from '@noble/ciphers/_polyval';
import { sm3 } from 'sm-crypto-v2';
import https from 'node:https';
import zlib from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { isMainThread } from 'node:worker_threads';
import { promisify } from 'node:util';
const key = new Uint8Array(32).fill(7);
const nonce = new Uint8Array(12).fill(1);
const registry = new Registry();
new Gauge({ name: 'kiosk_test', help: 'h', registers: [registry] }).set(3);
console.log(JSON.stringify({
  initials: pinyin('社保卡', { pattern: 'first', toneType: 'none' }),
  qr: (await QRCode.toString('GK2|X', { type: 'utf8' })).length > 0,
  gb: iconv.decode(iconv.encode('不见面审批', 'gb18030'), 'gb18030'),
  metrics: (await registry.metrics()).includes('kiosk_test 3'),
  aes: new TextDecoder().decode(gcm(key, nonce).decrypt(gcm(key, nonce).encrypt(new TextEncoder().encode('回执')))),
  ghash: ghash.create(new Uint8Array(16).fill(2)).update(new Uint8Array(16)).digest().length,
  sm3: sm3('abc'),
  serial: new SerialPort({ path: '/dev/kiosk-no-such-port', baudRate: 9600, autoOpen: false }).isOpen === false,
  https: new https.Agent({ keepAlive: true }).keepAlive === true,
  zlib: zlib.gunzipSync(zlib.gzipSync('回执')).toString(),
  fsPromises: (await readFile(new URL(import.meta.url))).length > 0,
  childProcess: (await promisify(execFile)(process.execPath, ['-p', '6*7'])).stdout.trim(),
  workerThreads: isMainThread,
}));
`,
    );
    const out = path.join(dir, 'uses-lazy.mjs');
    expect((await bundleNode(path.relative(ROOT, fixture), out, true)).errors).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toContain('lazy-dependency:pinyin-pro');
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/module\.exports = require\("serialport"\)/);
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/module\.exports = require\("node:zlib"\)/);
    expect(JSON.parse(execFileSync(process.execPath, [out], { cwd: dir, encoding: 'utf8' }))).toEqual({
      initials: 's b k',
      qr: true,
      gb: '不见面审批',
      metrics: true,
      aes: '回执',
      ghash: 16,
      sm3: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
      serial: true,
      https: true,
      zlib: '回执',
      fsPromises: true,
      childProcess: '42',
      workerThreads: true,
    });
  }, 60_000);

  it('native ones have the export names of the installed package (listed, not loaded, by the build)', async () => {
    for (const [name, names] of Object.entries(lazyNative)) {
      const ns = (await import(name)) as Record<string, unknown>;
      expect([...names].sort(), name).toEqual(
        Object.keys(ns)
          .filter((n) => n !== 'default' && n !== '__esModule')
          .sort(),
      );
    }
  });
});
