import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfPages, pdfText } from '../test-support/poppler';
import { tempDir } from '../test-support/wait';
import { sampleA4Doc } from './a4-doc.fixture';
import { buildA4Pdf, findCjkFont } from './pdf-builder';

const dir = tempDir('pdf');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('A4 PDF builder', () => {
  it('finds the installed CJK font with its PostScript name', () => {
    const f = findCjkFont();
    expect(f).toEqual({ ok: true, value: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' } });
  });

  it('refuses a .ttc without a PostScript name, and a missing file, with a clear reason', () => {
    expect(findCjkFont('/nope/font.ttf')).toMatchObject({ ok: false, error: expect.stringContaining('not found') });
    const copy = path.join(dir, 'x.ttc');
    fs.copyFileSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', copy);
    expect(findCjkFont(copy)).toMatchObject({ ok: false, error: expect.stringContaining('PostScript') });
    expect(findCjkFont(`${copy}#WenQuanYiMicroHei`)).toEqual({ ok: true, value: { path: copy, postscriptName: 'WenQuanYiMicroHei' } });
  });

  it('writes Chinese text that pdftotext reads back verbatim, with the reference line', async () => {
    const font = findCjkFont();
    if (!font.ok) throw new Error(font.error);
    const built = await buildA4Pdf(sampleA4Doc, font.value);
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, built.pdf);
    const text = pdfText(file);
    for (const s of ['不见面审批受理回执', '事项名称：个体工商户设立登记', '受理编号：SQ20261122-000123', '扫码查询办理进度']) expect(text).toContain(s);
    expect(text).toMatch(/SQ20261122-000123 2026-11-22 DEV0001\s+1\/1/);
    expect(text.replace(/\s+/g, '')).toContain('您的申请材料已提交，审批结果将通过短信通知，并可在“我的办件”中查询办理进度。');
    expect(pdfPages(file)).toBe(1);
    expect(built.pages).toBe(1);
  });

  it('flows long documents onto further pages, numbering every page', async () => {
    const font = findCjkFont();
    if (!font.ok) throw new Error(font.error);
    const long = {
      ...sampleA4Doc,
      blocks: Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph' as const, text: `第${i + 1}条 申请人应当如实提交有关材料和反映真实情况，并对其申请材料实质内容的真实性负责。` })),
    };
    const built = await buildA4Pdf(long, font.value);
    const file = path.join(dir, 'long.pdf');
    fs.writeFileSync(file, built.pdf);
    expect(built.pages).toBeGreaterThan(1);
    expect(pdfPages(file)).toBe(built.pages);
    expect(pdfText(file)).toContain(`${built.pages}/${built.pages}`);
  });
});
