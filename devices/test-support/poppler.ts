// Reading printed PDFs back the way a person would: their text (pdftotext) and how they look
// (pdftoppm, compared pixel by pixel at low resolution).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

export function pdfPages(file: string): number {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(r.stdout)?.[1] ?? 0);
}

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** First page as 8-bit grey at `dpi`. */
export function rasterise(file: string, dpi = 30): Gray {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ppm-'));
  try {
    const r = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', file, path.join(dir, 'p')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    const pgm = fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!));
    // P5\n<w> <h>\n<max>\n<data>
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
    const offset = header[0].length;
    return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(pgm.subarray(offset)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Share of pixels that differ by more than `tolerance` grey levels (1 = all). Pages whose
 *  sizes differ by rounding (595.28 vs 595 pt) are compared over their common area. */
export function pixelDifference(a: Gray, b: Gray, tolerance = 64): number {
  if (Math.abs(a.width - b.width) > 2 || Math.abs(a.height - b.height) > 2) return 1;
  const w = Math.min(a.width, b.width);
  const h = Math.min(a.height, b.height);
  let diff = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (Math.abs(a.pixels[y * a.width + x]! - b.pixels[y * b.width + x]!) > tolerance) diff++;
  return diff / (w * h);
}

export function inkShare(g: Gray): number {
  let ink = 0;
  for (const p of g.pixels) if (p < 128) ink++;
  return ink / g.pixels.length;
}

export interface PdfWord {
  text: string;
  page: number;
  width: number;
  height: number;
}

/** Every word pdftotext finds, with its page (from 1) and box in points. */
export function pdfWords(file: string): PdfWord[] {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  const words: PdfWord[] = [];
  let page = 0;
  for (const line of r.stdout.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ text: m[5]!, page, width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) });
  }
  return words;
}
