// Property tests of the social security card parser and the APDU dialogue: arbitrary record
// bytes and arbitrary card answers never throw and never yield an identity whose required
// fields fail their own checks; every encoded card decodes back to itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter, idNumberProblem } from '../../common/id-number';
import { ok } from '../../common/result';
import { SSC_PROFILES } from './ssc-profile';
import { readSocialCard } from './ssc-read';
import { decodeSocialCard, encodeSocialCard, type SocialCardIdentity } from './ssc-records';

const profile = SSC_PROFILES['mohrss-v2'];
const tags = profile.files.flatMap((f) => f.fields.map((x) => x.tag));

const bcdDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const identity: fc.Arbitrary<SocialCardIdentity> = fc.record({
  cardType: fc.constant('social-security' as const),
  cardNumber: fc.stringMatching(/^[0-9A-Z]{9}$/),
  idNumber: fc.tuple(fc.stringMatching(/^\d{6}$/), bcdDate, fc.stringMatching(/^\d{3}$/)).map(([area, d, seq]) => {
    const first17 = area + d.replaceAll('-', '') + seq;
    return first17 + idCheckCharacter(first17);
  }),
  // GBK names: common hanzi (U+4E00–U+9FA5 are all in GBK), 1–15 characters fill ≤ 30 bytes
  name: fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 1, maxLength: 15 }).map((cs) => String.fromCodePoint(...cs)),
  gender: fc.constantFrom('male' as const, 'female' as const, 'unknown' as const, 'unspecified' as const),
  birthDate: fc.option(bcdDate, { nil: null }),
  nationCode: fc.option(
    fc.integer({ min: 1, max: 56 }).map((n) => String(n).padStart(2, '0')),
    { nil: null },
  ),
  validTo: fc.option(bcdDate, { nil: null }),
});
const GENDER_CODE = { unknown: '0', male: '1', female: '2', unspecified: '9' } as const;

describe('social security card parser (properties)', () => {
  it('decodes every encoded card back to itself', () => {
    fc.assert(
      fc.property(identity, (id) => {
        expect(decodeSocialCard(profile, encodeSocialCard(profile, id, GENDER_CODE[id.gender]))).toEqual(ok(id));
      }),
      { numRuns: 10_000 },
    );
  });

  it('never throws on arbitrary records, and what it accepts passes its own checks', () => {
    const record = fc.oneof(
      fc.constant(null),
      fc.uint8Array({ maxLength: 40 }),
      // a well-formed TLV around arbitrary bytes: reaches the value decoders
      fc.tuple(fc.constantFrom(...tags), fc.uint8Array({ maxLength: 30 })).map(([t, v]) => Uint8Array.from([t, v.length, ...v])),
    );
    fc.assert(
      fc.property(fc.array(record, { minLength: tags.length, maxLength: tags.length }), (recs) => {
        const r = decodeSocialCard(profile, new Map(tags.map((t, i) => [t, recs[i] ?? null])));
        if (r.ok) {
          expect(idNumberProblem(r.value.idNumber)).toBeNull();
          expect(r.value.cardNumber).toMatch(/^[0-9A-Z]{9}$/);
          expect(r.value.name).not.toMatch(/[\uFFFD\u0000-\u001F]/);
        }
      }),
      { numRuns: 30_000 },
    );
  });

  it('the APDU dialogue ends on any card answers (no loop, no throw)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 80 }), async (answers) => {
        let i = 0;
        let sent = 0;
        const r = await readSocialCard(async () => {
          sent++;
          return ok(answers[i++ % answers.length]!);
        }, profile);
        expect(typeof r.ok).toBe('boolean');
        // select + 2 files + their records, each with at most 4 rounds of 61xx / 6Cxx
        expect(sent).toBeLessThanOrEqual((1 + profile.files.length + tags.length) * 4);
      }),
      { numRuns: 10_000 },
    );
  });
});
