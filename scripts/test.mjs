#!/usr/bin/env node
// `npm test`: type check, lint (ESLint with the import boundaries, Prettier, dead exports), unit +
// API tests, then browser e2e. Ends with one plain summary
// line ("tests: N passed, N failed") that CI reads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (n) => path.join(root, 'node_modules', '.bin', n);
const only = process.argv.slice(2);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-test-'));
let passed = 0;
let failed = 0;
let broken = false;
// What failed, repeated just above the summary: CI keeps only the tail of the output.
const failures = [];

// One step at a time, in its own process group. A signal (or our parent going away: npm passes
// nothing on) goes to the running step's whole group (bin wrappers such as tsc's do not pass it
// to the binary they start) and no further step starts; a second one SIGKILLs the group.
let current = null;
let stopping = null;
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
function signalStep(sig) {
  if (!current) return;
  try {
    process.kill(process.platform === 'win32' ? current.pid : -current.pid, sig);
  } catch {
    // gone
  }
}
function stop(sig) {
  if (stopping) {
    signalStep('SIGKILL');
    fs.rmSync(out, { recursive: true, force: true });
    process.exit(128 + SIGNALS[sig]);
  }
  stopping = sig;
  signalStep(sig);
}
for (const sig of Object.keys(SIGNALS)) process.on(sig, () => stop(sig));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && !stopping && stop('SIGTERM'), 250).unref();

async function run(label, cmd, args, env = {}) {
  if (stopping) return false;
  process.stdout.write(`\n=== ${label} ===\n`);
  current = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, detached: process.platform !== 'win32' });
  const code = await new Promise((resolve) => {
    current.once('error', () => resolve(127));
    current.once('exit', (c) => resolve(c ?? 1));
  });
  // stopped: whatever the step left in its group (tsc's native binary outlives its wrapper) goes too
  if (stopping) signalStep('SIGKILL');
  current = null;
  if (code !== 0) broken = true;
  return code === 0;
}

async function vitest(label, config, files = [], env = {}) {
  const json = path.join(out, `${label.replace(/\W+/g, '-')}.json`);
  await run(label, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...files], env);
  if (!fs.existsSync(json)) {
    failed += 1;
    failures.push(`${label}: no report (the run did not finish)`);
    return;
  }
  const r = JSON.parse(fs.readFileSync(json, 'utf8'));
  passed += r.numPassedTests;
  // A file that failed to load has no failed assertions but is still a failure.
  const fileErrors = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed += r.numFailedTests + fileErrors;
  for (const f of r.testResults ?? []) {
    const file = path.relative(root, f.name);
    const bad = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (f.status === 'failed' && !bad.length) failures.push(`${label}: ${file}: ${firstLine(f.message)}`);
    for (const a of bad) failures.push(`${label}: ${file} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
  }
}
const firstLine = (m) =>
  String(m ?? '')
    .split('\n')
    .find((l) => l.trim()) ?? '';

// The whole tree (DOM + Node types), then the layers that must run without Node (and common/
// without DOM) on their own.
for (const [label, project] of [
  ['typecheck', 'tsconfig.json'],
  ['typecheck common', 'common/tsconfig.layer.json'],
  ['typecheck renderer', 'renderer/tsconfig.layer.json'],
]) {
  if (!only.length || only.includes('typecheck')) {
    if (await run(label, bin('tsc'), ['-p', project, '--noEmit'])) passed += 1;
    else {
      failed += 1;
      failures.push(label);
    }
  }
}
async function check(label, cmd, args) {
  if (!only.length || only.includes(label)) {
    if (await run(label, cmd, args)) passed += 1;
    else {
      failed += 1;
      failures.push(label);
    }
  }
}
await check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
await check('format', process.execPath, [path.join(root, 'scripts/lint/format-check.mjs')]);
await check('unused-exports', process.execPath, [path.join(root, 'scripts/lint/unused-exports.mjs')]);
if (!only.length || only.includes('unit')) await vitest('unit', 'vitest.config.ts');
if (!only.length || only.includes('e2e')) await vitest('e2e', 'e2e/vitest.config.ts');
// The 国密 suite (issue 16) again over a representative subset rather than everything twice: the
// whole journey in the browser, the SIGKILL crash test (12 trials; its international→sm switch
// test already ran above), the sync chaos test and the sync engine's tests.
const SM = { KIOSK_TEST_SUITE: 'sm', CRASH_TRIALS: '12' };
if (!only.length || only.includes('unit') || only.includes('sm'))
  await vitest('unit (sm suite)', 'vitest.config.ts', ['offline-queue/crash.test.ts', 'offline-queue/chaos.test.ts', 'offline-queue/sync/sync-engine.test.ts', '-t', '^(?!.*switches a terminal)'], SM);
if (!only.length || only.includes('e2e') || only.includes('sm')) await vitest('e2e (sm suite)', 'e2e/vitest.config.ts', ['e2e/journey-apply.e2e.ts'], SM);

fs.rmSync(out, { recursive: true, force: true });
if (failures.length) process.stdout.write(`\nfailed:\n${failures.map((f) => `  ${f.slice(0, 400)}`).join('\n')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${stopping ? ` (stopped by ${stopping})` : ''}\n`);
process.exit(stopping ? 128 + SIGNALS[stopping] : broken || failed ? 1 : 0);
