// Foundation figures: backend cold start (first paint and the renderer's size: paint.bench.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Report } from './report';

const root = path.resolve(import.meta.dirname, '..');

/** Spawns a command and resolves with ms until a stdout line matches, after killing it. */
function timeUntil(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let errBuf = '';
    let seen = false;
    child.stderr.on('data', (d) => (errBuf += d));
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.split('\n').find((l) => ready.test(l));
      if (m && !seen) {
        seen = true;
        const ms = performance.now() - t0;
        child.kill('SIGTERM');
        // resolved once it has gone, so its data folder can be removed behind it
        child.once('close', () => resolve({ ms, line: m }));
      }
    });
    child.on('exit', (code) => seen || reject(new Error(`exited ${code} before ready: ${errBuf.slice(-500)}`)));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(report: Report): Promise<void> {
  // Cold start of what a terminal runs: the production headless bundle (`npm run build`'s
  // dist/main/headless.mjs, no reference central, no simulators) under plain node, with a
  // terminal's config (its central, no simulated devices), to the "kiosk ready" line, against
  // a bare node HTTP server started the same way. Two figures: a restart, with the data folder
  // (database, keys, V8 code cache) an earlier start of the same install left — what a terminal
  // does every morning, after a power cut or an update's first start — and the first start of an
  // install (fresh data folder: keys made, database created, nothing compiled yet).
  const install = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prod-'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(install, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(install, 'node_modules'));
  fs.mkdirSync(path.join(install, 'dist', 'main'), { recursive: true });
  fs.symlinkSync(path.join(root, 'dist', 'renderer'), path.join(install, 'dist', 'renderer'));
  const headless = path.join(install, 'dist', 'main', 'headless.mjs');
  const { buildHeadless } = (await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href)) as { buildHeadless: (out: string, o: { production: boolean }) => Promise<unknown> };
  await buildHeadless(headless, { production: true });
  const config = path.join(install, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ terminalId: 'BENCH01', centralUrl: 'http://127.0.0.1:9/', devices: [] }));
  const bare = path.join(install, 'bare-server.mjs');
  fs.writeFileSync(bare, "import http from 'node:http'; const s = http.createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () => console.log('ready ' + s.address().port));");
  const first: number[] = [];
  const restart: number[] = [];
  const base: number[] = [];
  const boot = (dataDir: string) => timeUntil(process.execPath, [headless], { HOME: install, KIOSK_DATA_DIR: dataDir, KIOSK_CONFIG: config }, /kiosk ready/);
  try {
    // Three installs, each restarted three times alternating with the bare server (which goes
    // first in every other pair): nine of each, as three were too few for a median on a shared
    // machine (the same code printed 1.3×–2.5× in successive runs, bench/README.md).
    for (let i = 0; i < 3; i++) {
      const dataDir = fs.mkdtempSync(path.join(install, 'data-'));
      first.push((await boot(dataDir)).ms);
      for (let j = 0; j < 3; j++) {
        const pair = [async () => base.push((await timeUntil(process.execPath, [bare], {}, /^ready/)).ms), async () => restart.push((await boot(dataDir)).ms)];
        for (const run of (i * 3 + j) % 2 ? pair.reverse() : pair) await run();
      }
    }
  } finally {
    fs.rmSync(install, { recursive: true, force: true });
  }
  const bareStart = { name: 'bare node HTTP server start', value: median(base) };
  report('backend cold start to ready (production bundle, plain node, restart)', median(restart), 'ms', bareStart, { atMost: 2 });
  report('backend first start of an install (production bundle, fresh data dir)', median(first), 'ms', bareStart);
}
