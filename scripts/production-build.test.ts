// The production bundles (`npm run build`) carry no demo: no reference central (fault injection,
// admin routes, demo staff and their PIN), no device simulators, no raw queue API, no simulator
// panel. Proven on the built files themselves — the metafile's inputs and the emitted text —
// with the development flavour of the same build as the control that shows each check can fail.
// Then the built headless host is run the way a terminal runs it, to show a production build
// refuses a config that asks for the demo (exit 78, field by field) and boots with a real one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../main/backend/security-headers';
// @ts-expect-error plain ESM build script without type declarations
import { buildHeadless, buildMain, buildRenderer, headlessHostFile, PRODUCTION_HTML_MARK } from './build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Built {
  inputs: string[];
  text: string;
}

async function bundle(
  build: (out: string, o: { production: boolean }) => Promise<{ errors: unknown[]; metafile: { inputs: Record<string, unknown> } }>,
  out: string,
  production: boolean,
): Promise<Built> {
  const r = await build(out, { production });
  expect(r.errors).toEqual([]);
  // the headless host is two files: its entry and the host it loads (scripts/build.mjs)
  const host = headlessHostFile(out);
  const text = fs.readFileSync(out, 'utf8') + (build === buildHeadless ? fs.readFileSync(host, 'utf8') : '');
  return { inputs: Object.keys(r.metafile.inputs), text };
}

/** esbuild escapes non-ASCII by default: look for a Chinese name in either spelling. */
const spellings = (s: string) => [s, [...s].map((c) => (c.charCodeAt(0) > 0x7e ? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : c)).join('')];

/** What the demo leaves in a bundle: module paths (metafile) and strings only its code holds. */
function demoTraces(b: Built): string[] {
  const found: string[] = [];
  for (const i of b.inputs) {
    if (i.startsWith('central/')) found.push(`input ${i}`);
    if (i.startsWith('devices/sim/') || /\/(simulator|cups-sim|sane-sim|sample-cards)\.ts$/.test(i)) found.push(`input ${i}`);
    if (['main/backend/routes/submissions.ts', 'main/backend/routes/dev-sim.ts', 'main/backend/routes/dev-only.ts'].includes(i)) found.push(`input ${i}`);
  }
  const strings = [
    'startCentral',
    'FaultInjector',
    '/v1/admin',
    'DEMO_STAFF',
    '135790',
    'HB-001',
    ...spellings('周海燕'),
    ...spellings('孙立军'),
    'DeviceSimulators',
    'submissionRoutes',
    'devSimRoutes',
    'SimulatorPanel',
  ];
  for (const s of strings) if (b.text.includes(s)) found.push(`text ${s}`);
  return found;
}

let dir: string;
let headlessProd: string;

