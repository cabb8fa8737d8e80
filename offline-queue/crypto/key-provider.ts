// Where the at-rest key comes from. In the Electron shell the key file holds the key wrapped by
// the OS keystore (safeStorage); on the headless host it is a 0600 file readable only by the
// kiosk's user. Either way the key never sits in the database it protects.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface KeyProvider {
  /** Human-readable description for logs (never the key). */
  readonly kind: string;
  /** Returns the 32-byte key, creating it on first use. `created` tells the caller to log it. */
  loadKey(): { key: Buffer; created: boolean };
}

export class KeyFileError extends Error {}

/** Optional wrapping by an OS keystore (Electron safeStorage.encryptString/decryptString). */
export interface KeyWrapper {
  readonly kind: string;
  wrap(key: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

/**
 * A key kept in a file with mode 0600. Refuses a file other users can read: that key would no
 * longer protect anything, and silently carrying on would hide it.
 */
export function fileKeyProvider(file: string, wrapper?: KeyWrapper): KeyProvider {
  return {
    kind: wrapper ? `${wrapper.kind}-wrapped file` : '0600 key file',
    loadKey() {
      if (fs.existsSync(file)) {
        const st = fs.statSync(file);
        if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
          throw new KeyFileError(`密钥文件权限过宽 / key file ${file} is readable by others (mode ${(st.mode & 0o777).toString(8)}); expected 600`);
        const raw = fs.readFileSync(file);
        const key = wrapper ? wrapper.unwrap(raw) : raw;
        if (key.length !== 32) throw new KeyFileError(`密钥文件损坏 / key file ${file} does not hold a 32-byte key`);
        return { key, created: false };
      }
      const key = crypto.randomBytes(32);
      writeKeyFile(file, wrapper ? wrapper.wrap(key) : key);
      return { key, created: true };
    },
  };
}

/** Writes a key file 0600 under a temporary name and renames it: a crash never leaves half a key. */
export function writeKeyFile(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** The part of Electron's `safeStorage` the key wrapper needs (no Electron import here). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Wraps the key with the OS keystore through Electron's safeStorage (libsecret / kwallet on
 * Linux, DPAPI on Windows). The shell passes `fileKeyProvider(file, safeStorageWrapper(safeStorage))`.
 * Refuses to run without a keystore rather than writing the key in the clear behind the user's back.
 */
export function safeStorageWrapper(safeStorage: SafeStorageLike): KeyWrapper {
  const check = () => {
    if (!safeStorage.isEncryptionAvailable()) throw new KeyFileError('系统密钥库不可用，无法保护本机数据 / the OS keystore is not available to protect the at-rest key');
  };
  return {
    kind: 'safeStorage',
    wrap: (key) => {
      check();
      return safeStorage.encryptString(key.toString('base64'));
    },
    unwrap: (wrapped) => {
      check();
      return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
    },
  };
}

/** A fixed key (tests and benchmarks only). */
export function staticKeyProvider(key: Buffer): KeyProvider {
  return { kind: 'static', loadKey: () => ({ key, created: false }) };
}
