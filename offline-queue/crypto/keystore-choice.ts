// Where the outbox key lives on this terminal: in the OS keystore where there is one (Electron
// safeStorage in the shell; the Secret Service through libsecret on a Linux host without
// Electron), else in a 0600 file — a fallback that is logged and shown to the technician,
// because a key beside the data protects it only from other users, not from a copied disk.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileKeyProvider, KeyFileError, writeKeyFile, type KeyProvider, type KeyWrapper } from './key-provider';
import type { SecretService } from './secret-service';

export type KeystoreKind = 'safeStorage' | 'libsecret' | 'file';

export interface KeystoreChoice {
  provider: KeyProvider;
  kind: KeystoreKind;
  /** Why the plain 0600 file is used; null when a keystore holds the key. */
  fallbackReason: string | null;
}

export interface KeystoreOptions {
  keysDir: string;
  /** The 0600 fallback file (config `queue.keyFile`, else `<keys>/outbox.key`). */
  fileKey: string;
  /** Electron's keystore: a wrapper when usable, null when the shell has none, undefined outside Electron. */
  electron?: KeyWrapper | null;
  secretService?: SecretService | null;
  /** Which key: `outbox` (the at-rest key, the default) or `terminal-sm2` (the SM2 signing seed); names its keystore files. */
  name?: 'outbox' | 'terminal-sm2';
  /** Told when a plain key file was moved into the keystore (then deleted). */
  onMigrated?: (from: string, to: KeystoreKind) => void;
}

const KEY_BYTES = 32;

function isPlainKey(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).size === KEY_BYTES;
}

/** Reads a plain key file with the same checks as fileKeyProvider (0600, 32 bytes). */
function readPlain(file: string): Buffer {
  return fileKeyProvider(file).loadKey().key;
}

export function chooseKeyProvider(o: KeystoreOptions): KeystoreChoice {
  const name = o.name ?? 'outbox';
  const wrappedFile = path.join(o.keysDir, `${name}.key.safestorage`);
  const marker = path.join(o.keysDir, `${name}.key.libsecret`);
  // Older shells wrote a plain key under the safeStorage name when the OS had no keystore.
  const legacyPlain = isPlainKey(wrappedFile) ? wrappedFile : null;
  const plain = fs.existsSync(o.fileKey) ? o.fileKey : legacyPlain;
  const sealedByElectron = fs.existsSync(wrappedFile) && !legacyPlain;

  if (o.electron) {
    if (!sealedByElectron && fs.existsSync(marker))
      throw new KeyFileError(`本机数据密钥保存在 Secret Service 中，请用原方式启动 / the outbox key is in the Secret Service (${marker}); start the kiosk the way it was set up`);
    const wrapped = fileKeyProvider(wrappedFile, o.electron);
    return {
      kind: 'safeStorage',
      fallbackReason: null,
      provider: {
        kind: wrapped.kind,
        loadKey() {
          if (!sealedByElectron && plain) {
            const key = readPlain(plain);
            writeKeyFile(wrappedFile, o.electron!.wrap(key));
            if (plain !== wrappedFile) fs.rmSync(plain);
            o.onMigrated?.(plain, 'safeStorage');
            return { key, created: false };
          }
          return wrapped.loadKey();
        },
      },
    };
  }

  if (sealedByElectron)
    throw new KeyFileError(
      `本机数据密钥由系统密钥库（Electron safeStorage）保护，当前不可用 / the outbox key in ${wrappedFile} is sealed by Electron's OS keystore, which is not available to this process`,
    );

  if (o.secretService?.available()) {
    const ss = o.secretService;
    return {
      kind: 'libsecret',
      fallbackReason: null,
      provider: {
        kind: 'libsecret (Secret Service)',
        loadKey() {
          const stored = ss.lookup();
          if (stored) {
            if (stored.length !== KEY_BYTES) throw new KeyFileError('系统密钥库中的密钥损坏 / the key in the Secret Service is not a 32-byte key');
            return { key: stored, created: false };
          }
          if (fs.existsSync(marker)) throw new KeyFileError(`系统密钥库中找不到本机数据密钥 / the Secret Service no longer holds the outbox key (${marker} says it did); refusing to make a new one`);
          const key = plain ? readPlain(plain) : crypto.randomBytes(KEY_BYTES);
          ss.store(key);
          if (!ss.lookup()?.equals(key)) throw new KeyFileError('系统密钥库未能保存密钥 / the Secret Service did not keep the key');
          // Says where the key went, so a later boot without the keystore refuses instead of starting a new key.
          writeKeyFile(marker, Buffer.from(`${name} key in the Secret Service (libsecret)\n`));
          if (plain) {
            fs.rmSync(plain);
            o.onMigrated?.(plain, 'libsecret');
          }
          return { key, created: !plain };
        },
      },
    };
  }

  if (fs.existsSync(marker)) throw new KeyFileError(`本机数据密钥保存在系统密钥库（Secret Service），当前不可用 / the outbox key is in the Secret Service (${marker}), which is not reachable now`);

  const tried = [
    o.electron === null ? 'Electron safeStorage 不可用 / Electron safeStorage unavailable' : null,
    o.secretService ? 'D-Bus 上没有可用的 Secret Service（或未安装 secret-tool）/ no Secret Service reachable on D-Bus (or secret-tool missing)' : null,
  ].filter(Boolean);
  return {
    kind: 'file',
    fallbackReason: `未找到系统密钥库，密钥保存在 0600 文件中 / no OS keystore (${tried.join('; ') || 'none on this platform'}): the key is in a 0600 file`,
    provider: fileKeyProvider(plain ?? o.fileKey),
  };
}
