// Encryption of personal data at rest, in the deployment's crypto suite (issue 16):
// `international` is AES-256-GCM in the outbox's original layout (0x01 ‖ IV ‖ tag ‖ body: the
// version byte itself says "international"), `sm` is SM4-GCM in the suite-tagged envelope of
// common/crypto-suite (0x02 ‖ suite id ‖ nonce ‖ body ‖ tag). The additional data binds each
// ciphertext to the row and column it was written for, so a blob copied into another row fails
// to open instead of being read as someone else's data.
//
// Each suite's keys are derived from the one 32-byte at-rest key (the keystore holds only that),
// so switching suites needs no new key. While a terminal switches, the sealer also reads the
// other suite's items (`readsOther`) until the re-sealer has rewritten them all; after that an
// item made by the other suite is refused (WrongSuiteError), never silently opened.
import crypto from 'node:crypto';
import { sealedSuiteOf } from '../../common/crypto-suite/sealed-envelope';
import type { CryptoSuite, SuiteTag } from '../../common/crypto-suite/suite';
import { nodeSuite } from './node-suites';

const LEGACY_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const LEGACY_HEADER = 1 + IV_BYTES + TAG_BYTES;

export class DecryptError extends Error {}
/** An item sealed by another suite than this terminal's, after the switch finished. */
export class WrongSuiteError extends DecryptError {}

/** Which suite sealed a stored value; null for something that is not a sealed value. */
export function suiteOfSealed(sealed: Uint8Array): SuiteTag | null {
  if (sealed.length >= LEGACY_HEADER && sealed[0] === LEGACY_VERSION) return 'international';
  return sealedSuiteOf(sealed);
}

/** One suite's keys, derived from the at-rest key. */
class SuiteKeys {
  readonly impl: CryptoSuite;
  readonly sealKey: Buffer;
  readonly macKey: Buffer;

  constructor(
    readonly tag: SuiteTag,
    key: Buffer,
  ) {
    this.impl = nodeSuite(tag);
    if (tag === 'international') {
      // Unchanged since the first release: data sealed then must open now.
      this.sealKey = key;
      this.macKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'gov-kiosk content mac v1', 32));
    } else {
      // HMAC-SM3 as the extraction and expansion of one-block HKDF (RFC 5869 with SM3).
      const prk = this.impl.hmac(new Uint8Array(32), key);
      const okm = (info: string) => Buffer.from(this.impl.hmac(prk, Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])])));
      this.sealKey = okm('gov-kiosk sm4 seal key v1').subarray(0, this.impl.sealKeyBytes);
      this.macKey = okm('gov-kiosk content mac v1');
    }
  }

  mac(data: string | Uint8Array): string {
    return Buffer.from(this.impl.hmac(this.macKey, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)).toString('hex');
  }

  /**
   * The sealed value as the pieces it was made in (their concatenation is the value): a page file
   * writes them as they are (writev). Joining them cost two 3 MB copies per large submission.
   */
  sealParts(plain: Uint8Array, context: string): Buffer[] {
    if (this.tag === 'international') {
      const head = Buffer.allocUnsafe(LEGACY_HEADER);
      head[0] = LEGACY_VERSION;
      const iv = head.subarray(1, 1 + IV_BYTES);
      crypto.randomFillSync(iv);
      const cipher = crypto.createCipheriv('aes-256-gcm', this.sealKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = cipher.update(plain);
      const rest = cipher.final(); // empty for GCM, which is a stream mode
      cipher.getAuthTag().copy(head, 1 + IV_BYTES);
      return rest.length ? [head, body, rest] : [head, body];
    }
    const sealed = this.impl.seal(this.sealKey, plain, Buffer.from(context, 'utf8'));
    return [Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)];
  }

  open(buf: Buffer, context: string): Buffer {
    if (this.tag === 'international' && buf[0] === LEGACY_VERSION) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.sealKey, buf.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(buf.subarray(1 + IV_BYTES, LEGACY_HEADER));
      try {
        return Buffer.concat([decipher.update(buf.subarray(LEGACY_HEADER)), decipher.final()]);
      } catch {
        throw new DecryptError('解密失败：密钥不符或数据损坏 / cannot decrypt: wrong key or damaged data');
      }
    }
    const r = this.impl.open(this.sealKey, buf, Buffer.from(context, 'utf8'));
    if (!r.ok) throw new DecryptError('解密失败：密钥不符或数据损坏 / cannot decrypt: wrong key or damaged data');
    // A view, not a copy: the opened bytes are a new array only this caller holds (a page is 300 KB).
    return Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
  }
}

