import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder, type EscPosEvent } from './escpos-decoder';
import { Commands, encodeReceipt } from './escpos-encoder';
import { interpretStatus, isStatusByte, statusByte } from './rt-status';

const hex = (s: string) =>
  s
    .trim()
    .split(/\s+/)
    .map((h) => parseInt(h, 16));
const contains = (hay: Uint8Array, needle: number[]) => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

describe('ESC/POS encoder', () => {
  const doc = {
    lines: [
      { type: 'text' as const, text: '宿迁市宿城区政务服务中心', align: 'center' as const, size: 'double' as const, bold: true },
      { type: 'text' as const, text: '受理编号：SQ20261122-0001' },
      { type: 'qr' as const, data: 'https://zwfw.example.gov.cn/c/SQ20261122-0001', moduleSize: 6, ecc: 'M' as const },
    ],
  };

  it('initialises, enters Chinese mode and ends with a feed-and-cut', () => {
    const b = encodeReceipt(doc, { widthChars: 32 });
    expect([...b.subarray(0, 4)]).toEqual(hex('1B 40 1C 26'));
    expect([...b.subarray(b.length - 4)]).toEqual(hex('1D 56 42 03'));
  });

  it('writes text as GB18030 with the requested style commands', () => {
    const b = encodeReceipt(doc, { widthChars: 32 });
    expect(contains(b, [...iconv.encode('受理编号：SQ20261122-0001', 'gb18030')])).toBe(true);
    expect(contains(b, hex('1B 61 01'))).toBe(true); // centred
    expect(contains(b, hex('1B 45 01'))).toBe(true); // bold
    expect(contains(b, hex('1D 21 11'))).toBe(true); // double width and height
  });

  it('prints a QR code with the documented GS ( k sequence', () => {
    const b = encodeReceipt(doc, { widthChars: 32 });
    const data = [...new TextEncoder().encode(doc.lines[2]!.data as string)];
    expect(contains(b, hex('1D 28 6B 04 00 31 41 32 00'))).toBe(true);
    expect(contains(b, hex('1D 28 6B 03 00 31 43 06'))).toBe(true);
    expect(contains(b, hex('1D 28 6B 03 00 31 45 31'))).toBe(true);
    expect(contains(b, [0x1d, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...data])).toBe(true);
    expect(contains(b, hex('1D 28 6B 03 00 31 51 30'))).toBe(true);
  });

  it('wraps Chinese text at half the columns of Latin text', () => {
    const text = '一二三四五六七八九十一二三四五六七八九十';
    const d = new EscPosDecoder();
    const lines = d.push(encodeReceipt({ lines: [{ type: 'text', text }] }, { widthChars: 32 })).filter((e) => e.type === 'line');
    expect(lines.map((l) => (l as { text: string }).text)).toEqual(['一二三四五六七八九十一二三四五六', '七八九十']);
  });
});

describe('ESC/POS decoder', () => {
  it('turns an encoded receipt back into styled lines, the QR payload and the cut', () => {
    const bytes = encodeReceipt(
      {
        lines: [
          { type: 'text', text: '办件回执', align: 'center', size: 'double', bold: true },
          { type: 'text', text: '申请人：王**' },
          { type: 'qr', data: 'SQ-0001|查询', ecc: 'Q', moduleSize: 5 },
        ],
        cut: 'full',
      },
      { widthChars: 32 },
    );
    const ev = new EscPosDecoder().push(bytes);
    const lines = ev.filter((e): e is Extract<EscPosEvent, { type: 'line' }> => e.type === 'line');
    expect(lines[0]).toMatchObject({ text: '办件回执', style: { bold: true, width: 2, height: 2, align: 'center' } });
    expect(lines[1]).toMatchObject({ text: '申请人：王**', style: { bold: false, width: 1, height: 1, align: 'left' } });
    const qr = ev.find((e) => e.type === 'qr') as Extract<EscPosEvent, { type: 'qr' }>;
    expect(new TextDecoder().decode(qr.data)).toBe('SQ-0001|查询');
    expect([qr.ecc, qr.moduleSize, qr.model]).toEqual(['Q', 5, 2]);
    expect(ev.at(-1)).toEqual({ type: 'cut', partial: false });
  });

  it('answers the same whether bytes arrive together or one at a time', () => {
    const bytes = encodeReceipt(
      {
        lines: [
          { type: 'text', text: '两行\n文字' },
          { type: 'qr', data: 'x' },
        ],
      },
      { widthChars: 32 },
    );
    const whole = new EscPosDecoder().push(bytes);
    const d = new EscPosDecoder();
    const single = [...bytes].flatMap((b) => d.push(Uint8Array.of(b)));
    expect(single).toEqual(whole);
  });

  it('reports real-time status requests and buffer clears, and skips raster images', () => {
    const img = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x1b, 0x40, 0x10];
    const ev = new EscPosDecoder().push(Uint8Array.from([...Commands.status(2), ...img, 0x41, 0x0a, ...Commands.clearBuffers]));
    expect(ev).toEqual([{ type: 'status-request', n: 2 }, { type: 'line', text: 'A', style: { bold: false, width: 1, height: 1, align: 'left' } }, { type: 'clear-buffers' }]);
  });
});

describe('real-time status bytes', () => {
  const healthy = { paperNearEnd: false, paperOut: false, coverOpen: false, cutterError: false };
  const read = (c: typeof healthy) => interpretStatus({ printer: statusByte(1, c), offlineCause: statusByte(2, c), errorCause: statusByte(3, c), paperSensor: statusByte(4, c) });

  it('reads 0x12 as a healthy printer and rejects bytes without the fixed bits', () => {
    expect(statusByte(1, healthy)).toBe(0x12);
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x93)).toBe(false);
    expect(read(healthy)).toEqual({ state: 'ready', paperNearEnd: false });
  });

  it('maps each documented bit to the condition a technician must fix', () => {
    expect(read({ ...healthy, paperNearEnd: true })).toEqual({ state: 'ready', paperNearEnd: true });
    expect(read({ ...healthy, paperOut: true })).toEqual({ state: 'paper-out' });
    expect(read({ ...healthy, coverOpen: true })).toEqual({ state: 'cover-open' });
    expect(read({ ...healthy, cutterError: true })).toEqual({ state: 'cutter-error' });
    expect(interpretStatus({ printer: 0x1a, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12 })).toMatchObject({ state: 'printer-error' });
  });
});
