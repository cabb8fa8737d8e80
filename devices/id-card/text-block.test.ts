import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS, SAMPLE_CARD_NAMES } from './sample-cards';
import { cardTypeFlag, decodeTextBlock, encodeTextBlock, textProblemOf } from './text-block';

function withChar(block: Uint8Array, byteOffset: number, ch: string): Uint8Array {
  const b = block.slice();
  b[byteOffset] = ch.charCodeAt(0) & 0xff;
  b[byteOffset + 1] = ch.charCodeAt(0) >> 8;
  return b;
}

describe('card text block', () => {
  it.each(SAMPLE_CARD_NAMES)('decodes the %s layout back to the identity printed on the card', (name) => {
    const card = SAMPLE_CARDS[name];
    const r = decodeTextBlock(encodeTextBlock(card));
    expect(r).toEqual({ ok: true, value: card });
  });

  it('reads a resident card field by field at the documented byte offsets', () => {
    const block = encodeTextBlock(SAMPLE_CARDS.resident);
    // name at 0, UCS-2LE: 王 = U+738B
    expect([block[0], block[1]]).toEqual([0x8b, 0x73]);
    // gender "1" at byte 30, nation "01" at 32
    expect(String.fromCharCode(block[30]!)).toBe('1');
    expect(String.fromCharCode(block[32]!, block[34]!)).toBe('01');
    // id number at 122
    const id = Array.from({ length: 18 }, (_, i) => String.fromCharCode(block[122 + i * 2]!)).join('');
    expect(id).toBe(SAMPLE_CARDS.resident.idNumber);
    expect(cardTypeFlag(block)).toBe(' ');
  });

  it('maps "长期" to a card without an expiry date', () => {
    const r = decodeTextBlock(encodeTextBlock(SAMPLE_CARDS['resident-long-term']));
    expect(r.ok && r.value.validTo).toBe(null);
  });

  it('recognises the card-type flags J, I and Y', () => {
    expect(cardTypeFlag(encodeTextBlock(SAMPLE_CARDS['hmt-residence-permit']))).toBe('J');
    expect(cardTypeFlag(encodeTextBlock(SAMPLE_CARDS['foreign-permanent-2017']))).toBe('I');
    expect(cardTypeFlag(encodeTextBlock(SAMPLE_CARDS['foreign-permanent-2023']))).toBe('Y');
  });

  it('keeps a long English name that runs on into the continuation field of a 2023 card', () => {
    const card = { ...SAMPLE_CARDS['foreign-permanent-2023'], englishName: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGH IJKLMNOPQ' };
    const r = decodeTextBlock(encodeTextBlock(card));
    expect(r.ok && r.value.cardType === 'foreign-permanent-2023' && r.value.englishName).toBe(card.englishName);
  });

  it('rejects an identity number whose GB 11643 check character is wrong', () => {
    const block = encodeTextBlock(SAMPLE_CARDS.resident);
    const last = SAMPLE_CARDS.resident.idNumber.at(-1)!;
    const wrong = withChar(block, 122 + 17 * 2, last === '1' ? '2' : '1');
    const r = decodeTextBlock(wrong);
    expect(r).toEqual({ ok: false, error: { kind: 'id-number', problem: 'checksum' } });
    if (!r.ok) expect(textProblemOf(r.error)).toEqual({ problem: 'id-number', detail: 'the card number failed its check (checksum)' });
  });

  it('rejects unknown layouts, unknown nation codes and impossible dates with a reason', () => {
    const block = encodeTextBlock(SAMPLE_CARDS.resident);
    expect(decodeTextBlock(withChar(block, 248, 'Q'))).toEqual({ ok: false, error: { kind: 'unknown-card-type', flag: 'Q' } });
    expect(decodeTextBlock(withChar(block, 32, '9'))).toMatchObject({ ok: false, error: { kind: 'field', field: 'nation' } });
    // birth month 13
    expect(decodeTextBlock(withChar(withChar(block, 36 + 4 * 2, '1'), 36 + 5 * 2, '3'))).toMatchObject({ ok: false, error: { kind: 'field', field: 'birth' } });
    expect(decodeTextBlock(block.subarray(0, 200))).toEqual({ ok: false, error: { kind: 'length', bytes: 200 } });
  });
});
