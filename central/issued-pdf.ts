// Draws central's issued documents (documents/model/issued-doc.ts) as A4 PDFs, in two fonts:
// Chinese in the CJK font, Latin runs (case numbers, dates, English) in a standard PDF font.
// Printers' filters (CUPS, Ghostscript) keep a standard font's text extractable, while an
// embedded CJK subset often loses its Unicode map: the Latin parts of a printed notice stay
// machine-readable and searchable.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { IssuedDoc } from '../documents/model/issued-doc';

const CJK_FONTS = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc'];
const LATIN = /^[\x20-\x7e]+$/;

/** Registers the CJK font as 'cjk' (Helvetica stands in where none is installed). */
function registerFonts(doc: PDFKit.PDFDocument): void {
  const font = CJK_FONTS.find((f) => fs.existsSync(f));
  if (font) doc.registerFont('cjk', font, 'WenQuanYiMicroHei');
  else doc.registerFont('cjk', 'Helvetica');
}

/** Writes one paragraph, switching font between Latin and other runs. */
function write(doc: PDFKit.PDFDocument, text: string, opts: PDFKit.Mixins.TextOptions): void {
  const runs = text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? [''];
  runs.forEach((r, i) => {
    doc.font(LATIN.test(r) ? 'Helvetica' : 'cjk');
    doc.text(r, { ...opts, continued: i < runs.length - 1 });
  });
}

/** The PDF of an issued document; a gap is as tall as the lines of the size before it. */
export function drawIssuedPdf(issued: IssuedDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: issued.margin, info: { Title: issued.title, Producer: 'gov-kiosk reference central' } });
    const chunks: Buffer[] = [];
    doc.on('data', (d: Buffer) => chunks.push(d));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    registerFonts(doc);
    for (const b of issued.blocks) {
      if (b.type === 'gap') doc.moveDown(b.lines);
      else write(doc.fontSize(b.size), b.text, b.align ? { align: b.align } : {});
    }
    doc.end();
  });
}
