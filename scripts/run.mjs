#!/usr/bin/env node
// `npm run <script>` goes through `sh -c`, and `kill <npm pid>` reaches only that shell, which
// dies without passing the signal on: the script's process would run on. Scripts that run for a
// while start through here instead:  node scripts/run.mjs <file.ts | bin in node_modules/.bin> …
// A .ts file runs as `node --import tsx` (no tsx CLI process in between), anything else from
// node_modules/.bin; signals are passed on and our parent going away counts as SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forwardSignals } from './forward-signals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [target, ...args] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: node scripts/run.mjs <file.ts | bin> [args…]\n');
  process.exit(2);
}
const [cmd, argv] = target.endsWith('.ts') ? [process.execPath, ['--import', 'tsx', path.resolve(root, target), ...args]] : [path.join(root, 'node_modules', '.bin', target), args];
const child = spawn(cmd, argv, { stdio: 'inherit', detached: process.platform !== 'win32' });
child.on('error', (e) => {
  process.stderr.write(`${target}: ${e.message}\n`);
  process.exit(127);
});
forwardSignals(child);
