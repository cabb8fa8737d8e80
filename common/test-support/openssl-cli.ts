// The `openssl` command line as an independent implementation of SM3, HMAC-SM3, SM4 and SM2 for
// cross-checks (OpenSSL ≥ 3: `pkeyutl` signs and verifies SM2 with a distinguishing ID).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const run = (args: string[], input?: Uint8Array): Buffer => execFileSync('openssl', args, { input: input ?? new Uint8Array(0), stdio: ['pipe', 'pipe', 'pipe'] });

export const opensslSm3 = (data: Uint8Array): Uint8Array => run(['dgst', '-sm3', '-binary'], data);

export const opensslHmacSm3 = (key: Uint8Array, data: Uint8Array): Uint8Array => run(['dgst', '-sm3', '-mac', 'HMAC', '-macopt', `hexkey:${hex(key)}`, '-binary'], data);

/** Raw SM4 in OpenSSL's ECB / CBC / CTR (CTR: 128-bit counter from `iv`); no padding. */
export function opensslSm4(mode: 'ecb' | 'cbc' | 'ctr', key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  return run(['enc', `-sm4-${mode}`, '-K', hex(key), ...(iv ? ['-iv', hex(iv)] : []), '-nopad'], data);
}

/** A folder for key and signature files; `remove()` it when done. */
export function opensslWorkdir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-openssl-sm2-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const SM2_ID = ['-pkeyopt', 'distid:1234567812345678'];
// SubjectPublicKeyInfo: id-ecPublicKey with the SM2 curve (1.2.156.10197.1.301), then the point
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** An SM2 key pair made by openssl: the PEM file and its raw scalar and uncompressed point. */
export function opensslSm2KeyPair(dir: string, name: string): { pemPath: string; privateKey: Uint8Array; publicKey: Uint8Array } {
  const pemPath = path.join(dir, `${name}.pem`);
  run(['genpkey', '-algorithm', 'SM2', '-out', pemPath]);
  const text = run(['pkey', '-in', pemPath, '-noout', '-text']).toString('utf8');
  const field = (label: string): Uint8Array => {
    const m = new RegExp(`${label}:\\n((?:\\s+[0-9a-f:]+\\n)+)`).exec(text);
    if (!m) throw new Error(`openssl printed no ${label}`);
    return Uint8Array.from(Buffer.from(m[1]!.replace(/[\s:]/g, ''), 'hex'));
  };
  const priv = field('priv');
  const privateKey = new Uint8Array(32);
  privateKey.set(priv.subarray(Math.max(0, priv.length - 32)), 32 - Math.min(32, priv.length)); // printed without leading zeros, or with a sign byte
  return { pemPath, privateKey, publicKey: field('pub') };
}

export function opensslSm2Sign(pemPath: string, message: Uint8Array): Uint8Array {
  return run(['pkeyutl', '-sign', '-inkey', pemPath, '-rawin', '-digest', 'sm3', ...SM2_ID], message);
}

/** Whether openssl accepts `derSignature` by the uncompressed point `publicKey` over `message`. */
export function opensslSm2Verify(dir: string, publicKey: Uint8Array, message: Uint8Array, derSignature: Uint8Array): boolean {
  const pub = path.join(dir, `pub-${hex(publicKey).slice(2, 18)}.pem`);
  const sig = path.join(dir, 'sig.der');
  fs.writeFileSync(pub, pem('PUBLIC KEY', Buffer.concat([SM2_SPKI_PREFIX, publicKey])));
  fs.writeFileSync(sig, derSignature);
  try {
    return run(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-digest', 'sm3', ...SM2_ID, '-sigfile', sig], message)
      .toString()
      .includes('Signature Verified Successfully');
  } catch {
    return false; // openssl exits 1 on a bad signature
  }
}

/** r ‖ s (32 bytes each) as the DER SEQUENCE of two INTEGERs that openssl reads and writes. */
export function rsToDer(raw: Uint8Array): Uint8Array {
  const int = (b: Uint8Array): Buffer => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const body = b[i]! & 0x80 ? Buffer.concat([Buffer.of(0), b.subarray(i)]) : Buffer.from(b.subarray(i));
    return Buffer.concat([Buffer.of(0x02, body.length), body]);
  };
  const seq = Buffer.concat([int(raw.subarray(0, 32)), int(raw.subarray(32, 64))]);
  return Buffer.concat([Buffer.of(0x30, seq.length), seq]);
}

export function derToRs(der: Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  let at = 2; // SEQUENCE, short length (an SM2 signature is at most 72 bytes)
  for (const offset of [0, 32]) {
    if (der[at] !== 0x02) throw new Error('not a DER INTEGER');
    const len = der[at + 1]!;
    const body = der.subarray(at + 2, at + 2 + len);
    const trimmed = body.length > 32 ? body.subarray(body.length - 32) : body;
    out.set(trimmed, offset + 32 - trimmed.length);
    at += 2 + len;
  }
  return out;
}
