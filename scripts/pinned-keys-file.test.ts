// The province's key file for packaging: a 国密 province pins SM2 keys (an sm terminal counts
// nothing else), so the file must take them, and must refuse the SM2 placeholders the source
// carries as it refuses the Ed25519 ones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_CONFIG_KEYS, PINNED_RELEASE_KEYS } from '../main/backend/updates/pinned-keys';
import { generateReleaseKey } from '../main/backend/updates/release-signing';
import { readPinnedKeysFile } from './pinned-keys-file.mjs';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinned-keys-file-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(doc: unknown): string {
  const f = path.join(dir, `keys-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(f, JSON.stringify(doc));
  return f;
}

describe('the pinned-keys file', () => {
  it('takes SM2 keys next to Ed25519 ones', () => {
    const sm2 = generateReleaseKey('sm2');
    const ed = generateReleaseKey();
    const keys = readPinnedKeysFile(
      file({
        release: [{ algorithm: 'sm2', publicKey: sm2.publicKey }],
        config: [
          { algorithm: 'ed25519', publicKey: ed.publicKey },
          { algorithm: 'sm2', publicKey: sm2.publicKey },
        ],
      }),
    );
    expect(keys.release).toEqual([{ algorithm: 'sm2', publicKey: sm2.publicKey }]);
    expect(keys.config).toHaveLength(2);
  });

  it('refuses the SM2 placeholders, an SM2 label on an Ed25519 key, and garbage', () => {
    const placeholder = [...PINNED_RELEASE_KEYS, ...PINNED_CONFIG_KEYS].find((k) => k.algorithm === 'sm2')!;
    const ed = generateReleaseKey();
    expect(() => readPinnedKeysFile(file({ release: [placeholder], config: [placeholder] }))).toThrow('release[0]: this is the shipped placeholder key');
    expect(() => readPinnedKeysFile(file({ release: [{ algorithm: 'sm2', publicKey: ed.publicKey }], config: [{ algorithm: 'ed25519', publicKey: ed.publicKey }] }))).toThrow(
      'release[0]: not an SM2 public key',
    );
    expect(() => readPinnedKeysFile(file({ release: [{ algorithm: 'sm2', publicKey: 'garbage' }], config: [{ algorithm: 'ed25519', publicKey: ed.publicKey }] }))).toThrow(
      'release[0]: not an SM2 public key',
    );
  });
});
