// The renderer ships no zod: its bundle has a 150 KiB gzip budget (bench/paint.bench.ts) and zod
// was 20 KiB of it. Every module the renderer's entry (start.ts, and the app it loads) reaches at run time is listed by esbuild's
// metafile; type-only imports are erased and do not count. The control bundles a module that
// builds a zod schema, so the check is shown to see zod when it is there.
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

async function reached(entry: string): Promise<string[]> {
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    outdir: path.join(ROOT, 'dist', 'renderer-bundle-check'),
    metafile: true,
    format: 'esm',
    jsx: 'automatic',
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty' },
    define: { 'import.meta.env': '{}' },
    logLevel: 'silent',
  });
  return Object.keys(r.metafile.inputs);
}

const zodModules = (inputs: string[]) => inputs.filter((i) => i.includes('node_modules/zod/'));

describe('the renderer bundle', () => {
  it('reaches no zod module from its entry', async () => {
    const inputs = await reached('renderer/src/start.ts');
    expect(inputs).toContain('common/form-validation.ts');
    expect(zodModules(inputs)).toEqual([]);
  });

  it('would show zod if a runtime import brought it (control)', async () => {
    expect(zodModules(await reached('common/central-api.ts')).length).toBeGreaterThan(0);
  });
});
