// Every way a release can be wrong is refused before it runs, each with its own reason: a
// tampered byte, a truncated download, a downgrade, a missing signature, another key's signature.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkArtifact, checkManifest } from './release-check';
import { generateReleaseKey, manifestFor, signRelease } from './release-signing';
import type { SignatureTrust } from './signature-verifier';

const key = generateReleaseKey();
const pinned: SignatureTrust = { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: key.publicKey }] };
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

describe('the manifest under the sm suite (国密)', () => {
  const smKey = generateReleaseKey('sm2');
  // both kinds of key pinned, as a build ships them; the suite decides which count
  const bothKeys = [
    { algorithm: 'ed25519', publicKey: key.publicKey },
    { algorithm: 'sm2', publicKey: smKey.publicKey },
  ] as const;
  const sm: SignatureTrust = { suite: 'sm', keys: bothKeys };
  const international: SignatureTrust = { suite: 'international', keys: bothKeys };

  it('accepts a release signed with the pinned SM2 key', () => {
    const release = signRelease(manifestFor(artifact, '1.2.0'), smKey.privateKey);
    expect(release.algorithm).toBe('sm2');
    expect(Buffer.from(release.signature, 'base64')).toHaveLength(64);
    expect(checkManifest(release, '1.1.0', sm).ok).toBe(true);
  });

  it('refuses an Ed25519-signed release with a reason that says why, though an Ed25519 key is pinned (no downgrade)', () => {
    const r = checkManifest(signRelease(manifestFor(artifact, '1.2.0'), key.privateKey), '1.1.0', sm);
    expect(r).toMatchObject({ ok: false, error: { reason: 'wrong-suite' } });
    expect(!r.ok && r.error.message).toContain('refuses a release signed with ed25519');
  });

  it('refuses a tampered SM2 signature, a manifest changed after signing, another SM2 key’s signature and a relabelled Ed25519 one', () => {
    const signed = signRelease(manifestFor(artifact, '1.2.0'), smKey.privateKey);
    const sig = Buffer.from(signed.signature, 'base64');
    for (const at of [0, 31, 32, 63]) {
      const flipped = Buffer.from(sig);
      flipped[at] = flipped[at]! ^ 0x80;
      expect(checkManifest({ ...signed, signature: flipped.toString('base64') }, '1.1.0', sm)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
    }
    expect(checkManifest({ ...signed, signature: sig.subarray(0, 63).toString('base64') }, '1.1.0', sm)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
    expect(checkManifest({ ...signed, sha512: 'b'.repeat(128) }, '1.1.0', sm)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
    expect(checkManifest(signRelease(manifestFor(artifact, '1.2.0'), generateReleaseKey('sm2').privateKey), '1.1.0', sm)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
    const ed = signRelease(manifestFor(artifact, '1.2.0'), key.privateKey);
    expect(checkManifest({ ...ed, algorithm: 'sm2' }, '1.1.0', sm)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
  });

  it('refuses an SM2 release when only an Ed25519 key is pinned', () => {
    const onlyEd: SignatureTrust = { suite: 'international', keys: [{ algorithm: 'ed25519', publicKey: key.publicKey }] };
    expect(checkManifest(signRelease(manifestFor(artifact, '1.2.0'), smKey.privateKey), '1.1.0', onlyEd)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
  });

  it('an international terminal keeps accepting Ed25519, and accepts SM2 too', () => {
    expect(checkManifest(signRelease(manifestFor(artifact, '1.2.0'), key.privateKey), '1.1.0', international).ok).toBe(true);
    expect(checkManifest(signRelease(manifestFor(artifact, '1.2.0'), smKey.privateKey), '1.1.0', international).ok).toBe(true);
  });

  it('never throws on garbage SM2 signatures or pinned keys', () => {
    const signed = signRelease(manifestFor(artifact, '1.2.0'), smKey.privateKey);
    const garbageKeys: SignatureTrust = {
      suite: 'sm',
      keys: [
        { algorithm: 'sm2', publicKey: 'not a pem' },
        { algorithm: 'sm2', publicKey: key.publicKey },
      ],
    };
    expect(checkManifest(signed, '1.1.0', garbageKeys)).toMatchObject({ ok: false, error: { reason: 'wrong-key' } });
    for (let i = 0; i < 50; i++) {
      const junk = Buffer.from(Array.from({ length: i * 3 }, (_, j) => (j * 37 + i) % 256)).toString('base64');
      expect(checkManifest({ ...signed, signature: junk || 'AA==' }, '1.1.0', sm).ok).toBe(false);
    }
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
