// vitest globalSetup: build the renderer once for all e2e files, exactly as `npm start` ships it.
// E2E_SKIP_BUILD=1 reuses an existing dist/renderer (when iterating on tests only).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { RENDERER_DIR, ROOT } from './paths';

export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD && fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  // vitest sets NODE_ENV=test, and vite would then bundle React's development build (effects run
  // twice, extra checks): the tests must drive the production bundle the kiosk ships.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = before;
  }
}
