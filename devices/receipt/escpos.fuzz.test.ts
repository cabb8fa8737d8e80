// Property tests of the ESC/POS encoder and decoder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder, type EscPosEvent } from './escpos-decoder';
import { encodeReceipt } from './escpos-encoder';
import type { ReceiptLine } from '../../documents/model/receipt-doc';

const printable = fc
  .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x4e00, max: 0x9fa5 }), fc.constantFrom(0xff1a, 0x3001, 0x20ac, 0x00b7)), { maxLength: 60 })
  .map((cps) => String.fromCodePoint(...cps));

const line: fc.Arbitrary<ReceiptLine> = fc.oneof(
  fc.record({
    type: fc.constant('text' as const),
    text: printable,
    bold: fc.boolean(),
    size: fc.constantFrom('normal', 'double-width', 'double-height', 'double' as const),
    align: fc.constantFrom('left', 'center', 'right' as const),
  }),
  fc.record({ type: fc.constant('qr' as const), data: printable.filter((s) => s.length > 0), moduleSize: fc.integer({ min: 1, max: 16 }), ecc: fc.constantFrom('L', 'M', 'Q', 'H' as const) }),
);

describe('ESC/POS (properties)', () => {
  it('decodes every encoded receipt back to its text (re-joined after wrapping) and QR payloads', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom(32, 48), (lines, widthChars) => {
        const ev = new EscPosDecoder().push(encodeReceipt({ lines }, { widthChars }));
        const texts = ev.filter((e): e is Extract<EscPosEvent, { type: 'line' }> => e.type === 'line' && e.text !== '').map((e) => e.text);
        const qrs = ev.filter((e): e is Extract<EscPosEvent, { type: 'qr' }> => e.type === 'qr').map((e) => new TextDecoder().decode(e.data));
        expect(texts.join('')).toBe(lines.flatMap((l) => (l.type === 'text' ? [l.text] : [])).join(''));
        expect(qrs).toEqual(lines.flatMap((l) => (l.type === 'qr' ? [l.data] : [])));
        expect(ev.at(-1)?.type).toBe('cut');
      }),
      { numRuns: 6_000 },
    );
  });

  it('gives the same events however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), (lines, cuts) => {
        const bytes = encodeReceipt({ lines }, { widthChars: 32 });
        const whole = new EscPosDecoder().push(bytes);
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
        const d = new EscPosDecoder();
        const parts: EscPosEvent[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          parts.push(...d.push(bytes.subarray(prev, p)));
          prev = p;
        }
        expect(parts).toEqual(whole);
      }),
      { numRuns: 4_000 },
    );
  });

  it('survives arbitrary bytes and truncated jobs without throwing or unbounded output', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(Uint8Array.of(0x1d, 0x28, 0x6b), Uint8Array.of(0x1d, 0x76, 0x30), Uint8Array.of(0x1b), Uint8Array.of(0x10, 0x04))), {
          maxLength: 20,
        }),
        (parts) => {
          const d = new EscPosDecoder();
          let total = 0;
          let events = 0;
          for (const p of parts) {
            total += p.length;
            for (const e of d.push(p)) {
              events++;
              if (e.type === 'line') expect(e.text.length).toBeLessThanOrEqual(4096);
              if (e.type === 'qr') expect(e.data.length).toBeLessThanOrEqual(7089);
            }
          }
          d.flush();
          // every event consumes at least one byte
          expect(events).toBeLessThanOrEqual(total);
        },
      ),
      { numRuns: 15_000 },
    );
  });
});
