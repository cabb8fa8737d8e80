// The social security card's records: what a card from the specification decodes to, and every
// way a record can be wrong (tag, length, encoding, missing, a bad 社会保障号码) refused with a
// code naming the field, never a guessed identity.
import { describe, expect, it } from 'vitest';
import { SAMPLE_SOCIAL_CARDS } from './sample-social-cards';
import { SSC_PROFILES } from './ssc-profile';
import { decodeSocialCard, encodeSocialCard, parseRecord } from './ssc-records';

const profile = SSC_PROFILES['mohrss-v2'];
const card = SAMPLE_SOCIAL_CARDS.resident;
const records = () => encodeSocialCard(profile, card, '1');
const field = (tag: number) => profile.files.flatMap((f) => f.fields).find((f) => f.tag === tag)!;

describe('social security card records (mohrss-v2)', () => {
  it('decodes the records a card holds into the holder identity', () => {
    const r = records();
    // the name is GBK, padded to the 30 bytes of the specification
    expect(r.get(0x09)!.length).toBe(32);
    expect(Buffer.from(r.get(0x07)!).toString('latin1')).toBe('\x07\x09A01234567');
    expect(decodeSocialCard(profile, r)).toEqual({ ok: true, value: card });
  });

  it('reads dates as BCD and the gender as a digit or a byte', () => {
    const r = records();
    r.set(0x0d, Uint8Array.from([0x0d, 4, 0x19, 0x90, 0x03, 0x07]));
    r.set(0x0a, Uint8Array.from([0x0a, 1, 0x02]));
    const d = decodeSocialCard(profile, r);
    expect(d.ok && d.value.birthDate).toBe('1990-03-07');
    expect(d.ok && d.value.gender).toBe('female');
  });

  it('leaves out optional fields that are absent or malformed', () => {
    const r = records();
    r.set(0x06, null as unknown as Uint8Array);
    r.set(0x0d, Uint8Array.from([0x0d, 4, 0x19, 0x90, 0x13, 0x40]));
    r.set(0x0b, Uint8Array.from([0x0b, 1, 0xaf]));
    const d = decodeSocialCard(profile, r);
    expect(d.ok && [d.value.validTo, d.value.birthDate, d.value.nationCode]).toEqual([null, null, null]);
  });

  it('checks each record: its tag, a length that fits, its encoding', () => {
    expect(parseRecord(field(0x07), Uint8Array.from([0x07]))).toEqual({ ok: false, error: 'short' });
    expect(parseRecord(field(0x07), Uint8Array.from([0x08, 1, 0x41]))).toEqual({ ok: false, error: 'wrong-tag' });
    expect(parseRecord(field(0x07), Uint8Array.from([0x07, 3, 0x41]))).toEqual({ ok: false, error: 'length' });
    expect(parseRecord(field(0x07), Uint8Array.from([0x07, 10, ...Buffer.from('A012345678')]))).toEqual({ ok: false, error: 'length' });
    const r = records();
    r.set(0x09, Uint8Array.from([0x09, 2, 0x81, 0x20]));
    expect(decodeSocialCard(profile, r)).toEqual({ ok: false, error: { kind: 'record', field: 'name', fault: 'encoding' } });
    r.set(0x09, Uint8Array.from([0x08, 2, 0xcd, 0xf5]));
    expect(decodeSocialCard(profile, r)).toEqual({ ok: false, error: { kind: 'record', field: 'name', fault: 'wrong-tag' } });
  });

  it('refuses a card without a required field or with a bad 社会保障号码', () => {
    const r = records();
    r.set(0x07, null as unknown as Uint8Array);
    expect(decodeSocialCard(profile, r)).toEqual({ ok: false, error: { kind: 'missing', field: 'cardNumber' } });
    const bad = encodeSocialCard(profile, { ...card, idNumber: card.idNumber.slice(0, 17) + (card.idNumber[17] === '0' ? '1' : '0') }, '1');
    expect(decodeSocialCard(profile, bad)).toEqual({ ok: false, error: { kind: 'id-number', problem: 'checksum' } });
    const lower = encodeSocialCard(profile, { ...card, cardNumber: 'a01234567' }, '1');
    expect(decodeSocialCard(profile, lower)).toEqual({ ok: false, error: { kind: 'record', field: 'cardNumber', fault: 'encoding' } });
  });
});
