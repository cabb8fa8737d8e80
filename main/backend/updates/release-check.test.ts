// Every way a release can be wrong is refused before it runs, each with its own reason: a
// tampered byte, a truncated download, a downgrade, a missing signature, another key's signature.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkArtifact, checkManifest } from './release-check';
import { generateReleaseKey, manifestFor, signRelease } from './release-signing';
import type { PinnedKey } from './signature-verifier';

const key = generateReleaseKey();
const pinned: PinnedKey[] = [{ algorithm: 'ed25519', publicKey: key.publicKey }];
const artifact = new Uint8Array(50_000).map((_, i) => (i * 7) % 256);
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-check-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (bytes: Uint8Array) => {
  const f = path.join(dir, 'artifact');
  fs.writeFileSync(f, bytes);
  return f;
};

describe('the manifest', () => {
  it('accepts a newer release signed by the pinned key', () => {
    expect(checkManifest(signRelease(manifestFor(artifact, '1.2.0'), key.privateKey), '1.1.9', pinned).ok).toBe(true);
  });

  it('refuses an unsigned release', () => {
    const r = checkManifest({ ...signRelease(manifestFor(artifact, '1.2.0'), key.privateKey), signature: '' }, '1.1.0', pinned);
    expect(r).toMatchObject({ ok: false, error: { reason: 'unsigned' } });
  });

  it('refuses a release signed by another key', () => {
    const other = generateReleaseKey();
    const r = checkManifest(signRelease(manifestFor(artifact, '1.2.0'), other.privateKey), '1.1.0', pinned);
    expect(r).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
  });

  it('refuses a manifest changed after signing (a swapped SHA-512 or version)', () => {
    const signed = signRelease(manifestFor(artifact, '1.2.0'), key.privateKey);
    expect(checkManifest({ ...signed, version: '1.3.0' }, '1.1.0', pinned)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
    expect(checkManifest({ ...signed, sha512: 'a'.repeat(128) }, '1.1.0', pinned)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
  });

  it('refuses a downgrade, and the same version, unless signed as a rollback', () => {
    expect(checkManifest(signRelease(manifestFor(artifact, '1.0.9'), key.privateKey), '1.1.0', pinned)).toMatchObject({ ok: false, error: { reason: 'downgrade' } });
    expect(checkManifest(signRelease(manifestFor(artifact, '1.1.0'), key.privateKey), '1.1.0', pinned)).toMatchObject({ ok: false, error: { reason: 'downgrade' } });
    expect(checkManifest(signRelease(manifestFor(artifact, '1.1.0-rc.1'), key.privateKey), '1.1.0', pinned)).toMatchObject({ ok: false, error: { reason: 'downgrade' } });
    // the rollback flag is inside the signature: setting it on a signed downgrade breaks the signature
    const plain = signRelease(manifestFor(artifact, '1.0.9'), key.privateKey);
    expect(checkManifest({ ...plain, rollback: true }, '1.1.0', pinned)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
    expect(checkManifest(signRelease(manifestFor(artifact, '1.0.9', { rollback: true }), key.privateKey), '1.1.0', pinned).ok).toBe(true);
  });
});

describe('the artifact', () => {
  const release = signRelease(manifestFor(artifact, '1.2.0'), key.privateKey);

  it('accepts exactly the signed bytes', async () => {
    expect((await checkArtifact(release, write(artifact))).ok).toBe(true);
  });

  it('refuses one tampered byte', async () => {
    const bad = artifact.slice();
    bad[31_337] = bad[31_337]! ^ 0x01;
    expect(await checkArtifact(release, write(bad))).toMatchObject({ ok: false, error: { reason: 'tampered' } });
  });

  it('refuses a truncated artifact, and one with bytes appended', async () => {
    expect(await checkArtifact(release, write(artifact.slice(0, -1)))).toMatchObject({ ok: false, error: { reason: 'truncated' } });
    expect(await checkArtifact(release, write(new Uint8Array([...artifact, 0])))).toMatchObject({ ok: false, error: { reason: 'tampered' } });
  });
});
