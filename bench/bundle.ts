// A bench's child process bundled as the production build bundles the backend (esbuild, one ESM
// file, native modules external) and run by plain node, so its memory is what a terminal's node
// would hold: under tsx a process carries ~100 MB of the loader's own heap (the TypeScript
// transform and its caches), which a terminal never runs.
import fs from 'node:fs';
import path from 'node:path';
// @ts-expect-error plain ESM build script without type declarations
import { bundleNode as bundle } from '../scripts/build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bundleNode = bundle as (entry: string, outfile: string, production: boolean) => Promise<unknown>;

/**
 * Bundles `entry` (relative to the repository) into `dir` and returns the file to run with node.
 * `production: false` keeps what the production flavour folds away (device simulators).
 */
export async function bundleForNode(entry: string, dir: string, { production }: { production: boolean }): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  // the externals (better-sqlite3) resolve from the bundle's folder upwards
  if (!fs.existsSync(path.join(dir, 'node_modules'))) fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await bundleNode(entry, outfile, production);
  return outfile;
}
