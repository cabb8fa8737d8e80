import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, pinyinCandidates } from './pinyin-ime';

describe('pinyin input for the form keyboard', () => {
  it('offers the common characters of a syllable, polyphones under each reading', () => {
    expect(pinyinCandidates('wang')).toEqual(expect.arrayContaining(['王', '网', '望', '往']));
    expect(pinyinCandidates('xiao').slice(0, MAX_CANDIDATES)).toContain('小');
    expect(pinyinCandidates('ming')).toContain('明');
    expect(pinyinCandidates('hang')).toContain('行');
    expect(pinyinCandidates('xing')).toContain('行');
    expect(pinyinCandidates('lv')).toContain('绿');
  });

  it('fills up with longer readings for a prefix, never more than the limit, nothing for non-letters', () => {
    const zh = pinyinCandidates('zh');
    expect(zh.length).toBe(MAX_CANDIDATES);
    expect(zh.every((c) => /\p{Script=Han}/u.test(c))).toBe(true);
    expect(pinyinCandidates('')).toEqual([]);
    expect(pinyinCandidates('wang1')).toEqual([]);
    expect(pinyinCandidates('qqqq')).toEqual([]);
  });
});
