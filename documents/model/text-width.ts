// Receipt columns: CJK and full-width characters take two columns on a thermal printer.

export function charColumns(cp: number): 1 | 2 {
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  )
    return 2;
  return 1;
}

export function textColumns(s: string): number {
  let n = 0;
  for (const ch of s) n += charColumns(ch.codePointAt(0)!);
  return n;
}

/** Breaks text into lines of at most `columns` columns, never splitting a character. */
export function wrapColumns(text: string, columns: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const ch of para) {
      const w = charColumns(ch.codePointAt(0)!);
      if (used + w > columns && line) {
        out.push(line);
        line = '';
        used = 0;
      }
      line += ch;
      used += w;
    }
    out.push(line);
  }
  return out;
}
