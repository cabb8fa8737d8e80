// Proves a received QR payload makes a readable symbol: renders it the way the printer was told
// to (error correction level, module size) and decodes the image back with jsQR.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

export interface QrImage {
  png: Buffer;
  width: number;
  height: number;
}

export async function renderQr(payload: string, ecc: 'L' | 'M' | 'Q' | 'H', moduleSize: number): Promise<QrImage> {
  const png = await QRCode.toBuffer(payload, { errorCorrectionLevel: ecc, scale: moduleSize, margin: 4, type: 'png' });
  const img = PNG.sync.read(png);
  return { png, width: img.width, height: img.height };
}

export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  const r = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height);
  return r ? r.data : null;
}
