// Issue 16 item 3: the suites work where Node's OpenSSL is not there to help (Electron's
// BoringSSL has no SM algorithm). A child process runs every operation of both suites with
// node:crypto's algorithms replaced by throwing stubs for the suite and its libraries, and Web
// Crypto cut down to getRandomValues; a control run that does hand node:crypto in must fail.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--import', './common/test-support/block-node-crypto.mjs', 'common/test-support/crypto-suite-round-trip.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });

describe('the suites without node:crypto (as in Electron)', () => {
  it('seal, open, digest (whole and in pieces), HMAC, HKDF, sign and verify on both suites, and SM2 key exchange, with only getRandomValues', () => {
    const child = run({});
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout) as Record<string, Record<string, unknown>>;
    const expected = { pieces: true, hmac: 64, hkdf: 32, opened: '320102199001011234', tampered: false, verified: true, forged: false };
    expect(result.international).toEqual({ ...expected, digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    expect(result.sm).toEqual({ ...expected, digest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0', keyExchange: '6c89347354de2484c60b4ab1fde4c6e5' });
  }, 120_000);

  it('control: the same run handing node:crypto in as the fast path is stopped', () => {
    const child = run({ ROUND_TRIP_NODE_CRYPTO: '1' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('used by the pure-JS path');
  }, 120_000);
});
