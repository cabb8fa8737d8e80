// The terminal's request-signing secret, kept in a 0600 file like the at-rest key. On first
// start one is generated; a technician registers it with central (the embedded development
// central is given it automatically).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KeyFileError } from './key-provider';

export function loadOrCreateTerminalSecret(file: string): { secret: string; created: boolean } {
  if (fs.existsSync(file)) {
    const st = fs.statSync(file);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0)
      throw new KeyFileError(`终端密钥文件权限过宽 / terminal secret ${file} is readable by others (mode ${(st.mode & 0o777).toString(8)}); expected 600`);
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (!/^[A-Za-z0-9_-]{32,200}$/.test(secret)) throw new KeyFileError(`终端密钥文件格式不正确 / terminal secret ${file} is malformed`);
    return { secret, created: false };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(32).toString('base64url');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, secret + '\n', { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return { secret, created: true };
}
