import { describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import type { Material, Service } from '../catalog';
import { decideMaterials, materialsToScan } from './materials-decision';

const m = (id: string, over: Partial<Material> = {}): Material => ({
  id,
  name: `材料${id}`,
  nameEn: `Material ${id}`,
  copies: 1,
  form: 'paper',
  original: true,
  source: '申请人自备',
  sample: null,
  sharedFrom: null,
  rongque: false,
  required: true,
  ...over,
});
const service = (materials: Material[], formMaterial: string | null = null): Pick<Service, 'materials' | 'form'> => ({
  materials,
  form: { materialId: formMaterial, fields: [{ id: 'x', kind: 'text', label: { zh: '甲', en: 'A' }, required: false, prefill: { from: 'none' } }] },
});

describe('materials decision', () => {
  it('never asks for shared materials or the on-screen form, and is complete when the rest is scanned', () => {
    const s = service([m('id', { sharedFrom: '市公安局' }), m('form'), m('contract'), m('extra', { required: false })], 'form');
    expect(materialsToScan(s).map((x) => x.id)).toEqual(['contract', 'extra']);
    const d = decideMaterials(s, { contract: 2 });
    expect(d.kind).toBe('complete');
    expect(d.lines.map((l) => [l.material.id, l.handling, l.pages])).toEqual([
      ['id', 'shared', 0],
      ['form', 'form', 0],
      ['contract', 'scanned', 2],
      ['extra', 'skipped', 0],
    ]);
  });

  it('goes ahead under a commitment when every missing material may be 容缺', () => {
    const d = decideMaterials(service([m('a', { rongque: true }), m('b', { rongque: true }), m('c')]), { c: 1 });
    expect(d).toMatchObject({ kind: 'commitment', owed: [{ id: 'a' }, { id: 'b' }] });
  });

  it('lists every missing material (容缺 ones too) when one of them may not be owed', () => {
    const d = decideMaterials(service([m('a', { rongque: true }), m('b'), m('c'), m('d', { required: false })]), {});
    expect(d.kind).toBe('notice');
    if (d.kind === 'notice') expect(d.missing.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('a shared material is fetched even when it is also 容缺-eligible', () => {
    const rent = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
    const d = decideMaterials(rent, { 'lease-contract': 3 });
    expect(d).toMatchObject({ kind: 'commitment', owed: [{ id: 'rent-receipt' }] });
    expect(d.lines.find((l) => l.material.id === 'marriage-record')!.handling).toBe('shared');
  });
});

describe('sample catalog forms', () => {
  it('every service the kiosk takes fully has a form whose applicant comes from the card', () => {
    for (const s of sampleCatalog.services.filter((x) => x.kioskFull)) {
      expect(s.form, s.name).toBeDefined();
      const byId = new Map(s.form!.fields.map((f) => [f.id, f]));
      expect(byId.get('applicantName')!.prefill, s.name).toEqual({ from: 'id-card', field: 'name' });
      expect(byId.get('applicantIdNumber')!.prefill, s.name).toEqual({ from: 'id-card', field: 'idNumber' });
      expect(byId.get('phone')!.required, s.name).toBe(true);
      if (s.form!.materialId) expect(s.materials.find((x) => x.id === s.form!.materialId)!.source, s.name).toContain('自助机');
    }
  });
});
