// The backend's boot picks where the outbox key lives and tells the technician: the keystore in
// use, or the 0600-file fallback as a logged warning and a problem on the terminal panel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretService } from '../../offline-queue/crypto/secret-service';
import { bootBackend, type Backend } from './boot';
import { createLogger } from './log/logger';
import { signInTechnician, technicianSettings } from './test-support/technician';

let open: Backend | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function boot(secretService: SecretService | null) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-key-'));
  const lines: string[] = [];
  open = await bootBackend({
    dataDir,
    configFile: null,
    rendererDir: null,
    version: '0.0.0-test',
    logger: createLogger({ sink: (l) => lines.push(l), minLevel: 'debug' }),
    configOverrides: { maintenance: technicianSettings() },
    secretService,
  });
  const get = async (p: string, init?: RequestInit) => open!.fetch(new Request(`http://kiosk.test${p}`, init));
  const cookie = await signInTechnician(get);
  const panel = await (await get('/api/maintenance/terminal', { headers: { Cookie: cookie } })).json();
  return { dataDir, events: lines.map((l) => JSON.parse(l) as { event: string; [k: string]: unknown }), panel };
}

describe('at-rest key at boot', () => {
  it('falls back to the 0600 file with a crypto.key.fallback warning shown on the terminal panel', async () => {
    const { dataDir, events, panel } = await boot(null);
    const fallback = events.find((e) => e.event === 'crypto.key.fallback');
    expect(fallback?.level).toBe('warn');
    expect(String(fallback?.reason)).toMatch(/0600/);
    expect(panel.atRestKey).toMatchObject({ keystore: 'file', fallbackReason: expect.stringMatching(/0600/) });
    expect(fs.statSync(path.join(dataDir, 'keys', 'outbox.key')).mode & 0o777).toBe(0o600);
  });

  it('keeps the key in the Secret Service when one answers, with no key file on disk', async () => {
    const items: Buffer[] = [];
    const ss: SecretService = { kind: 'libsecret', available: () => true, lookup: () => items[0] ?? null, store: (k) => void items.splice(0, 1, k) };
    const { dataDir, events, panel } = await boot(ss);
    expect(items).toHaveLength(1);
    expect(events.some((e) => e.event === 'crypto.key.keystore' && e.keystore === 'libsecret')).toBe(true);
    expect(events.some((e) => e.event === 'crypto.key.fallback')).toBe(false);
    expect(panel.atRestKey).toEqual({ keystore: 'libsecret', fallbackReason: null });
    expect(fs.existsSync(path.join(dataDir, 'keys', 'outbox.key'))).toBe(false);
  });
});
