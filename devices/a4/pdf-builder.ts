// A4 documents (laid out in documents/, model documents/model/a4-doc.ts) as PDFs with an embedded CJK font. pdfkit embeds
// a font out of a .ttc collection only when told the PostScript name, so each known system font
// carries it; a configured font may name it as "/path/font.ttc#PostScriptName".
import fs from 'node:fs';
import QRCode from 'qrcode';
import { err, ok, type Result } from '../../common/result';
import { A4_TYPE, a4DocSchema, type A4Doc } from '../../documents/model/a4-doc';

export interface CjkFont {
  path: string;
  /** PostScript name, required for .ttc collections */
  postscriptName?: string;
}

const KNOWN_FONTS: CjkFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', postscriptName: 'AR-PL-UMing-CN' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

/** The configured font, or the first known CJK font installed; the technician's reason (English, a log detail) when there is none. */
export function findCjkFont(configured?: string): Result<CjkFont, string> {
  if (configured) {
    const [p, name] = configured.split('#') as [string, string | undefined];
    if (!fs.existsSync(p)) return err(`configured font not found: ${p}`);
    const known = KNOWN_FONTS.find((f) => f.path === p);
    const postscriptName = name ?? known?.postscriptName;
    if (p.toLowerCase().endsWith('.ttc') && !postscriptName) return err(`a .ttc font needs its PostScript name, e.g. ${p}#NotoSansCJKsc-Regular`);
    return ok({ path: p, postscriptName });
  }
  const found = KNOWN_FONTS.find((f) => fs.existsSync(f.path));
  return found ? ok(found) : err('no CJK font installed: install fonts-wqy-microhei or set fontPath');
}

export interface BuiltPdf {
  pdf: Buffer;
  pages: number;
}

export async function buildA4Pdf(input: A4Doc, font: CjkFont): Promise<BuiltPdf> {
  const d = a4DocSchema.parse(input);
  // Loaded at the first A4 print, not at boot: pdfkit with fontkit's brotli and unicode tables was
  // the largest module load of the production bundle's cold start (`--cpu-prof`, bench/foundation.bench.ts).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 72, right: 72 }, bufferPages: true, info: { Title: d.title, Creator: 'gov-kiosk' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  if (font.postscriptName) doc.registerFont('cjk', font.path, font.postscriptName);
  else doc.registerFont('cjk', font.path);
  const width = doc.page.width - 144;

  doc.font('cjk').fontSize(A4_TYPE.title).text(d.title, { align: 'center', width });
  doc.moveDown(1);
  for (const b of d.blocks) {
    switch (b.type) {
      case 'heading':
        doc.font('cjk').fontSize(A4_TYPE.heading).text(b.text, { width });
        doc.moveDown(0.4);
        break;
      case 'paragraph':
        doc.font('cjk').fontSize(A4_TYPE.body).text(b.text, { width, lineGap: 4 });
        doc.moveDown(0.6);
        break;
      case 'field':
        doc.font('cjk').fontSize(A4_TYPE.body).text(`${b.label}：${b.value}`, { width, lineGap: 2 });
        break;
      case 'qr': {
        // Drawn as vector squares rather than an image: no transparency for CUPS's PostScript
        // path to flatten (which would rasterise the whole page), and crisp at any resolution.
        const qr = QRCode.create(b.data, { errorCorrectionLevel: 'M' });
        const n = qr.modules.size;
        const side = 120;
        const cell = side / (n + 8);
        if (doc.y + side + 20 > doc.page.height - 72) doc.addPage();
        const x0 = doc.page.width / 2 - side / 2 + cell * 4;
        const y0 = doc.y + cell * 4;
        doc.save().fillColor('black');
        for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x0 + c * cell, y0 + r * cell, cell, cell);
        doc.fill().restore();
        doc.y += side + 4;
        if (b.caption) doc.font('cjk').fontSize(A4_TYPE.caption).text(b.caption, 72, doc.y, { width, align: 'center' });
        break;
      }
      case 'spacer':
        doc.moveDown(1);
        break;
    }
  }
  const range = doc.bufferedPageRange();
  if (d.reference) {
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // below the bottom margin: keep pdfkit from starting a new page for the footer
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(A4_TYPE.footer)
        .text(`${d.reference}  ${i + 1}/${range.count}`, 72, doc.page.height - 48, { width, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  await done;
  return { pdf: Buffer.concat(chunks), pages: range.count };
}
