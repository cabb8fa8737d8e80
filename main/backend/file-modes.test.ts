// Every file the kiosk writes under its data dir (its database with -wal/-shm, the embedded
// central's database with plain ID numbers, keys, logs) is readable by the kiosk's user only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootBackend, type Backend } from './boot';
import { technicianSettings } from './test-support/technician';

let open: Backend | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

function modes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() && !e.isDirectory()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(root, p)] = (fs.statSync(p).mode & 0o777).toString(8);
  }
  return out;
}

async function boot(dataDir: string) {
  open = await bootBackend({ dataDir, configFile: null, rendererDir: null, version: '0.0.0-test', configOverrides: { maintenance: technicianSettings() }, secretService: null });
  await open.fetch(new Request('http://kiosk.test/api/system/info'));
  return open;
}

describe('file modes under the data dir', () => {
  it('makes the data dir 0700, every database file (with -wal/-shm) and key and log 0600', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-modes-')), 'data');
    await boot(dataDir);
    const m = modes(dataDir);
    for (const f of ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm', 'central/central.db', 'central/central.db-wal', 'central/central.db-shm', 'keys/terminal.secret']) expect(m[f], f).toBe('600');
    expect(Object.keys(m).some((f) => f.startsWith('logs/'))).toBe(true);
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    for (const [f, mode] of Object.entries(m)) expect(mode, f).toBe(fs.statSync(path.join(dataDir, f)).isDirectory() ? '700' : '600');
  });

  it('tightens a data dir and databases an older build left readable by others', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-modes-')), 'data');
    await boot(dataDir);
    await open!.close();
    open = null;
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'central'), 0o755);
    for (const f of ['kiosk.db', 'central/central.db']) fs.chmodSync(path.join(dataDir, f), 0o644);
    await boot(dataDir);
    const m = modes(dataDir);
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    for (const f of ['central', 'kiosk.db', 'central/central.db', 'central/central.db-wal']) expect(m[f], f).toBe(f === 'central' ? '700' : '600');
  });
});