beforeAll(() => {
  // A stand-in install: the bundle finds package.json (version, dist/renderer) by walking up,
  // and its native externals in node_modules.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prod-build-'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  headlessProd = path.join(dir, 'dist', 'main', 'headless.mjs');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('production bundles', () => {
  it('the Electron main bundle holds no reference central, demo staff, simulators or developer API', async () => {
    const prod = await bundle(buildMain, path.join(dir, 'prod-electron-main.mjs'), true);
    expect(prod.inputs).toContain('main/shell/electron-main.ts');
    expect(prod.inputs).toContain('main/backend/boot.ts');
    expect(demoTraces(prod)).toEqual([]);
    const dev = await bundle(buildMain, path.join(dir, 'dev-electron-main.mjs'), false);
    expect(dev.inputs).toEqual(expect.arrayContaining(['central/embedded.ts', 'central/faults.ts', 'central/staff/demo-staff.ts', 'main/backend/routes/submissions.ts', 'devices/sim/simulators.ts']));
  }, 60_000);

  it('the headless host bundle holds none of them either', async () => {
    const prod = await bundle(buildHeadless, headlessProd, true);
    expect(prod.inputs).toContain('main/backend/host/headless.ts');
    expect(demoTraces(prod)).toEqual([]);
    // pure ASCII, so Node reads it as a one-byte string (scripts/build.mjs, asciiOnly)
    expect(fs.readFileSync(headlessHostFile(headlessProd), 'utf8')).not.toMatch(/[^\x00-\x7f]/);
    // builtins a start uses are ES module stand-ins, not CommonJS copied once per importing module (scripts/build.mjs, builtinStandIn)
    expect(fs.readFileSync(headlessHostFile(headlessProd), 'utf8')).not.toMatch(/__toESM\(require_node_(fs|path|crypto|http|os)\(\)/);
    const dev = await bundle(buildHeadless, path.join(dir, 'dev-headless.mjs'), false);
    expect(demoTraces(dev)).toEqual(expect.arrayContaining(['input central/routes/admin.ts', 'input main/backend/routes/submissions.ts', 'text 135790']));
  }, 60_000);

  it('the renderer has no simulator panel chunk', async () => {
    // vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const files = (outDir: string) =>
        fs
          .readdirSync(outDir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.join(e.parentPath, e.name));
      const panelTraces = (outDir: string) => files(outDir).filter((f) => /SimulatorPanel/.test(path.basename(f)) || /simulator-panel|设备模拟器/.test(fs.readFileSync(f, 'utf8')));
      const prodDir = path.join(dir, 'renderer-prod');
      await buildRenderer(prodDir, { production: true });
      expect(panelTraces(prodDir)).toEqual([]);
      const html = fs.readFileSync(path.join(prodDir, 'index.html'), 'utf8');
      expect(html).toContain(PRODUCTION_HTML_MARK);
      // the boot screen is in the page itself, drawn before the bundle runs (renderer/src/boot-shell.ts)
      expect(html).toMatch(/<div id="root"><main class="boot" data-testid="boot"><h1>[^<]+<\/h1>/);
      // and painted styled without waiting for a request: its one inline <style>, admitted by the
      // CSP's hash (common/boot-style.ts), and no stylesheet link to block the first paint
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles).toHaveLength(1);
      expect(CONTENT_SECURITY_POLICY).toContain(`'sha256-${createHash('sha256').update(styles[0]!, 'utf8').digest('base64')}'`);
      expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
      const devDir = path.join(dir, 'renderer-dev');
      await buildRenderer(devDir, { production: false });
      expect(panelTraces(devDir).length).toBeGreaterThan(0);
    } finally {
      process.env.NODE_ENV = before;
    }
  }, 60_000);
});

interface Run {
  code: number | null;
  stderr: string;
  dataDir: string;
}

/** Runs the built production headless host as a terminal would; `untilLog` ends it once that log event appears. */
function runHeadless(config: object | null, args: string[] = [], untilLog?: string, home = fs.mkdtempSync(path.join(dir, 'run-'))): Promise<Run> {
  const dataDir = path.join(home, 'data');
  const configFile = path.join(home, 'config.json');
  if (config) fs.writeFileSync(configFile, JSON.stringify(config));
  const child = spawn(process.execPath, [headlessProd, ...args], {
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: configFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (untilLog && stderr.includes(`"${untilLog}"`)) child.kill('SIGTERM');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, dataDir });
    }),
  );
}

const problemLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4).split(':')[0]);

