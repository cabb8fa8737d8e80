import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { imageInfo } from './image-info';
import { PAGE_LIMITS, PageInbox } from './page-inbox';

const png = (w: number, h: number) => new Uint8Array(PNG.sync.write(new PNG({ width: w, height: h })));
// smallest baseline JPEG header: SOI, APP0, SOF0 with the frame size
const jpeg = (w: number, h: number) =>
  Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    h >> 8,
    h & 0xff,
    w >> 8,
    w & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ]);

describe('page images', () => {
  it('reads PNG and JPEG sizes from their headers', () => {
    expect(imageInfo(png(640, 480))).toEqual({ mime: 'image/png', width: 640, height: 480 });
    expect(imageInfo(jpeg(1280, 720))).toEqual({ mime: 'image/jpeg', width: 1280, height: 720 });
    expect(imageInfo(new TextEncoder().encode('<svg/>'))).toBeNull();
  });

  it('accepts a readable page into the inbox and refuses others with a reason', () => {
    const inbox = new PageInbox();
    const ok = inbox.add('camera', png(640, 480));
    expect(ok).toMatchObject({ ok: true, value: { source: 'camera', mime: 'image/png', width: 640, height: 480 } });
    expect(inbox.add('camera', png(100, 80))).toEqual({ ok: false, error: { problem: 'too-small', width: 100, height: 80 } });
    expect(inbox.add('camera', new Uint8Array(10))).toEqual({ ok: false, error: { problem: 'not-an-image' } });
    expect(inbox.add('camera', new Uint8Array(PAGE_LIMITS.maxBytes + 1))).toEqual({ ok: false, error: { problem: 'too-large', mb: 10, maxMb: 10 } });
    if (!ok.ok) throw new Error();
    expect(inbox.take(ok.value.id)?.width).toBe(640);
    expect(inbox.list()).toEqual([]);
  });

  it('never throws on arbitrary or truncated bytes (property)', () => {
    const valid = jpeg(800, 600);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.nat(valid.length).map((n) => valid.subarray(0, n)),
          fc.uint8Array({ maxLength: 100 }).map((t) => Uint8Array.from([0xff, 0xd8, ...t])),
        ),
        (b) => {
          const r = imageInfo(b);
          if (r) expect(r.width * r.height).toBeGreaterThan(0);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
