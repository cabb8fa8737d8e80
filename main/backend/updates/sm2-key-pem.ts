// SM2 release and configuration keys as PEM, in the layouts OpenSSL writes and reads (so a
// province can make, inspect or re-wrap them with `openssl pkey`): the public key as
// SubjectPublicKeyInfo, the private key as PKCS#8 holding an RFC 5915 ECPrivateKey with its
// public point. id-ecPublicKey with the curve sm2p256v1 (1.2.156.10197.1.301). The layouts are
// fixed for this one curve, so they are matched byte for byte rather than parsed with an ASN.1
// library; anything else is not an SM2 key here. Pure JS: Electron's BoringSSL has no SM2.

const SPKI_PREFIX = hex('3059301306072a8648ce3d020106082a811ccf5501822d034200');
const PKCS8_PREFIX = hex('308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420');
const PKCS8_MIDDLE = hex('a144034200');
const SCALAR_BYTES = 32;
const POINT_BYTES = 65;

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function derOf(label: string, text: string): Uint8Array | null {
  const m = new RegExp(`^\\s*-----BEGIN ${label}-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END ${label}-----\\s*$`).exec(text);
  return m ? Uint8Array.from(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : null;
}

const startsWith = (der: Uint8Array, prefix: Uint8Array, at = 0): boolean => prefix.every((b, i) => der[at + i] === b);

export function sm2PublicKeyPem(publicKey: Uint8Array): string {
  return pem('PUBLIC KEY', Uint8Array.from([...SPKI_PREFIX, ...publicKey]));
}

export function sm2PrivateKeyPem(privateKey: Uint8Array, publicKey: Uint8Array): string {
  return pem('PRIVATE KEY', Uint8Array.from([...PKCS8_PREFIX, ...privateKey, ...PKCS8_MIDDLE, ...publicKey]));
}

/** The uncompressed point (65 bytes) of an SM2 SubjectPublicKeyInfo PEM, or null for anything else (never throws). */
export function sm2PublicKeyFromPem(text: string): Uint8Array | null {
  const der = derOf('PUBLIC KEY', text);
  if (!der || der.length !== SPKI_PREFIX.length + POINT_BYTES || !startsWith(der, SPKI_PREFIX)) return null;
  return der.subarray(SPKI_PREFIX.length);
}

/** The scalar and point of an SM2 PKCS#8 PEM, or null for anything else (an Ed25519 key, garbage). */
export function sm2KeyPairFromPem(text: string): { privateKey: Uint8Array; publicKey: Uint8Array } | null {
  const der = derOf('PRIVATE KEY', text);
  const middle = PKCS8_PREFIX.length + SCALAR_BYTES;
  if (!der || der.length !== middle + PKCS8_MIDDLE.length + POINT_BYTES || !startsWith(der, PKCS8_PREFIX) || !startsWith(der, PKCS8_MIDDLE, middle)) return null;
  return { privateKey: der.slice(PKCS8_PREFIX.length, middle), publicKey: der.slice(middle + PKCS8_MIDDLE.length) };
}
