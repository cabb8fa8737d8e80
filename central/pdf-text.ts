// Text for central's PDFs in two fonts: Chinese in the CJK font, Latin runs (case numbers,
// dates, English) in a standard PDF font. Printers' filters (CUPS, Ghostscript) keep a standard
// font's text extractable, while an embedded CJK subset often loses its Unicode map: the Latin
// parts of a printed notice stay machine-readable and searchable.
import fs from 'node:fs';

const CJK_FONTS = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc'];
const LATIN = /^[\x20-\x7e]+$/;

/** Registers the CJK font as 'cjk' (Helvetica stands in where none is installed). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const font = CJK_FONTS.find((f) => fs.existsSync(f));
  if (font) doc.registerFont('cjk', font, 'WenQuanYiMicroHei');
  else doc.registerFont('cjk', 'Helvetica');
}

/** Writes one paragraph, switching font between Latin and other runs. */
export function write(doc: PDFKit.PDFDocument, text: string, opts: PDFKit.Mixins.TextOptions = {}): void {
  const runs = text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? [''];
  runs.forEach((r, i) => {
    doc.font(LATIN.test(r) ? 'Helvetica' : 'cjk');
    doc.text(r, { ...opts, continued: i < runs.length - 1 });
  });
}
