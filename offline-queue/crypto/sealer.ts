// Encryption of personal data at rest: AES-256-GCM with a fresh 96-bit IV per value. The
// additional data binds each ciphertext to the row and column it was written for, so a blob
// copied into another row fails to open instead of being read as someone else's data.
import crypto from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

export class DecryptError extends Error {}

export class Sealer {
  /** Short public fingerprint of the key, stored with the data to notice a wrong key early. */
  readonly fingerprint: string;

  private readonly macKey: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new RangeError('AES-256 needs a 32-byte key');
    this.fingerprint = crypto.createHmac('sha256', key).update('gov-kiosk key fingerprint v1').digest('hex').slice(0, 16);
    this.macKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'gov-kiosk content mac v1', 32));
  }

  /** A keyed digest of content: compares two submissions without storing a guessable hash of personal data. */
  mac(data: string | Uint8Array): string {
    return crypto.createHmac('sha256', this.macKey).update(data).digest('hex');
  }

  seal(plain: Uint8Array, context: string): Buffer {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, context: string): Buffer {
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (buf.length < HEADER || buf[0] !== VERSION) throw new DecryptError('not a sealed value');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, buf.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(buf.subarray(1 + IV_BYTES, HEADER));
    try {
      return Buffer.concat([decipher.update(buf.subarray(HEADER)), decipher.final()]);
    } catch {
      throw new DecryptError('解密失败：密钥不符或数据损坏 / cannot decrypt: wrong key or damaged data');
    }
  }

  sealJson(value: unknown, context: string): Buffer {
    return this.seal(Buffer.from(JSON.stringify(value), 'utf8'), context);
  }

  openJson<T = unknown>(sealed: Uint8Array, context: string): T {
    return JSON.parse(this.open(sealed, context).toString('utf8')) as T;
  }
}