describe('a production build refuses the demo configuration', () => {
  beforeAll(async () => {
    if (!fs.existsSync(headlessProd)) await buildHeadless(headlessProd, { production: true });
  }, 60_000);

  it('centralUrl null and devTools true end boot with exit 78 and one line per field', async () => {
    const r = await runHeadless({ terminalId: 'SQ0012', centralUrl: null, devTools: true, devices: [] });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('配置文件有误，终端拒绝启动 / invalid config, refusing to start');
    expect(problemLines(r.stderr)).toEqual(['centralUrl', 'devTools']);
    // refused before anything was opened or started: no database, no embedded central
    expect(fs.existsSync(path.join(r.dataDir, 'kiosk.db'))).toBe(false);
    expect(fs.existsSync(path.join(r.dataDir, 'central'))).toBe(false);
  }, 30_000);

  it('no config file at all (every default) is refused the same way, simulated devices too', async () => {
    const r = await runHeadless(null);
    expect(r.code).toBe(78);
    expect(problemLines(r.stderr)).toEqual(['centralUrl', 'devices.0.mode', 'devices.1.mode', 'devices.2.mode', 'devices.3.mode', 'devices.4.mode']);
  }, 30_000);

  it('the --dev flag cannot turn the developer tools on', async () => {
    const r = await runHeadless({ terminalId: 'SQ0012', centralUrl: 'http://127.0.0.1:9/', devices: [] }, ['--dev']);
    expect(r.code).toBe(78);
    expect(problemLines(r.stderr)).toEqual(['devTools']);
  }, 30_000);

  it('a real configuration boots the production bundle', async () => {
    const r = await runHeadless({ terminalId: 'SQ0012', centralUrl: 'http://127.0.0.1:9/', devices: [] }, [], 'kiosk.boot.ready');
    expect(r.stderr).toContain('"kiosk.boot.ready"');
    expect(r.stderr).not.toContain('"central.started"');
    expect(fs.existsSync(path.join(r.dataDir, 'kiosk.db'))).toBe(true);
  }, 30_000);

  it('keeps its compiled code in the data dir for the next start, and a corrupt cache is refused and rewritten', async () => {
    const config = { terminalId: 'SQ0012', centralUrl: 'http://127.0.0.1:9/', devices: [] };
    const home = fs.mkdtempSync(path.join(dir, 'run-'));
    const cacheFiles = (dataDir: string) =>
      fs
        .readdirSync(path.join(dataDir, 'code-cache'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name));
    const first = await runHeadless(config, [], 'kiosk.code-cache.saved', home);
    expect(first.stderr).toContain('"kiosk.boot.ready"');
    const written = cacheFiles(first.dataDir);
    expect(written.length).toBeGreaterThan(0);
    // the host's 2.7 MB bundle is in it, not only the small entry
    expect(Math.max(...written.map((f) => fs.statSync(f).size))).toBeGreaterThan(100_000);
    expect(fs.statSync(path.join(first.dataDir, 'code-cache')).mode & 0o777).toBe(0o700);

    for (const f of written) fs.writeFileSync(f, Buffer.alloc(fs.statSync(f).size, 0x5a));
    const second = await runHeadless(config, [], 'kiosk.code-cache.saved', home);
    expect(second.stderr).toContain('"kiosk.boot.ready"');
    expect(second.stderr).not.toContain('"kiosk.code-cache.failed"');
    const rewritten = cacheFiles(second.dataDir);
    expect(rewritten.some((f) => fs.readFileSync(f).some((b) => b !== 0x5a))).toBe(true);
  }, 60_000);

  it('a restart with the same config file takes its validated copy; an edited file is validated again and a bad edit refused', async () => {
    const config = { terminalId: 'SQ0012', centralUrl: 'http://127.0.0.1:9/', devices: [] };
    const home = fs.mkdtempSync(path.join(dir, 'run-'));
    const validatedBy = (stderr: string) => stderr.match(/"config\.loaded".*?"validatedBy":"(\w+)"/)?.[1];
    const first = await runHeadless(config, [], 'kiosk.boot.ready', home);
    expect(validatedBy(first.stderr)).toBe('schema');
    const copy = JSON.parse(fs.readFileSync(path.join(first.dataDir, 'config.validated.json'), 'utf8'));
    // keyed by the bundle's own build id, stamped in place of the placeholder
    expect(copy.schemaId).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(headlessHostFile(headlessProd), 'utf8')).toContain(copy.schemaId);
    expect(fs.statSync(path.join(first.dataDir, 'config.validated.json')).mode & 0o777).toBe(0o600);

    const second = await runHeadless(config, [], 'kiosk.boot.ready', home);
    expect(validatedBy(second.stderr)).toBe('copy');
    expect(second.stderr).toContain('"terminalId":"SQ0012"');

    const edited = await runHeadless({ ...config, terminalId: 'SQ0013' }, [], 'kiosk.boot.ready', home);
    expect(validatedBy(edited.stderr)).toBe('schema');
    expect(edited.stderr).toContain('"terminalId":"SQ0013"');

    const bad = await runHeadless({ ...config, heartbeatSec: 5 }, [], undefined, home);
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('配置文件有误，终端拒绝启动 / invalid config, refusing to start');
    expect(problemLines(bad.stderr)).toEqual(['heartbeatSec']);
  }, 90_000);

  it('stopped the moment it says ready, it still closes cleanly and keeps its code cache', async () => {
    const home = fs.mkdtempSync(path.join(dir, 'run-'));
    const dataDir = path.join(home, 'data');
    fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ terminalId: 'SQ0012', centralUrl: 'http://127.0.0.1:9/', devices: [] }));
    const child = spawn(process.execPath, [headlessProd], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: path.join(home, 'config.json') },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('kiosk ready')) child.kill('SIGTERM');
    });
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    // ended by its own handler (exit 0), not by the signal's default action
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const sizes = fs
      .readdirSync(path.join(dataDir, 'code-cache'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => fs.statSync(path.join(e.parentPath, e.name)).size);
    expect(Math.max(...sizes)).toBeGreaterThan(100_000);
  }, 30_000);
});
