import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
const config: any = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema', () => {
    const validate = validator();
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a misspelt option is caught by the same check', () => {
    const validate = validator();
    expect(validate({ ...config, linux: { ...config.linux, targett: 'deb' } })).toBe(false);
  });

  it('builds deb and AppImage for x64 and arm64, and an NSIS installer for Windows', () => {
    const linux = config.linux.target as { target: string; arch: string[] }[];
    for (const t of ['deb', 'AppImage']) expect(linux.find((x) => x.target === t)?.arch.sort()).toEqual(['arm64', 'x64']);
    expect(config.win.target[0].target).toBe('nsis');
  });

  it('ships every file it names, including the restart unit', () => {
    for (const f of [...config.linux.extraFiles.map((x: { from: string }) => x.from), config.deb.afterInstall]) {
      expect(fs.existsSync(path.join(root, f)), f).toBe(true);
    }
    const unit = fs.readFileSync(path.join(root, 'build/linux/gov-kiosk.service'), 'utf8');
    expect(unit).toMatch(/^Restart=always$/m);
  });

  it('publishes nowhere: electron-updater gets app-update.yml, but its only feed is on loopback', () => {
    const publish = config.publish as { provider: string; url: string }[];
    expect(publish.length).toBeGreaterThan(0);
    for (const p of publish) {
      expect(p.provider).toBe('generic');
      expect(new URL(p.url).hostname).toBe('127.0.0.1');
    }
    for (const platform of ['linux', 'win', 'deb', 'appImage', 'nsis']) expect(config[platform]?.publish, platform).toBeUndefined();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.dependencies['electron-updater']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('pins a current Electron (42 or newer) exactly', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const v = pkg.devDependencies.electron as string;
    expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(v.split('.')[0])).toBeGreaterThanOrEqual(42);
  });
});
