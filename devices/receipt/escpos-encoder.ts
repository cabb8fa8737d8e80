// ReceiptDoc → ESC/POS bytes: initialise, Chinese mode (FS &) with GB18030 text, bold / size /
// alignment, QR codes with GS ( k, and a cut. Works on Epson-compatible 58/80 mm printers.
import iconv from 'iconv-lite';
import type { ReceiptDoc, ReceiptLine } from '../../documents/model/receipt-doc';
import { receiptDocSchema } from '../../documents/model/receipt-doc';
import { wrapColumns } from '../../documents/model/text-width';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;

const ALIGN = { left: 0, center: 1, right: 2 } as const;
const SIZE = { normal: 0x00, 'double-width': 0x10, 'double-height': 0x01, double: 0x11 } as const;
const ECC = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 } as const;

export const Commands = {
  init: [ESC, 0x40],
  chineseOn: [FS, 0x26],
  chineseOff: [FS, 0x2e],
  bold: (on: boolean) => [ESC, 0x45, on ? 1 : 0],
  align: (a: keyof typeof ALIGN) => [ESC, 0x61, ALIGN[a]],
  size: (s: keyof typeof SIZE) => [GS, 0x21, SIZE[s]],
  feed: (n: number) => [ESC, 0x64, n],
  cut: (partial: boolean, feed = 3) => [GS, 0x56, partial ? 0x42 : 0x41, feed],
  /** real-time status request, n = 1..4 */
  status: (n: 1 | 2 | 3 | 4) => [DLE, 0x04, n],
  /** real-time: recover from an error and clear the receive and print buffers */
  clearBuffers: [DLE, 0x05, 0x02],
  qrModel: [GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
  qrModuleSize: (n: number) => [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, n],
  qrEcc: (e: keyof typeof ECC) => [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, ECC[e]],
  qrStore: (data: Uint8Array) => {
    const n = data.length + 3;
    return [GS, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30, ...data];
  },
  qrPrint: [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
} as const;

export interface EncodeOptions {
  /** characters per line at normal size (32 on 58 mm paper, 48 on 80 mm) */
  widthChars: number;
}

function encodeLine(line: ReceiptLine, opts: EncodeOptions, out: number[]): void {
  switch (line.type) {
    case 'text': {
      const size = line.size ?? 'normal';
      const columns = size === 'double' || size === 'double-width' ? Math.floor(opts.widthChars / 2) : opts.widthChars;
      out.push(...Commands.align(line.align ?? 'left'), ...Commands.bold(line.bold ?? false), ...Commands.size(size));
      for (const l of wrapColumns(line.text, columns)) {
        for (const b of iconv.encode(l, 'gb18030')) out.push(b);
        out.push(LF);
      }
      out.push(...Commands.size('normal'), ...Commands.bold(false));
      return;
    }
    case 'qr': {
      const data = new TextEncoder().encode(line.data);
      out.push(...Commands.align('center'), ...Commands.qrModel, ...Commands.qrModuleSize(line.moduleSize ?? 6), ...Commands.qrEcc(line.ecc ?? 'M'));
      out.push(...Commands.qrStore(data), ...Commands.qrPrint, LF, ...Commands.align('left'));
      return;
    }
    case 'feed':
      out.push(...Commands.feed(line.lines));
      return;
    case 'rule':
      out.push(...Commands.align('left'));
      for (let i = 0; i < opts.widthChars; i++) out.push(0x2d);
      out.push(LF);
      return;
  }
}

export function encodeReceipt(doc: ReceiptDoc, opts: EncodeOptions): Uint8Array {
  const d = receiptDocSchema.parse(doc);
  const out: number[] = [...Commands.init, ...Commands.chineseOn];
  for (const line of d.lines) encodeLine(line, opts, out);
  out.push(...Commands.cut(d.cut === 'partial'));
  return Uint8Array.from(out);
}
