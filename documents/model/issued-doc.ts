// What one of central's issued PDFs says (notices, result certificates), independent of how
// central draws it: lines in the order they print, each with its size and alignment, and gaps.
// Central draws Chinese runs in a CJK font and Latin runs in a standard font, so numbers and
// English stay machine-readable after a printer's filters.

export type IssuedBlock = { type: 'line'; text: string; size: number; align?: 'left' | 'center' | 'right' } | { type: 'gap'; lines: number };

export interface IssuedDoc {
  /** the PDF's Title field */
  title: string;
  /** page margin in points */
  margin: number;
  blocks: IssuedBlock[];
}
