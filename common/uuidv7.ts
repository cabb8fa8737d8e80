// UUIDv7 (RFC 9562): a 48-bit millisecond timestamp followed by random bits. Used as the
// idempotency key of a submission, so keys sort by creation time and never need a server.
// Uses Web Crypto only, so it runs in the renderer as well as in Node.

let lastMs = 0;
let lastSeq = 0;

/**
 * A new UUIDv7. Within one process, keys made in the same millisecond stay strictly increasing
 * (the 12-bit rand_a field is used as a counter, RFC 9562 §6.2 method 1).
 */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let ms = Math.max(nowMs, lastMs);
  let seq: number;
  if (ms === lastMs) {
    seq = lastSeq + 1;
    if (seq > 0xfff) {
      // Counter exhausted: borrow the next millisecond rather than repeat.
      ms += 1;
      seq = bytes[6]! & 0x07;
    }
  } else {
    seq = ((bytes[6]! & 0x0f) << 8) | bytes[7]!;
    seq &= 0x7ff; // leave head-room for the counter
  }
  lastMs = ms;
  lastSeq = seq;
  // 48-bit big-endian timestamp
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | ((seq >> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

