import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../../devices/receipt/escpos-decoder';
import { encodeReceipt } from '../../devices/receipt/escpos-encoder';
import { a4DocSchema } from '../model/a4-doc';
import { selfTestPage, selfTestSlip } from './self-test-prints';

const printed = (doc: ReturnType<typeof selfTestSlip>, width: number) => new EscPosDecoder().push(encodeReceipt(doc, { widthChars: width }));

describe('technician test prints', () => {
  it.each([32, 48] as const)('the test slip prints its title, the Chinese check line, the time in China and the terminal in its QR (%i columns)', (width) => {
    // 23:30 UTC is 07:30 the next morning in Beijing, which is what the technician's watch says
    const events = printed(selfTestSlip('SQ0012', new Date('2026-11-21T23:30:00Z'), width), width);
    const lines = events.flatMap((e) => (e.type === 'line' ? [e.text] : []));
    expect(lines.join('\n')).toContain('打印测试');
    expect(lines.join('\n')).toContain('终端 Terminal SQ0012');
    expect(lines.join('').replace(/\s/g, '')).toContain('打印时间：2026-11-2207:30');
    expect(lines.join('')).toContain('中文打印正常则可见此行：政务服务');
    expect(events.flatMap((e) => (e.type === 'qr' ? [new TextDecoder().decode(e.data)] : []))).toEqual(['KIOSK-TEST-SQ0012']);
    expect(events.some((e) => e.type === 'cut')).toBe(true);
  });

  it('a slip from the technician CLI, with no terminal behind it, says so', () => {
    const events = printed(selfTestSlip(null, new Date('2026-11-22T02:00:00Z'), 32), 32);
    expect(events.flatMap((e) => (e.type === 'qr' ? [new TextDecoder().decode(e.data)] : []))).toEqual(['KIOSK-TEST-PRINT']);
  });

  it('the A4 test page is a valid document naming the terminal in its Latin reference', () => {
    const page = selfTestPage('SQ0012');
    expect(a4DocSchema.parse(page).reference).toBe('KIOSK-TEST SQ0012');
  });
});
