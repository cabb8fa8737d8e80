import { describe, expect, it } from 'vitest';
import { a4DocSchema } from '../model/a4-doc';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import { guideDocument } from './guide-document';

const printedAt = new Date('2026-11-22T02:00:00Z');

function text(doc: ReturnType<typeof guideDocument>): string {
  return doc.blocks.map((b) => ('text' in b ? b.text : 'label' in b ? `${b.label}：${b.value}` : '')).join('\n');
}

describe('printed guide', () => {
  it('is a valid A4 document for every sample service, with an ASCII reference naming it', () => {
    for (const s of sampleCatalog.services) {
      const dept = sampleCatalog.departments.find((d) => d.id === s.departmentId) ?? null;
      const doc = guideDocument(s, dept, sampleCatalog.version, printedAt);
      expect(a4DocSchema.safeParse(doc).success, s.code).toBe(true);
      expect(doc.reference).toBe(`GUIDE ${s.code} v${sampleCatalog.version} 2026-11-22`);
    }
  });

  it('carries every element of the guide a citizen needs to take home', () => {
    for (const s of sampleCatalog.services) {
      const t = text(guideDocument(s, null, sampleCatalog.version, printedAt));
      expect(t).toContain(s.code);
      for (const b of s.legalBasis) expect(t).toContain(b.clause);
      for (const c of s.conditions) expect(t).toContain(c);
      for (const m of s.materials) expect(t).toContain(m.name);
      for (const f of s.flow) expect(t).toContain(f.step);
      expect(t).toContain(s.place);
      expect(t).toContain(s.result.name);
      expect(t).toContain(s.consultation.phone);
      expect(t).toContain(s.complaint.phone);
      expect(t).toContain(s.timeLimit.kind === 'on_the_spot' ? '当场办结' : `承诺办结时限 ${s.timeLimit.promised} 个工作日`);
      expect(t).toContain(s.fees.kind === 'free' ? '本审批事项不收费' : s.fees.items[0]!.standard);
    }
  });

  it('says which materials are fetched by data sharing and which may be owed', () => {
    const s = sampleCatalog.services.find((x) => x.materials.some((m) => m.sharedFrom) && x.materials.some((m) => m.rongque))!;
    const t = text(guideDocument(s, null, sampleCatalog.version, printedAt));
    const shared = s.materials.find((m) => m.sharedFrom)!;
    expect(t).toContain(`由${shared.sharedFrom}共享获取，无需提交`);
    expect(t).toContain('可容缺受理');
  });
});

describe('printed guide, issue 15', () => {
  it('closes every law title once: a title the catalogue already marks (with its document number) gets no second 》', () => {
    const s = sampleCatalog.services.find((x) => x.legalBasis.some((b) => b.title.endsWith('47号）')))!;
    const t = text(guideDocument(s, null, sampleCatalog.version, printedAt));
    expect(t).toContain('《中华人民共和国社会保障卡管理办法》（人社部发〔2011〕47号）关于');
    expect(t).not.toContain('47号）》');
    for (const svc of sampleCatalog.services)
      for (const line of text(guideDocument(svc, null, sampleCatalog.version, printedAt))
        .split('\n')
        .filter((l) => l.startsWith('《')))
        expect(line.split('《').length, line).toBe(line.split('》').length);
  });

  it('adds 书名号 to a bare title', () => {
    const s = sampleCatalog.services[0]!;
    const bare = { ...s, legalBasis: [{ title: '中华人民共和国行政许可法', clause: '第三十二条' }] };
    expect(text(guideDocument(bare, null, sampleCatalog.version, printedAt))).toContain('《中华人民共和国行政许可法》第三十二条');
  });

  it('a material another department shares says only that it need not be handed in: no copies, form or "required" beside it', () => {
    for (const s of sampleCatalog.services)
      for (const [i, m] of s.materials.entries()) {
        if (!m.sharedFrom) continue;
        const line = text(guideDocument(s, null, sampleCatalog.version, printedAt))
          .split('\n')
          .find((l) => l.startsWith(`${i + 1}. ${m.name}（`))!;
        // the catalogue's own note may follow; nothing of the guide's own about copies or form
        expect(line).toBe(`${i + 1}. ${m.name}（由${m.sharedFrom}共享获取，无需提交${m.note ? `；${m.note}` : ''}）`);
      }
  });

  it('dates the page by the day in China: printed at 07:30 Beijing time it says that day, not the day before', () => {
    const s = sampleCatalog.services[0]!;
    expect(guideDocument(s, null, sampleCatalog.version, new Date('2026-11-21T23:30:00Z')).reference).toBe(`GUIDE ${s.code} v${sampleCatalog.version} 2026-11-22`);
  });
});
