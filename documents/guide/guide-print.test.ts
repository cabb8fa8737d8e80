// The printed guide as the citizen gets it: laid out here, drawn by the A4 printer's PDF builder,
// read back with poppler (what pdftotext reads is what is on the page).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import { buildA4Pdf, findCjkFont } from '../../devices/a4/pdf-builder';
import { pdfText, pdfWords, type PdfWord } from '../../devices/test-support/poppler';
import { tempDir } from '../../devices/test-support/wait';
import { guideDocument } from './guide-document';

const dir = tempDir('guide-pdf');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// 社会保障卡申领: a law title with its document number, and materials fetched by data sharing
const service = sampleCatalog.services.find((s) => s.legalBasis.some((b) => b.title.endsWith('47号）')) && s.materials.some((m) => m.sharedFrom))!;
let text = '';
let words: PdfWord[] = [];

beforeAll(async () => {
  const font = findCjkFont();
  if (!font.ok) throw new Error(font.error);
  // 07:30 on 22 November in Beijing, still the 21st in UTC
  const built = await buildA4Pdf(guideDocument(service, null, sampleCatalog.version, new Date('2026-11-21T23:30:00Z')), font.value);
  const file = path.join(dir, 'guide.pdf');
  fs.writeFileSync(file, built.pdf);
  text = pdfText(file);
  words = pdfWords(file);
});

const flat = () => text.replace(/\s+/g, '');

describe('printed guide on paper', () => {
  it('prints the law title with one closing mark', () => {
    expect(flat()).toContain('《中华人民共和国社会保障卡管理办法》（人社部发〔2011〕47号）关于');
    expect(flat()).not.toContain('47号）》');
  });

  it('prints a shared material as not to be handed in, with nothing beside it that asks for a copy', () => {
    const shared = service.materials.find((m) => m.sharedFrom)!;
    const i = service.materials.indexOf(shared);
    const next = service.materials[i + 1];
    const line = flat()
      .split(`${i + 1}.${shared.name}（`)[1]!
      .split(next ? `${i + 2}.` : '办理时限')[0]!;
    // the catalogue's own note may follow; nothing about copies, form or source
    expect(line).toBe(`由${shared.sharedFrom}共享获取，无需提交${shared.note ? `；${shared.note}` : ''}）`.replace(/\s+/g, ''));
  });

  it('dates every page by the day in China', () => {
    expect(text).toMatch(new RegExp(`GUIDE ${service.code} v${sampleCatalog.version} 2026-11-22\\s+1/\\d`));
    expect(text).not.toContain('2026-11-21');
  });

  it('sets the body text at 14 pt or more, so an elderly reader can read it (a Chinese character is as wide as its size)', () => {
    const body = words.filter((w) => /^[\u4e00-\u9fff，。、；：（）]{6,}$/.test(w.text));
    expect(body.length).toBeGreaterThan(20);
    for (const w of body) expect(w.width / Array.from(w.text).length, w.text).toBeGreaterThanOrEqual(14);
  });
});
