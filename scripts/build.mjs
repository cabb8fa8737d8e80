#!/usr/bin/env node
// Production build: the renderer with Vite, the Electron main process (shell + backend) with
// esbuild into one ESM file. Native modules stay external and are rebuilt for Electron's ABI
// by electron-builder at packaging time.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const NATIVE_EXTERNALS = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'pdfkit', 'fontkit'];

export async function buildMain(outfile = path.join(root, 'dist', 'main', 'electron-main.mjs')) {
  return build({
    entryPoints: [path.join(root, 'main', 'shell', 'electron-main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: NATIVE_EXTERNALS,
    // ESM output still meets CommonJS dependencies that call require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--main-only')) {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  await buildMain();
  process.stdout.write('built dist/renderer and dist/main/electron-main.mjs\n');
}
