// A small pinyin input method for the form's on-screen keyboard: letters typed → candidate
// characters. The candidates are the 3755 first-level characters of GB 2312 (the common ones,
// which cover nearly all names and addresses), indexed by every reading pinyin-pro knows for them
// (polyphones under each reading). Order within a syllable is GB 2312's (by pinyin, then strokes).
// Where the OS offers a real IME or handwriting, that works in the same fields.
import { polyphonic } from 'pinyin-pro';

let index: Map<string, string[]> | null = null;

/** GB 2312 level 1: rows 0xB0–0xD7, cells 0xA1–0xFE (row 0xD7 ends at 0xF9). */
function commonCharacters(): string[] {
  const dec = new TextDecoder('gb18030');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) for (let lo = 0xa1; lo <= (hi === 0xd7 ? 0xf9 : 0xfe); lo++) out.push(dec.decode(Uint8Array.of(hi, lo)));
  return out;
}

function build(): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const ch of commonCharacters()) {
    const readings = (polyphonic(ch, { toneType: 'none', type: 'array' }) as string[][])[0] ?? [];
    for (const r of new Set(readings.map((x) => x.replace('ü', 'v')))) {
      if (!/^[a-z]+$/.test(r)) continue;
      const list = m.get(r) ?? [];
      list.push(ch);
      m.set(r, list);
    }
  }
  return m;
}

export const MAX_CANDIDATES = 40;

/**
 * Candidates for what was typed ("wang", "zh", "lv"): characters read exactly so first, then
 * those whose reading starts with it. Nothing for input that is not lower-case letters.
 */
export function pinyinCandidates(typed: string): string[] {
  const q = typed.trim().toLowerCase().replace('ü', 'v');
  if (!/^[a-z]{1,6}$/.test(q)) return [];
  index ??= build();
  const exact = index.get(q) ?? [];
  const out = [...exact];
  if (out.length < MAX_CANDIDATES)
    for (const [reading, chars] of index) {
      if (reading === q || !reading.startsWith(q)) continue;
      for (const c of chars) if (!out.includes(c)) out.push(c);
      if (out.length >= MAX_CANDIDATES) break;
    }
  return out.slice(0, MAX_CANDIDATES);
}
