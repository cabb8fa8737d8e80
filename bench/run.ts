// `npm run bench`: runs every bench/*.bench.ts and prints one line per figure with its ratio
// against a baseline measured in the same run (never an absolute threshold).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openRunSandbox } from '../scripts/test-support/run-sandbox';
import { printReport, type Report } from './report';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const filter = process.argv[2];

const b = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) process.exit(1);

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort((a, b) => (a.startsWith('foundation') ? -1 : b.startsWith('foundation') ? 1 : a.localeCompare(b)));
let failures = 0;
// a bench that fails half-way leaves hosts and centrals running: reaped at the end
const sandbox = openRunSandbox();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(sig, () => {
    void sandbox.close().finally(() => process.exit(130));
  });
for (const f of files) {
  process.stdout.write(`# ${f}\n`);
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run: (r: Report) => Promise<void> };
  try {
    await mod.run(printReport);
  } catch (e) {
    failures++;
    process.stdout.write(`! ${f} failed: ${(e as Error).message}\n`);
  }
}
await sandbox.close();
process.exit(failures ? 1 : 0);
