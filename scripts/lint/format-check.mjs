#!/usr/bin/env node
// `npm run format:check`: Prettier's check on the files listed in formatted.json — the ones already
// in its format — until the whole tree is reformatted once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { files } = JSON.parse(fs.readFileSync(path.join(root, 'scripts/lint/formatted.json'), 'utf8'));
const r = spawnSync(path.join(root, 'node_modules/.bin/prettier'), ['--check', ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
