import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Counts every schema-making call on zod's `z` (z.object, z.string, z.enum, ...), at module load
// and after, so a test can tell a start that built the config's schemas from one that did not.
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('zod', async (importOriginal) => {
  const real = await importOriginal<typeof import('zod')>();
  const counted = new Proxy(real.z, {
    get: (target, key) => {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function' || /^[A-Z]/.test(String(key))) return value;
      return (...args: unknown[]) => {
        built.count++;
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  return { ...real, z: counted };
});

/** load.ts as a freshly started process loads it: the count includes the schemas its modules build at load. */
async function freshLoad() {
  vi.resetModules();
  built.count = 0;
  return import('./load');
}

const SCHEMA_ID = 'a'.repeat(64);
const good = { terminalId: 'SQ0012', centralUrl: 'https://central.example.cn/', heartbeatSec: 30, devices: [{ kind: 'id-card-reader', mode: 'serial', path: '/dev/ttyUSB0' }] };

let dir: string;
let configFile: string;
let copyFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-copy-'));
  configFile = path.join(dir, 'config.json');
  copyFile = path.join(dir, 'data', 'config.validated.json');
  fs.mkdirSync(path.dirname(copyFile));
  fs.writeFileSync(configFile, JSON.stringify(good));
});
const place = (schemaId = SCHEMA_ID) => ({ file: copyFile, schemaId });

describe('the validated copy of an unchanged config', () => {
  it('a restart with the same file takes the copy without building any schema, and gets the same config', async () => {
    const first = (await freshLoad()).loadConfig(configFile, place());
    expect(first.ok && first.value.validatedBy).toBe('schema');
    expect(built.count).toBeGreaterThan(0);
    expect(fs.statSync(copyFile).mode & 0o777).toBe(0o600);

    const second = (await freshLoad()).loadConfig(configFile, place());
    expect(built.count).toBe(0);
    expect(second.ok && second.value.validatedBy).toBe('copy');
    expect(second.ok && second.value).toEqual(first.ok && { ...first.value, validatedBy: 'copy' });
    expect(second.ok && second.value.devices[0]).toMatchObject({ kind: 'id-card-reader', path: '/dev/ttyUSB0', pollMs: 500 });
  });

  it('an edited file is validated again, and an invalid edit is refused with the same message as without a copy', async () => {
    (await freshLoad()).loadConfig(configFile, place());
    fs.writeFileSync(configFile, JSON.stringify({ ...good, heartbeatSec: 45 }));
    const edited = (await freshLoad()).loadConfig(configFile, place());
    expect(edited.ok && edited.value.validatedBy).toBe('schema');
    expect(edited.ok && edited.value.heartbeatSec).toBe(45);

    fs.writeFileSync(configFile, JSON.stringify({ ...good, heartbeatSec: 5 }));
    const { loadConfig, formatConfigError } = await freshLoad();
    const refused = loadConfig(configFile, place());
    const withoutCopy = loadConfig(configFile, null);
    expect(refused.ok).toBe(false);
    if (refused.ok || withoutCopy.ok) return;
    expect(formatConfigError(refused.error)).toBe(formatConfigError(withoutCopy.error));
    expect(formatConfigError(refused.error)).toContain('heartbeatSec: 心跳间隔不得小于 10 秒');
    // the copy of the last good file is still the one kept, not taken for the bad one
    expect(JSON.parse(fs.readFileSync(copyFile, 'utf8')).config.heartbeatSec).toBe(45);
  });

  it('a copy made by another schema (another build) is not taken', async () => {
    (await freshLoad()).loadConfig(configFile, place('b'.repeat(64)));
    const r = (await freshLoad()).loadConfig(configFile, place());
    expect(r.ok && r.value.validatedBy).toBe('schema');
    expect(built.count).toBeGreaterThan(0);
  });

  it('a copy made for another file with the same bytes is not taken', async () => {
    const other = path.join(dir, 'other.json');
    fs.copyFileSync(configFile, other);
    (await freshLoad()).loadConfig(other, place());
    const r = (await freshLoad()).loadConfig(configFile, place());
    expect(r.ok && r.value.validatedBy).toBe('schema');
  });

  it('a hand-edited copy is not trusted: the file is parsed and the copy rewritten', async () => {
    (await freshLoad()).loadConfig(configFile, place());
    const record = JSON.parse(fs.readFileSync(copyFile, 'utf8'));
    // a value the schema refuses (the reader polled faster than readers allow), key left as it was
    record.config.devices[0].pollMs = 50;
    record.config.centralUrl = 'http://attacker.example/';
    fs.writeFileSync(copyFile, JSON.stringify(record));
    const r = (await freshLoad()).loadConfig(configFile, place());
    expect(r.ok && r.value.validatedBy).toBe('schema');
    expect(r.ok && r.value.devices[0]).toMatchObject({ pollMs: 500 });
    expect(r.ok && r.value.centralUrl).toBe('https://central.example.cn/');
    expect(JSON.parse(fs.readFileSync(copyFile, 'utf8')).config.centralUrl).toBe('https://central.example.cn/');
  });

  it.each([
    ['torn', (text: string) => text.slice(0, text.length >> 1)],
    ['garbage', () => '\u0000\u00ff{{'],
    ['empty', () => ''],
    ['another format', (text: string) => JSON.stringify({ ...JSON.parse(text), format: 2 })],
    ['not an object', () => '[1,2,3]'],
  ])('a %s copy falls back to the full parse', async (_name, damage) => {
    (await freshLoad()).loadConfig(configFile, place());
    fs.writeFileSync(copyFile, damage(fs.readFileSync(copyFile, 'utf8')));
    const r = (await freshLoad()).loadConfig(configFile, place());
    expect(r.ok && r.value.validatedBy).toBe('schema');
    expect(r.ok && r.value.terminalId).toBe('SQ0012');
    const again = (await freshLoad()).loadConfig(configFile, place());
    expect(again.ok && again.value.validatedBy).toBe('copy');
  });

  it('an unreadable copy (a directory in its place) or one that cannot be written still boots from the file', async () => {
    fs.mkdirSync(copyFile);
    const r = (await freshLoad()).loadConfig(configFile, place());
    expect(r.ok && r.value.validatedBy).toBe('schema');
    const nowhere = (await freshLoad()).loadConfig(configFile, { file: path.join(dir, 'missing', 'config.validated.json'), schemaId: SCHEMA_ID });
    expect(nowhere.ok && nowhere.value.terminalId).toBe('SQ0012');
    expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'data']);
  });
});
