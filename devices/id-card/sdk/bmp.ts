// 24-bit BMP around raw BGR pixels: the vendor decoder's output made into an image the face
// verifier and the browser read, without an image library in the production bundle.

const HEADER = 54;

/** `bgr` holds width × height pixels, 3 bytes each, rows in `order`; null when it is too short. */
export function bgrToBmp(bgr: Uint8Array, width: number, height: number, order: 'top-down' | 'bottom-up'): Uint8Array | null {
  const row = width * 3;
  if (width <= 0 || height <= 0 || bgr.length < row * height) return null;
  const stride = (row + 3) & ~3;
  const out = new Uint8Array(HEADER + stride * height);
  const v = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  v.setUint32(2, out.length, true);
  v.setUint32(10, HEADER, true);
  v.setUint32(14, 40, true); // BITMAPINFOHEADER
  v.setInt32(18, width, true);
  v.setInt32(22, height, true); // positive: bottom row first in the file
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  v.setUint32(34, stride * height, true);
  v.setInt32(38, 3780, true); // 96 dpi
  v.setInt32(42, 3780, true);
  for (let y = 0; y < height; y++) {
    const src = order === 'top-down' ? height - 1 - y : y;
    out.set(bgr.subarray(src * row, src * row + row), HEADER + y * stride);
  }
  return out;
}
