// 24-bit PNG from raw BGR pixels: the vendor decoder's output made into the image the face
// verifier, the held card and the browser take (PNG or JPEG only), with node:zlib alone — no
// image library in the production bundle.
import zlib from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, zlib.crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** `bgr` holds width × height pixels, 3 bytes each, rows in `order`; null when it is too short. */
export function bgrToPng(bgr: Uint8Array, width: number, height: number, order: 'top-down' | 'bottom-up'): Uint8Array | null {
  const row = width * 3;
  if (width <= 0 || height <= 0 || bgr.length < row * height) return null;
  // filter byte 0 (none) then RGB, top row first as PNG wants
  const raw = new Uint8Array((row + 1) * height);
  for (let y = 0; y < height; y++) {
    const src = (order === 'top-down' ? y : height - 1 - y) * row;
    const dst = y * (row + 1) + 1;
    for (let x = 0; x < row; x += 3) {
      raw[dst + x] = bgr[src + x + 2]!;
      raw[dst + x + 1] = bgr[src + x + 1]!;
      raw[dst + x + 2] = bgr[src + x]!;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const parts = [SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  return Buffer.concat(parts);
}