const OTHER: Record<SuiteTag, SuiteTag> = { international: 'sm', sm: 'international' };

export class Sealer {
  /** Short public fingerprint of the key, stored with the data to notice a wrong key early (the same in both suites). */
  readonly fingerprint: string;
  readonly suite: SuiteTag;
  private readonly own: SuiteKeys;
  private readonly other: SuiteKeys;
  private readingOther: boolean;

  constructor(key: Buffer, opts: { suite?: SuiteTag; readsOther?: boolean } = {}) {
    if (key.length !== 32) throw new RangeError('the at-rest key must be 32 bytes');
    this.suite = opts.suite ?? 'international';
    this.fingerprint = crypto.createHmac('sha256', key).update('gov-kiosk key fingerprint v1').digest('hex').slice(0, 16);
    this.own = new SuiteKeys(this.suite, key);
    this.other = new SuiteKeys(OTHER[this.suite], key);
    this.readingOther = opts.readsOther ?? false;
  }

  /** Whether the other suite's items are still read (a switch is under way). */
  get readsOther(): boolean {
    return this.readingOther;
  }

  /** Called when every stored item is in this suite: from now on the other suite's items are refused. */
  stopReadingOther(): void {
    this.readingOther = false;
  }

  /** A keyed digest of content: compares two submissions without storing a guessable hash of personal data. */
  mac(data: string | Uint8Array): string {
    return this.own.mac(data);
  }

  /** This suite's MAC, then (during a switch) the other suite's: what a lookup by MAC must try. */
  macs(data: string | Uint8Array): string[] {
    return this.readingOther ? [this.own.mac(data), this.other.mac(data)] : [this.own.mac(data)];
  }

  /** The MAC the other suite made (the re-sealer replaces it). */
  otherMac(data: string | Uint8Array): string {
    return this.other.mac(data);
  }

  seal(plain: Uint8Array, context: string): Buffer {
    const parts = this.own.sealParts(plain, context);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** `seal`, as the pieces whose concatenation is the sealed value (written as they are, no join). */
  sealParts(plain: Uint8Array, context: string): Buffer[] {
    return this.own.sealParts(plain, context);
  }

  /** Whether a stored value is already sealed in this sealer's suite (re-sealing skips it). */
  isOwn(sealed: Uint8Array): boolean {
    return suiteOfSealed(sealed) === this.suite;
  }

  open(sealed: Uint8Array, context: string): Buffer {
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const madeBy = suiteOfSealed(buf);
    if (madeBy === null) throw new DecryptError('not a sealed value');
    if (madeBy === this.suite) return this.own.open(buf, context);
    if (!this.readingOther) throw new WrongSuiteError(`拒绝读取以其他密码套件（${madeBy}）加密的数据 / refusing an item sealed with the ${madeBy} suite: this terminal runs ${this.suite}`);
    return this.other.open(buf, context);
  }

  sealJson(value: unknown, context: string): Buffer {
    return this.seal(Buffer.from(JSON.stringify(value), 'utf8'), context);
  }

  openJson<T = unknown>(sealed: Uint8Array, context: string): T {
    return JSON.parse(this.open(sealed, context).toString('utf8')) as T;
  }
}
