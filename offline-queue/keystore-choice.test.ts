// Where the outbox key lives: the OS keystore when there is one (Electron safeStorage, else the
// Secret Service through libsecret), else a 0600 file as a reported fallback. Keystores are test
// doubles here; the file fallback is real.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { KeyFileError, type KeyWrapper } from './crypto/key-provider';
import { chooseKeyProvider } from './crypto/keystore-choice';
import { secretToolService, type Run, type SecretService } from './crypto/secret-service';

let keysDir: string;
let fileKey: string;
beforeEach(() => {
  keysDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keystore-')), 'keys');
  fileKey = path.join(keysDir, 'outbox.key');
});

/** A keystore double: AES-GCM under a key that never touches the disk, like safeStorage. */
function electronDouble(): KeyWrapper {
  const k = crypto.randomBytes(32);
  return {
    kind: 'safeStorage',
    wrap(key) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', k, iv);
      return Buffer.concat([Buffer.from('v10'), iv, c.update(key), c.final(), c.getAuthTag()]);
    },
    unwrap(w) {
      const d = crypto.createDecipheriv('aes-256-gcm', k, w.subarray(3, 15));
      d.setAuthTag(w.subarray(w.length - 16));
      return Buffer.concat([d.update(w.subarray(15, w.length - 16)), d.final()]);
    },
  };
}

function secretServiceDouble(up = true): SecretService & { items: Buffer[] } {
  const items: Buffer[] = [];
  return { kind: 'libsecret', items, available: () => up, lookup: () => items[0] ?? null, store: (k) => void items.splice(0, 1, Buffer.from(k)) };
}

/** Every file under the keys folder that holds the key's bytes in the clear. */
function filesHolding(key: Buffer): string[] {
  if (!fs.existsSync(keysDir)) return [];
  return fs.readdirSync(keysDir).filter((f) => fs.readFileSync(path.join(keysDir, f)).includes(key));
}

function plainKeyFile(): Buffer {
  const key = crypto.randomBytes(32);
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(fileKey, key, { mode: 0o600 });
  return key;
}

describe('choosing where the outbox key lives', () => {
  it('uses Electron safeStorage in the shell: the key is never on disk in the clear', () => {
    const electron = electronDouble();
    const c = chooseKeyProvider({ keysDir, fileKey, electron, secretService: secretServiceDouble() });
    expect(c.kind).toBe('safeStorage');
    expect(c.fallbackReason).toBeNull();
    const { key, created } = c.provider.loadKey();
    expect(created).toBe(true);
    expect(filesHolding(key)).toEqual([]);
    expect(chooseKeyProvider({ keysDir, fileKey, electron }).provider.loadKey().key.equals(key)).toBe(true);
  });

  it('moves a plain key file into safeStorage and deletes it (same key, sealed data stays readable)', () => {
    const old = plainKeyFile();
    const migrated: string[] = [];
    const c = chooseKeyProvider({ keysDir, fileKey, electron: electronDouble(), onMigrated: (from) => migrated.push(from) });
    expect(c.provider.loadKey().key.equals(old)).toBe(true);
    expect(fs.existsSync(fileKey)).toBe(false);
    expect(filesHolding(old)).toEqual([]);
    expect(migrated).toEqual([fileKey]);
  });

  it('uses the Secret Service (libsecret) on a host without Electron, and keeps no key file', () => {
    const ss = secretServiceDouble();
    const c = chooseKeyProvider({ keysDir, fileKey, secretService: ss });
    expect(c.kind).toBe('libsecret');
    const { key } = c.provider.loadKey();
    expect(ss.items[0]!.equals(key)).toBe(true);
    expect(filesHolding(key)).toEqual([]);
    expect(fs.existsSync(fileKey)).toBe(false);
    expect(chooseKeyProvider({ keysDir, fileKey, secretService: ss }).provider.loadKey()).toEqual({ key, created: false });
  });

  it('moves a plain key file into the Secret Service and deletes it', () => {
    const old = plainKeyFile();
    const ss = secretServiceDouble();
    expect(chooseKeyProvider({ keysDir, fileKey, secretService: ss }).provider.loadKey().key.equals(old)).toBe(true);
    expect(ss.items[0]!.equals(old)).toBe(true);
    expect(fs.existsSync(fileKey)).toBe(false);
  });

  it('falls back to a real 0600 file, and says why, when no keystore is reachable', () => {
    const c = chooseKeyProvider({ keysDir, fileKey, electron: null, secretService: secretServiceDouble(false) });
    expect(c.kind).toBe('file');
    expect(c.fallbackReason).toMatch(/safeStorage.*Secret Service.*0600/s);
    const { key, created } = c.provider.loadKey();
    expect(created).toBe(true);
    expect(fs.readFileSync(fileKey).equals(key)).toBe(true);
    expect(fs.statSync(fileKey).mode & 0o777).toBe(0o600);
    expect(chooseKeyProvider({ keysDir, fileKey }).provider.loadKey().key.equals(key)).toBe(true);
  });

  it('refuses to start a new key when the keystore that holds the old one is not reachable', () => {
    const ss = secretServiceDouble();
    chooseKeyProvider({ keysDir, fileKey, secretService: ss }).provider.loadKey();
    expect(() => chooseKeyProvider({ keysDir, fileKey, secretService: secretServiceDouble(false) })).toThrow(KeyFileError);
    // the Secret Service lost the item: no silent new key either
    expect(() => chooseKeyProvider({ keysDir, fileKey, secretService: secretServiceDouble() }).provider.loadKey()).toThrow(KeyFileError);

    const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keystore-')), 'keys');
    chooseKeyProvider({ keysDir: other, fileKey: path.join(other, 'outbox.key'), electron: electronDouble() }).provider.loadKey();
    expect(() => chooseKeyProvider({ keysDir: other, fileKey: path.join(other, 'outbox.key'), electron: null, secretService: secretServiceDouble(false) })).toThrow(KeyFileError);
  });
});

describe('secret-tool as the Secret Service', () => {
  const calls: { args: string[]; input?: string }[] = [];
  const fake =
    (answers: Record<string, { status: number; stdout?: string; stderr?: string }>): Run =>
    (args, input) => {
      calls.push({ args, input });
      const a = answers[args[0]!]!;
      return { status: a.status, stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
    };
  const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' };

  it('is unavailable without a D-Bus session or when secret-tool reports an error', () => {
    expect(secretToolService('/k', { run: fake({ lookup: { status: 1 } }), env: {}, platform: 'linux' }).available()).toBe(false);
    expect(secretToolService('/k', { run: fake({ lookup: { status: 1, stderr: 'Cannot autolaunch D-Bus without X11 $DISPLAY' } }), env, platform: 'linux' }).available()).toBe(false);
    expect(secretToolService('/k', { run: fake({ lookup: { status: 1 } }), env, platform: 'linux' }).available()).toBe(true);
  });

  it('stores the key base64 on stdin (never as an argument) and reads it back', () => {
    const key = crypto.randomBytes(32);
    calls.length = 0;
    const ss = secretToolService('/k', { run: fake({ store: { status: 0 }, lookup: { status: 0, stdout: key.toString('base64') + '\n' } }), env, platform: 'linux' });
    ss.store(key);
    expect(calls[0]!.input).toBe(key.toString('base64'));
    expect(calls[0]!.args.join(' ')).not.toContain(key.toString('base64'));
    expect(ss.lookup()!.equals(key)).toBe(true);
  });
});
