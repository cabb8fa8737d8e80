#!/usr/bin/env node
// `npm start`: build the renderer if needed, then run the kiosk in Electron when its binary is
// present, otherwise say so in one line and serve the same kiosk on loopback.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forwardSignals } from './forward-signals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
// own process group (POSIX): a terminal's Ctrl-C reaches the host once, through forwardSignals.
// Not on Windows, where detached means a console window of its own.
const ownGroup = process.platform !== 'win32';
// the host stops by itself if this script is SIGKILLed (main/backend/host/stop-signals.ts)
const hostEnv = { ...process.env, KIOSK_STOP_WITH_PARENT: String(process.pid) };

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  const stale = !fs.existsSync(index) || newestMtime(path.join(root, 'renderer')) > fs.statSync(index).mtimeMs || newestMtime(path.join(root, 'common')) > fs.statSync(index).mtimeMs;
  // after `npm run build` dist/renderer is the production one, without the simulator panel
  const production = fs.existsSync(index) && fs.readFileSync(index, 'utf8').includes('name="kiosk-build" content="production"');
  if (!stale && !production) return;
  process.stdout.write('正在构建界面 / building the renderer…\n');
  const r = spawnSync(bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--configLoader', 'runner', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const exe = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(exe) ? exe : null;
}

ensureBuilt();
const args = process.argv.slice(2);
const electron = electronBinary();
if (electron && !args.includes('--loopback')) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--main-only', '--dev'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
  const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit', detached: ownGroup, env: hostEnv });
  forwardSignals(child);
} else {
  if (!electron) process.stdout.write('未找到 Electron 可执行文件，改为在本机回环地址提供同一终端界面 / Electron binary not present: serving the same kiosk on loopback.\n');
  // node --import tsx rather than the tsx CLI: no extra process between us and the host
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'backend', 'host', 'headless.ts'), '--open', '--dev', ...args.filter((a) => a !== '--loopback')], {
    cwd: root,
    stdio: 'inherit',
    detached: ownGroup,
    env: hostEnv,
  });
  forwardSignals(child);
}
