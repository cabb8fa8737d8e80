// The release channel on the kiosk's side: central is asked for this terminal's channel, and a
// release of another channel is refused even when central assigns it (the channel is signed with
// the release), before a byte of it is downloaded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Channel, SignedRelease } from '../../../common/fleet-updates';
import { createLogger } from '../log/logger';
import { generateReleaseKey, manifestFor, signRelease } from './release-signing';
import type { UpdateInstaller } from './update-installer';
import { Updater } from './updater';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'updater-channel-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const key = generateReleaseKey();
const bytes = new Uint8Array(10_000).map((_, i) => i % 13);

function terminal(channel: Channel, release: SignedRelease) {
  const seen = { ranges: 0, installed: [] as string[], restarts: 0 };
  const installer: UpdateInstaller = {
    kind: 'bundle-swap',
    stateFile: null,
    install: async (r) => (seen.installed.push(r.version), { ok: true, value: undefined }),
    restart: () => void seen.restarts++,
  };
  const updater = new Updater({
    currentVersion: '1.0.0',
    channel,
    trust: { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: key.publicKey }] },
    assignment: async () => ({ ok: true, value: { release, reason: 'assigned' } }),
    fetchRange: () => async (s, e) => (seen.ranges++, { ok: true, value: { bytes: bytes.slice(s, e + 1), total: bytes.length } }),
    installer,
    stateFile: path.join(dir, 'update-state.json'),
    downloadDir: dir,
    citizenPresent: () => false,
    window: null,
    maxBytesPerSec: 10_000_000,
    logger: createLogger({ sink: () => undefined }),
  });
  return { updater, seen };
}

it('a stable terminal refuses a beta release central assigned, without downloading it, and says why', async () => {
  const beta = signRelease(manifestFor(bytes, '1.1.0-beta.1', { channel: 'beta' }), key.privateKey);
  const { updater, seen } = terminal('stable', beta);
  const hb = await updater.check();
  expect(hb).toMatchObject({ step: 'refused', reason: 'wrong-channel', target: '1.1.0-beta.1' });
  expect(hb.message).toContain('stable');
  expect(seen.ranges).toBe(0);
  expect(seen.installed).toEqual([]);
});

it('a beta terminal takes the beta release, and a stable terminal a stable one', async () => {
  const beta = signRelease(manifestFor(bytes, '1.1.0-beta.1', { channel: 'beta' }), key.privateKey);
  const b = terminal('beta', beta);
  await b.updater.check();
  expect(b.seen.installed).toEqual(['1.1.0-beta.1']);
  const stable = signRelease(manifestFor(bytes, '1.1.0'), key.privateKey);
  fs.rmSync(path.join(dir, 'update-state.json'));
  const s = terminal('stable', stable);
  await s.updater.check();
  expect(s.seen.installed).toEqual(['1.1.0']);
});
