#!/usr/bin/env node
// `npm test`: type check, unit + API tests, then browser e2e. Ends with one plain summary
// line ("tests: N passed, N failed") that CI reads.
import { spawnSync } from 'node:child_process';
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

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) broken = true;
  return r.status === 0;
}

function vitest(label, config) {
  const json = path.join(out, `${label}.json`);
  run(label, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
  if (!fs.existsSync(json)) {
    failed += 1;
    return;
  }
  const r = JSON.parse(fs.readFileSync(json, 'utf8'));
  passed += r.numPassedTests;
  // A file that failed to load has no failed assertions but is still a failure.
  const fileErrors = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed += r.numFailedTests + fileErrors;
}

if (!only.length || only.includes('typecheck')) {
  if (run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) passed += 1;
  else failed += 1;
}
if (!only.length || only.includes('unit')) vitest('unit', 'vitest.config.ts');
if (!only.length || only.includes('e2e')) vitest('e2e', 'e2e/vitest.config.ts');

fs.rmSync(out, { recursive: true, force: true });
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(broken || failed ? 1 : 0);
