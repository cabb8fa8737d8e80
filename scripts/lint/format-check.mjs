#!/usr/bin/env node
// `npm run format:check`: Prettier's check over the whole tree (`.prettierignore` leaves hand-written
// prose alone; `.gitignore`d output is skipped by Prettier itself).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const r = spawnSync(path.join(root, 'node_modules/.bin/prettier'), ['--check', '--log-level', 'warn', '.'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
