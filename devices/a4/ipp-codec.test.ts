import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attr, attrAll, decodeIpp, encodeIpp, Op, Tag, type IppAttribute } from './ipp-codec';

describe('IPP codec', () => {
  it('encodes a Get-Printer-Attributes request byte for byte', () => {
    const bytes = encodeIpp({
      code: Op.getPrinterAttributes,
      requestId: 1,
      groups: [{ tag: Tag.operation, attributes: [{ tag: Tag.charset, name: 'attributes-charset', values: ['utf-8'] }] }],
    });
    expect([...bytes]).toEqual([1, 1, 0, 0x0b, 0, 0, 0, 1, 0x01, 0x47, 0, 18, ...Buffer.from('attributes-charset'), 0, 5, ...Buffer.from('utf-8'), 0x03]);
  });

  it('decodes multi-valued attributes, integers, enums and booleans, and the trailing document', () => {
    const bytes = encodeIpp({
      code: 0,
      requestId: 7,
      groups: [
        {
          tag: Tag.printer,
          attributes: [
            { tag: Tag.enum, name: 'printer-state', values: [5] },
            { tag: Tag.keyword, name: 'printer-state-reasons', values: ['paused', 'media-jam-error'] },
            { tag: Tag.boolean, name: 'printer-is-accepting-jobs', values: [false] },
            { tag: Tag.text, name: 'printer-state-message', values: ['卡纸'] },
          ],
        },
      ],
      data: Uint8Array.of(9, 9),
    });
    const m = decodeIpp(bytes);
    if (!m.ok) throw new Error(JSON.stringify(m.error));
    expect(attr(m.value, 'printer-state')).toBe(5);
    expect(attrAll(m.value, 'printer-state-reasons')).toEqual(['paused', 'media-jam-error']);
    expect(attr(m.value, 'printer-is-accepting-jobs')).toBe(false);
    expect(attr(m.value, 'printer-state-message')).toBe('卡纸');
    expect([...m.value.data]).toEqual([9, 9]);
  });

  it('round-trips arbitrary messages (property)', () => {
    const attribute: fc.Arbitrary<IppAttribute> = fc.oneof(
      fc.record({
        tag: fc.constantFrom(Tag.integer, Tag.enum),
        name: fc.string({ minLength: 1, maxLength: 30 }),
        values: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({
        tag: fc.constantFrom(Tag.keyword, Tag.text, Tag.name, Tag.uri),
        name: fc.string({ minLength: 1, maxLength: 30 }),
        values: fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ tag: fc.constant(Tag.boolean), name: fc.string({ minLength: 1, maxLength: 30 }), values: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ tag: fc.constantFrom(1, 2, 4, 5), attributes: fc.array(attribute, { maxLength: 6 }) }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.uint8Array({ maxLength: 50 }),
        (groups, code, data) => {
          const m = decodeIpp(encodeIpp({ code, requestId: 42, groups, data }));
          expect(m).toEqual({ ok: true, value: { version: [1, 1], code, requestId: 42, groups, data } });
        },
      ),
      { numRuns: 8_000 },
    );
  });

  it('answers truncated or random bytes with an error value, never an exception (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodeIpp(bytes);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 10_000 },
    );
    const full = encodeIpp({ code: 0, requestId: 1, groups: [{ tag: 4, attributes: [{ tag: Tag.text, name: 'x', values: ['abc'] }] }] });
    for (let n = 0; n < full.length; n++) expect(decodeIpp(full.subarray(0, n)).ok).toBe(false);
  });
});
