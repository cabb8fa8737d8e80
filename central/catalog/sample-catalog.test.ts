import { describe, it, expect } from 'vitest';
import { catalogSchema, type Service } from '../../common/catalog';
import { CatalogSearch } from '../../common/catalog-search';
import { sampleCatalog } from './sample-catalog';

const services = sampleCatalog.services;
const byName = (name: string): Service => {
  const s = services.find((x) => x.name === name);
  if (!s) throw new Error(`no service ${name}`);
  return s;
};
/** Catch-all clauses the guide-writing rules forbid (“法律、法规规定的其他条件”, “其他材料”…). */
const CATCH_ALL = /其他|其它|等其他|有关材料|相关材料/;
const IDENTITY = 'id-card';

describe('sample catalog', () => {
  it('parses against the catalog schema', () => {
    expect(() => catalogSchema.parse(sampleCatalog)).not.toThrow();
    expect(sampleCatalog.version).toBe('2026.11.1');
    expect(Number.isNaN(Date.parse(sampleCatalog.publishedAt))).toBe(false);
  });

  it('has at least 15 services and 5 departments, each with services', () => {
    expect(services.length).toBeGreaterThanOrEqual(15);
    expect(sampleCatalog.departments.length).toBeGreaterThanOrEqual(5);
    for (const d of sampleCatalog.departments) {
      expect(services.filter((s) => s.departmentId === d.id).length, d.id).toBeGreaterThan(0);
    }
  });

  it('uses every life event and unique, well-formed codes', () => {
    for (const e of sampleCatalog.lifeEvents) {
      expect(
        services.some((s) => s.lifeEventIds.includes(e.id)),
        e.id,
      ).toBe(true);
    }
    const codes = services.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[0-9A-Z-]{8,40}$/);
  });

  it('fills every guide element', () => {
    for (const s of services) {
      expect(s.legalBasis.length, s.name).toBeGreaterThan(0);
      for (const b of s.legalBasis) expect(b.title, s.name).toMatch(/^《.+》/);
      expect(s.conditions.length, s.name).toBeGreaterThan(0);
      expect(s.materials.length, s.name).toBeGreaterThanOrEqual(3);
      expect(s.materials.length, s.name).toBeLessThanOrEqual(7);
      expect(s.flow.length, s.name).toBeGreaterThan(0);
      expect(s.consultation.phone, s.name).not.toBe('');
      expect(s.complaint.phone, s.name).not.toBe('');
      expect(s.place, s.name).toContain('宿迁市');
      expect(s.keywords.length, s.name).toBeGreaterThan(0);
      expect(s.nameEn, s.name).toMatch(/[A-Za-z]/);
    }
  });

  it('describes the flow from application to delivery', () => {
    for (const s of services) {
      expect(
        s.flow.map((f) => f.step),
        s.name,
      ).toEqual(['申请', '受理', '审查', '决定', '送达']);
    }
  });

  it('has no catch-all condition or material', () => {
    for (const s of services) {
      for (const c of s.conditions) expect(c, s.name).not.toMatch(CATCH_ALL);
      for (const m of s.materials) {
        expect(m.name, `${s.name} / ${m.id}`).not.toMatch(CATCH_ALL);
        expect(m.note ?? '', `${s.name} / ${m.id}`).not.toMatch(CATCH_ALL);
      }
    }
  });

  it('has both kinds of time limit, promised never beyond legal', () => {
    const kinds = new Set(services.map((s) => s.timeLimit.kind));
    expect(kinds).toEqual(new Set(['on_the_spot', 'working_days']));
    for (const s of services) {
      if (s.timeLimit.kind === 'working_days') expect(s.timeLimit.promised, s.name).toBeLessThanOrEqual(s.timeLimit.legal);
    }
  });

  it('has free and charged services; charges name item, standard and basis', () => {
    const charged = services.filter((s) => s.fees.kind === 'charged');
    expect(charged.length).toBeGreaterThanOrEqual(2);
    expect(services.some((s) => s.fees.kind === 'free')).toBe(true);
    for (const s of charged) {
      if (s.fees.kind !== 'charged') continue;
      for (const item of s.fees.items) {
        expect(item.standard, s.name).toMatch(/元/);
        expect(item.basis, s.name).toMatch(/〔\d{4}〕\d+号/);
      }
    }
    const idFee = byName('居民身份证补领（遗失）').fees;
    expect(idFee.kind === 'charged' && idFee.items[0]?.standard).toBe('20元/证');
    const transfer = byName('不动产转移登记（存量房买卖）').fees;
    expect(transfer.kind === 'charged' && transfer.items.some((i) => i.standard.includes('80元/件'))).toBe(true);
  });

  it('marks services the kiosk cannot complete and says where to go', () => {
    const partial = services.filter((s) => !s.kioskFull);
    expect(partial.length).toBeGreaterThanOrEqual(3);
    for (const s of partial) {
      expect(s.kioskNote, s.name).toBeTruthy();
      expect(s.channels, s.name).not.toContain('kiosk');
    }
    for (const s of services.filter((x) => x.kioskFull)) expect(s.channels, s.name).toContain('kiosk');
    expect(byName('居民身份证换领').kioskFull).toBe(false);
    expect(byName('居民身份证换领').kioskNote).toContain('指纹');
  });

  it('has kiosk-printed on-the-spot certificates', () => {
    const proof = byName('个人参保证明查询打印');
    expect(proof.kioskFull).toBe(true);
    expect(proof.timeLimit.kind).toBe('on_the_spot');
    expect(proof.result.delivery).toContain('kiosk_print');
    expect(byName('不动产登记资料查询').result.delivery).toContain('kiosk_print');
  });

  it('fetches some materials by data sharing and accepts some under 容缺', () => {
    const all = services.flatMap((s) => s.materials);
    const shared = all.filter((m) => m.sharedFrom);
    expect(shared.length).toBeGreaterThan(0);
    expect(new Set(shared.map((m) => m.sharedFrom)).size).toBeGreaterThanOrEqual(4);
    expect(all.some((m) => m.rongque)).toBe(true);
    // Government-issued documents are verified through sharing, not asked for as originals.
    for (const m of shared) expect(m.form, m.name).not.toBe('paper_or_electronic');
  });

  it('has a service where everything but identity may be owed under a commitment', () => {
    const lenient = services.filter((s) => {
      const rest = s.materials.filter((m) => m.id !== IDENTITY);
      return s.materials.some((m) => m.id === IDENTITY) && rest.length > 0 && rest.every((m) => m.rongque);
    });
    expect(lenient.map((s) => s.name)).toContain('住房公积金提取（租赁住房）');
  });

  it('has services with a required material that cannot be owed', () => {
    const strict = services.filter((s) => s.materials.some((m) => m.id !== IDENTITY && m.required && !m.rongque && !m.sharedFrom));
    expect(strict.length).toBeGreaterThan(0);
    expect(strict.map((s) => s.name)).toContain('居民身份证换领');
  });

  it('finds services by the short names and pinyin initials citizens type', () => {
    const search = new CatalogSearch(sampleCatalog);
    expect(services.some((s) => s.keywords.includes('社保卡'))).toBe(true);
    expect(search.search('sbk')[0]?.name).toBe('社会保障卡申领');
    expect(search.search('社保卡')[0]?.name).toBe('社会保障卡申领');
    expect(search.search('gjj').map((s) => s.departmentId)).toContain('housing-fund');
    expect(search.search('sfz').map((s) => s.name)).toContain('居民身份证换领');
    expect(search.search('yyzz').map((s) => s.name)).toContain('个体工商户设立登记');
    expect(search.search('房产证').map((s) => s.name)).toContain('不动产登记资料查询');
    expect(search.search('hk').map((s) => s.name)).toContain('出生登记');
    expect(search.search('医保').length).toBeGreaterThanOrEqual(3);
  });
});
