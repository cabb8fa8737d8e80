// HKDF (RFC 5869) over the suite's HMAC: HMAC-SHA256 for `international`, HMAC-SM3 for `sm`
// (the construction RFC 8998 uses for TLS 1.3 with SM3). For keys derived from one master key —
// the outbox's content-MAC key, a key fingerprint — so a deployment on the sm suite derives
// them with SM3, not SHA-256.
import type { CryptoSuite } from './suite';

export function hkdf(suite: CryptoSuite, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const hashLen = suite.digestBytes;
  if (!Number.isInteger(length) || length < 1 || length > 255 * hashLen) throw new RangeError(`HKDF output must be 1…${255 * hashLen} bytes`);
  const prk = suite.hmac(salt.length > 0 ? salt : new Uint8Array(hashLen), ikm);
  const out = new Uint8Array(length);
  let previous = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++) {
    const input = new Uint8Array(previous.length + info.length + 1);
    input.set(previous);
    input.set(info, previous.length);
    input[input.length - 1] = i;
    previous = Uint8Array.from(suite.hmac(prk, input));
    out.set(previous.subarray(0, Math.min(hashLen, length - at)), at);
    at += hashLen;
  }
  return out;
}
