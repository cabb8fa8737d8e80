// Property tests of what comes back across the FFI boundary: whatever bytes and lengths an SDK
// or photo decoder writes, the adapter never throws, never reads past a buffer, and accepts only
// the block sizes GA 467 defines, unchanged.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeTextBlock } from '../text-block';
import { PNG } from 'pngjs';
import { bgrToPng } from './bgr-png';
import { FINGERPRINT_BYTES, parseSdkRead, PHOTO_BYTES, TEXT_BYTES } from './sdk-read';
import { photoFromDecoderOutput, WLT_HEIGHT, WLT_WIDTH } from './wlt-decoder';

const u32le = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
/** lengths an SDK might write: the right ones, near misses, and anything at all */
const length = fc.oneof(fc.constantFrom(0, TEXT_BYTES, PHOTO_BYTES, FINGERPRINT_BYTES, TEXT_BYTES + 1, PHOTO_BYTES - 1, 0x7fffffff, 0xffffffff), fc.nat());
const lenBuf = fc.oneof(length.map(u32le), fc.uint8Array({ maxLength: 6 }));
/** a buffer of `size` arbitrary bytes, cheap to make (generating 1 KiB arrays byte by byte is slow) */
const buffer = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.integer()).map(([size, seed]) => {
    const b = new Uint8Array(size);
    let x = seed | 1;
    for (let i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      b[i] = x & 0xff;
    }
    return b;
  });

describe('SDK and decoder buffers (properties)', () => {
  it('accepts exactly the GA 467 block sizes and hands the blocks over unchanged', () => {
    fc.assert(
      fc.property(buffer(200, 1300), lenBuf, buffer(900, 1300), lenBuf, fc.option(lenBuf), (text, tl, photo, pl, fl) => {
        const fp = new Uint8Array(1100);
        const r = parseSdkRead({ text, textLen: tl, photo, photoLen: pl, ...(fl ? { fingerprint: fp, fingerprintLen: fl } : {}) });
        if (!r.ok) return ['text', 'photo', 'fingerprint'].includes(r.error.block) && [TEXT_BYTES, PHOTO_BYTES, FINGERPRINT_BYTES].includes(r.error.expected);
        return (
          r.value.text.length === TEXT_BYTES &&
          r.value.photo.length === PHOTO_BYTES &&
          Buffer.compare(r.value.text, text.subarray(0, TEXT_BYTES)) === 0 &&
          Buffer.compare(r.value.photo, photo.subarray(0, PHOTO_BYTES)) === 0 &&
          (r.value.fingerprint === null || r.value.fingerprint.length === FINGERPRINT_BYTES)
        );
      }),
      { numRuns: 25_000 },
    );
  });

  it('never throws on a garbage text block that an SDK calls a success', () => {
    fc.assert(
      fc.property(buffer(TEXT_BYTES, TEXT_BYTES), (text) => {
        const r = decodeTextBlock(text);
        return r.ok || r.error !== undefined;
      }),
      { numRuns: 10_000 },
    );
  });

  it('makes a decoder output into a 102 × 126 PNG or a reason (refused by its code, too little back as failed), never a crash', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.option(fc.uint8Array({ maxLength: 40_000 })), fc.constantFrom('top-down' as const, 'bottom-up' as const), (ret, out, rowOrder) => {
        const r = photoFromDecoderOutput(ret, out ?? undefined, { okCode: 1, rowOrder });
        if (!r.ok) return r.error.problem === (ret !== 1 ? 'decoder-refused' : 'decoder-failed') && (ret !== 1 || !out || out.length < WLT_WIDTH * WLT_HEIGHT * 3);
        const v = new DataView(r.value.bytes.buffer, r.value.bytes.byteOffset);
        return r.value.bytes[1] === 0x50 && v.getUint32(16) === WLT_WIDTH && v.getUint32(20) === WLT_HEIGHT;
      }),
      { numRuns: 5_000 },
    );
  });

  it('is a PNG any reader decodes to the same pixels, the first decoded row on top whichever order the decoder writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.uint8Array({ minLength: 192, maxLength: 192 }), fc.boolean(), (w, h, px, topDown) => {
        const bgr = px.subarray(0, w * h * 3);
        const img = PNG.sync.read(Buffer.from(bgrToPng(bgr, w, h, topDown ? 'top-down' : 'bottom-up')!));
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) {
            const s = ((topDown ? y : h - 1 - y) * w + x) * 3;
            const d = (y * w + x) * 4;
            if (img.data[d] !== bgr[s + 2] || img.data[d + 1] !== bgr[s + 1] || img.data[d + 2] !== bgr[s] || img.data[d + 3] !== 255) return false;
          }
        return img.width === w && img.height === h;
      }),
      { numRuns: 2_000 },
    );
  });
});
