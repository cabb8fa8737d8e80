// `npm run bench`: runs every bench/*.bench.ts and prints one line per figure with its ratio
// against a baseline measured in the same run (never an absolute threshold), writes them to
// bench/results/<time>.json and, with `--compare FILE`, prints each figure's change since that run.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openRunSandbox } from '../scripts/test-support/run-sandbox';
import { printReport, type Report } from './report';
import { compareResults, readResults, recordingReport, writeResults, type Figure } from './results';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const compareAt = args.indexOf('--compare');
const compareFile = compareAt >= 0 ? args[compareAt + 1] : undefined;
if (compareAt >= 0 && !compareFile) {
  process.stderr.write('usage: npm run bench -- [filter] [--compare bench/results/<time>.json]\n');
  process.exit(2);
}
// read before running: a wrong path should not cost a whole run
const before = compareFile ? readResults(path.resolve(compareFile)) : null;
const filter = args.find((a, i) => !a.startsWith('--') && (compareAt < 0 || i !== compareAt + 1));

// The renderer a terminal ships (`npm run build`'s production flavour: no simulator panel), which
// the paint bench loads and weighs and the speech bench drives. Vite bundles React's development
// build unless NODE_ENV says production, as scripts/build.mjs sets it.
const { buildRenderer } = (await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href)) as { buildRenderer: (out?: string, o?: { production: boolean }) => Promise<unknown> };
const nodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
await buildRenderer(undefined, { production: true });
process.env.NODE_ENV = nodeEnv;

const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort((a, b) => (a.startsWith('foundation') ? -1 : b.startsWith('foundation') ? 1 : a.localeCompare(b)));
let failures = 0;
const figures: Figure[] = [];
let current = '';
const report = recordingReport(printReport, figures, () => current);
// a bench that fails half-way leaves hosts and centrals running: reaped at the end
const sandbox = openRunSandbox();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(sig, () => {
    void sandbox.close().finally(() => process.exit(130));
  });
for (const f of files) {
  process.stdout.write(`# ${f}\n`);
  current = f.replace(/\.bench\.ts$/, '');
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run: (r: Report) => Promise<void> };
  try {
    await mod.run(report);
  } catch (e) {
    failures++;
    process.stdout.write(`! ${f} failed: ${(e as Error).message}\n`);
  }
}
await sandbox.close();
process.stdout.write(`# figures written to ${path.relative(root, writeResults(path.join(here, 'results'), figures))}\n`);
if (before) {
  process.stdout.write(`# change since ${compareFile} (ratios; each run against its own baselines)\n`);
  for (const line of compareResults(before, figures)) process.stdout.write(`${line}\n`);
}
process.exit(failures ? 1 : 0);
