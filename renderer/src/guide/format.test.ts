import { describe, expect, it } from 'vitest';
import type { Material } from '../../../common/catalog';
import { STRINGS } from '../i18n/strings';
import { feeItems, materialFacts, sharedCount, timeLimitText } from './format';

const zh = STRINGS['zh-CN'];
const en = STRINGS.en;

const idCard: Material = {
  id: 'id-card',
  name: '居民身份证',
  nameEn: 'Resident ID card',
  copies: 1,
  form: 'electronic',
  original: false,
  source: '公安机关核发',
  sample: null,
  sharedFrom: '市公安局',
  rongque: false,
  required: true,
};

describe('guide wording', () => {
  it('states promised and legal time limits, or on-the-spot completion', () => {
    expect(timeLimitText(zh, { kind: 'working_days', promised: 5, legal: 20 })).toBe('5 个工作日（法定 20 个工作日）');
    expect(timeLimitText(zh, { kind: 'on_the_spot' })).toBe('当场办结');
    expect(timeLimitText(en, { kind: 'working_days', promised: 1, legal: 20 })).toBe('1 working day (statutory limit 20 working days)');
  });

  it('says a free service is free, and lists fee items otherwise', () => {
    expect(feeItems({ kind: 'free' })).toBeNull();
    const items = [{ name: '工本费', standard: '20 元/证', basis: '苏价费〔2004〕1号' }];
    expect(feeItems({ kind: 'charged', items, payment: '自助机扫码' })).toEqual(items);
    expect(zh.feesFree).toBe('本审批事项不收费');
  });

  it('describes a material the citizen brings by copies, form, original or copy, and whether it is required', () => {
    const brought = { ...idCard, sharedFrom: null };
    expect(materialFacts(zh, brought)).toEqual(['1 份', '电子', '复印件', '必须提供']);
    expect(materialFacts(en, { ...brought, copies: 2, form: 'paper', original: true, required: false })).toEqual(['2 copies', 'Paper', 'Original', 'If applicable']);
  });

  it('says nothing beside 无需提交 of a shared material that would have the citizen bring it (no copies, photocopy, required)', () => {
    expect(materialFacts(zh, idCard)).toEqual([]);
    expect(materialFacts(en, idCard)).toEqual([]);
  });

  it('counts the materials the citizen need not bring, and names who supplies them', () => {
    expect(sharedCount([idCard, { ...idCard, id: 'photo', sharedFrom: null }])).toBe(1);
    expect(zh.sharedBadge('市公安局')).toBe('无需提交，由市公安局共享获取');
    expect(zh.materialsCount(5, 4)).toBe('共 5 项，其中 4 项无需提交');
  });
});
