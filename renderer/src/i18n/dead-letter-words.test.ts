import { describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../../common/central-api';
import { deadLetterText } from './dead-letter-words';

/** Every code central may refuse a batch item with (a missing one fails the type check). */
const BATCH_ITEM_CODES = {
  invalid: true,
  'unknown-service': true,
  'key-reused': true,
  'receipt-terminal-mismatch': true,
  'receipt-taken': true,
  'helper-unverified': true,
  'digest-suite-mismatch': true,
} satisfies Record<Extract<SubmissionResult, { outcome: 'rejected' }>['code'], true>;

describe('dead letter words', () => {
  it('words the kiosk’s own code and every code central refuses a batch item with, in both languages, each in its own words', () => {
    const codes = ['undecryptable', ...Object.keys(BATCH_ITEM_CODES), 'invalid-request', 'too-large', 'conflict'];
    const worded = codes.map(deadLetterText);
    for (const w of worded) expect(w).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [a-zA-Z]/);
    expect(worded.some((w) => w.includes('中心拒绝了这份申请'))).toBe(false);
    expect(new Set(worded).size).toBe(codes.length);
    expect(deadLetterText('undecryptable')).toBe('无法解密，密钥可能已更换 / cannot decrypt (key changed?)');
  });

  it('names a code it does not know as central sent it, and is not fooled by a property every object has', () => {
    expect(deadLetterText('new-rule-2027')).toBe('中心拒绝了这份申请（new-rule-2027） / central refused this submission (new-rule-2027)');
    expect(deadLetterText('toString')).toBe('中心拒绝了这份申请（toString） / central refused this submission (toString)');
  });
});
