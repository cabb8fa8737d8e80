// Property tests of the SAM frame parser and the card text block: round trips, and arbitrary
// bytes never throw, never hang and never grow the parser's buffer without bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChipCardIdentity } from '../../common/devices';
import { idCheckCharacter } from '../../common/id-number';
import { encodeCommand, encodeResponse, MAX_LEN } from './frame';
import { SamFrameParser } from './frame-parser';
import { decodeTextBlock, encodeTextBlock } from './text-block';

const bytes = (max: number) => fc.uint8Array({ maxLength: max });

/** Splits data at arbitrary points, like reads from a serial port. */
function chunks(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, data.length]) {
    out.push(data.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('SAM frame parser (properties)', () => {
  it('decodes every encoded answer, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), bytes(1400), fc.array(fc.nat(), { maxLength: 8 }), (sw3, data, cuts) => {
        const p = new SamFrameParser();
        const frames = chunks(encodeResponse(sw3, data), cuts)
          .flatMap((c) => p.push(c))
          .filter((e) => e.type === 'frame');
        expect(frames.length).toBe(1);
        const body = (frames[0] as { body: Uint8Array }).body;
        expect(body[2]).toBe(sw3);
        expect(body.subarray(3)).toEqual(data);
      }),
      { numRuns: 12_000 },
    );
  });

  it('finds a command after noise that holds no preamble byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }).map((n) => n.map((b) => (b === 0xaa ? 0x55 : b))),
        fc.tuple(fc.nat(255), fc.nat(255)),
        bytes(64),
        (noise, [c, p], data) => {
          const parser = new SamFrameParser();
          const events = parser.push(new Uint8Array([...noise, ...encodeCommand([c, p], data)]));
          const frames = events.filter((e) => e.type === 'frame') as { body: Uint8Array }[];
          expect(frames.length).toBe(1);
          expect([...frames[0]!.body.subarray(0, 2)]).toEqual([c, p]);
        },
      ),
      { numRuns: 8_000 },
    );
  });

  it('never throws and never holds more than one maximal frame, whatever arrives', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(bytes(300), fc.constant(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69))), { maxLength: 20 }), (parts) => {
        const p = new SamFrameParser();
        for (const part of parts) {
          p.push(part);
          expect(p.pending).toBeLessThanOrEqual(7 + MAX_LEN);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('drops a truncated frame at the next reset instead of mixing it into the next answer', () => {
    fc.assert(
      fc.property(bytes(100), fc.nat(), (data, cut) => {
        const f = encodeResponse(0x90, data);
        const p = new SamFrameParser();
        p.push(f.subarray(0, 1 + (cut % (f.length - 1))));
        p.reset();
        const frames = p.push(encodeResponse(0x80)).filter((e) => e.type === 'frame') as { body: Uint8Array }[];
        expect(frames.map((x) => x.body[2])).toEqual([0x80]);
      }),
      { numRuns: 5_000 },
    );
  });
});

// --- text block ----------------------------------------------------------------------------------

const cjk = (max: number) => fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 1, maxLength: max }).map((a) => String.fromCharCode(...a));
const latin = (max: number) =>
  fc
    .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ ,'), { minLength: 1, maxLength: max })
    .map((a) => a.join('').trim())
    .filter((s) => s.length > 0);
const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const idNumber = (first: fc.Arbitrary<string>) =>
  fc.tuple(first, day, fc.integer({ min: 0, max: 999 })).map(([region, birth, seq]) => {
    const f17 = region + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
    return f17 + idCheckCharacter(f17);
  });
const gender = fc.constantFrom('unknown', 'male', 'female', 'unspecified' as const);
const validTo = fc.option(day, { nil: null });

const resident: fc.Arbitrary<ChipCardIdentity> = fc
  .record({
    cardType: fc.constant('resident' as const),
    name: cjk(15),
    gender,
    nationCode: fc.constantFrom('01', '02', '03', '56', '97', '98'),
    birthDate: day,
    address: cjk(35),
    idNumber: idNumber(fc.integer({ min: 110000, max: 659999 }).map(String)),
    authority: cjk(15),
    validFrom: day,
    validTo,
  })
  .map((r) => ({ ...r, nation: ({ '01': '汉', '02': '蒙古', '03': '回', '56': '基诺', '97': '其他', '98': '外国血统' } as Record<string, string>)[r.nationCode]! }));

const hmt: fc.Arbitrary<ChipCardIdentity> = fc.record({
  cardType: fc.constant('hmt-residence-permit' as const),
  name: cjk(15),
  gender,
  birthDate: day,
  address: cjk(35),
  idNumber: idNumber(fc.constantFrom('810000', '820000', '830000')),
  authority: cjk(15),
  validFrom: day,
  validTo,
  passNumber: fc.stringMatching(/^[HMT]\d{8}$/),
  issueCount: fc.stringMatching(/^\d{2}$/),
});

const foreign2017: fc.Arbitrary<ChipCardIdentity> = fc.record({
  cardType: fc.constant('foreign-permanent-2017' as const),
  englishName: latin(60),
  chineseName: fc.option(cjk(15), { nil: '' }),
  gender,
  cardNumber: fc.stringMatching(/^[A-Z]{3}\d{12}$/),
  nationality: fc.stringMatching(/^[A-Z]{3}$/),
  birthDate: day,
  validFrom: day,
  validTo,
  version: fc.stringMatching(/^\d{2}$/),
  authorityCode: fc.stringMatching(/^\d{4}$/),
});

const foreign2023: fc.Arbitrary<ChipCardIdentity> = fc.record({
  cardType: fc.constant('foreign-permanent-2023' as const),
  chineseName: fc.option(cjk(15), { nil: '' }),
  englishName: latin(46),
  gender,
  renewalCount: fc.stringMatching(/^\d{2}$/),
  birthDate: day,
  idNumber: idNumber(fc.integer({ min: 900000, max: 999999 }).map(String)),
  authority: cjk(15),
  validFrom: day,
  validTo,
  nationality: fc.stringMatching(/^[A-Z]{3}$/),
  previousNumberLink: fc.stringMatching(/^\d{0,3}$/),
});

describe('card text block (properties)', () => {
  it('decodes what it encodes, for all four layouts', () => {
    fc.assert(
      fc.property(fc.oneof(resident, hmt, foreign2017, foreign2023), (id) => {
        expect(decodeTextBlock(encodeTextBlock(id))).toEqual({ ok: true, value: id });
      }),
      { numRuns: 6_000 },
    );
  });

  it('answers any 256 bytes with an identity or a reason, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.constantFrom(0x20, 0x4a, 0x49, 0x59, 0x00), (block, flag) => {
        block[248] = flag;
        block[249] = 0;
        const r = decodeTextBlock(block);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 12_000 },
    );
  });
});
