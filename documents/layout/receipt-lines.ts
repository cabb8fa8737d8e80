// Lines for the receipt printer, wrapped here by display columns (a Chinese character takes two)
// so every slip keeps its hanging indents on 58 mm (32 columns) and 80 mm (48 columns) paper
// instead of being broken by the encoder. Every receipt-printer document is built from these.
import type { ReceiptLine } from '../model/receipt-doc';
import { charColumns, textColumns } from '../model/text-width';

export const RECEIPT_WIDTHS = [32, 48] as const;
export type ReceiptWidth = (typeof RECEIPT_WIDTHS)[number];

type TextStyle = Omit<Extract<ReceiptLine, { type: 'text' }>, 'type' | 'text'>;

const NO_LINE_START = new Set(Array.from('，。、；：！？）》」』】,.;:!?)'));
const isAsciiWordChar = (ch: string) => /[A-Za-z0-9@._:/\-]/.test(ch);

/**
 * Breaks text into lines of at most `width` columns. Chinese breaks between any two characters;
 * a run of Latin letters / digits (a URL, a receipt number) is kept whole when it fits on a line.
 */
export function wrapText(text: string, width: number): string[] {
  const tokens: string[] = [];
  for (const ch of text) {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && isAsciiWordChar(ch) && isAsciiWordChar(last.slice(-1))) tokens[tokens.length - 1] = last + ch;
    else tokens.push(ch);
  }
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const tok of tokens) {
    const w = textColumns(tok);
    if (textColumns(line) + w <= width) {
      if (!(line === '' && tok === ' ')) line += tok;
      continue;
    }
    if (w <= width) {
      // 避头: a closing mark may not start a line, so the character before it moves down too
      const carried = NO_LINE_START.has(tok) && Array.from(line).length > 1 ? Array.from(line).pop()! : '';
      if (carried) line = Array.from(line).slice(0, -1).join('');
      push();
      if (tok !== ' ') line = carried + tok;
      continue;
    }
    // a token longer than the whole line: split by character
    for (const ch of tok) {
      if (textColumns(line) + charColumns(ch.codePointAt(0)!) > width) push();
      line += ch;
    }
  }
  if (line !== '' || lines.length === 0) push();
  return lines;
}

/** "label：value" with continuation lines indented under the value. */
export function labelled(label: string, value: string, width: number): string[] {
  const head = `${label}：`;
  const indent = textColumns(head);
  if (indent + 8 > width) return [...wrapText(head, width), ...wrapText(value, width)];
  const pad = ' '.repeat(indent);
  return wrapText(value, width - indent).map((l, i) => (i === 0 ? head : pad) + l);
}

/** "1. item" with continuation lines indented under the item. */
export function numbered(n: number, text: string, width: number): string[] {
  const head = `${n}. `;
  const pad = ' '.repeat(head.length);
  return wrapText(text, width - head.length).map((l, i) => (i === 0 ? head : pad) + l);
}

/** Collects a slip's lines; `add` takes already wrapped lines and one style for all of them. */
export function receiptLines(width: ReceiptWidth) {
  if (!RECEIPT_WIDTHS.includes(width)) throw new RangeError(`receipt width must be 32 or 48 columns, got ${width}`);
  const lines: ReceiptLine[] = [];
  const add = (ls: string[], style: TextStyle = {}) => ls.forEach((text) => lines.push({ type: 'text', text, ...style }));
  return {
    lines,
    add,
    rule: () => lines.push({ type: 'rule' }),
    /** the head every slip shares: the title at double size (half the columns), its English line, the place */
    header: (title: string, titleEn: string, place: string) => {
      add(wrapText(title, width / 2), { size: 'double', bold: true, align: 'center' });
      add(wrapText(titleEn, width), { align: 'center' });
      add(wrapText(place, width), { align: 'center' });
      lines.push({ type: 'rule' });
    },
    /** room to tear the slip off above the cutter */
    end: () => lines.push({ type: 'feed', lines: 2 }),
  };
}
