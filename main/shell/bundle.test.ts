// The Electron binary cannot run here, so the shell is proven as far as it can be: it bundles
// (every import resolves), Electron and native modules stay external, and the shell's own code
// is in the bundle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM build script without type declarations
import { buildMain } from '../../scripts/build.mjs';

describe('Electron main bundle', () => {
  it('bundles the shell and backend with electron and native modules external', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'main-bundle-')), 'electron-main.mjs');
    const result = await buildMain(out);
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('main/shell/electron-main.ts');
    expect(inputs).toContain('main/backend/boot.ts');
    expect(inputs.some((i) => i.includes('node_modules/electron/'))).toBe(false);
    expect(inputs.some((i) => i.includes('node_modules/better-sqlite3/'))).toBe(false);
    const code = fs.readFileSync(out, 'utf8');
    expect(code).toMatch(/from ["']electron["']/);
    expect(code).toContain('registerSchemesAsPrivileged');
    // the shipped shell keeps every guard (electron-main.test.ts proves what each one does)
    for (const hook of [
      'will-download',
      'will-frame-navigate',
      'select-hid-device',
      'select-serial-port',
      'select-usb-device',
      'select-bluetooth-device',
      'setDevicePermissionHandler',
      'window-all-closed',
    ])
      expect(code, hook).toContain(hook);
  });
});
