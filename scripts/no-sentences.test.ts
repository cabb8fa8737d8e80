// The backend, devices and common code answer with codes and parameters; the renderer's string
// tables (renderer/src/i18n/) choose the words, Chinese first. A Chinese string literal in those
// layers is a sentence built in the wrong place — unless it is data (a code table read from the
// card) or the one shared word table. Scoped to the device side for now (issue 11: device texts);
// the journey / follow-up / helper / queue side extends SCOPE when its texts are codes.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Folders and files whose string literals must hold no Chinese. */
const SCOPE = ['devices', 'main/backend/maintenance', 'main/backend/health', 'main/backend/routes/devices.ts', 'main/backend/routes/maintenance.ts', 'common/devices.ts', 'common/heartbeat.ts'];

/** Data, not sentences: kept for good. */
const DATA: Record<string, string> = {
  'devices/id-card/codes.ts': 'the GB 3304 nationality (民族) and region code tables: what the chip’s codes mean, printed on the card',
  'devices/id-card/sample-cards.ts': 'sample identities the simulator places on its reader (names and addresses are card data)',
  'devices/a4/a4-doc.fixture.ts': 'a sample printed document for the A4 driver’s tests',
  'devices/receipt/receipt-models.ts': 'receipt printer makers’ brand names (新北洋, 佳博) as they appear on the printers',
};

/**
 * Chinese literals that stay, each justified: printed typography, developer set-up messages. Capped
 * like NOT_YET (the count may only go down), but not a to-do.
 */
const KEPT: Record<string, { max: number; why: string }> = {
  'devices/id-card/text-block.ts': { max: 2, why: 'the chip’s 长期 (no expiry date): a value on the card, read and written as data' },
  'devices/config.ts': {
    max: 8,
    why: 'validation of the device part of the configuration file: read at start, before any screen exists, by whoever installs the terminal (exit 78, like main/backend/config/)',
  },
  'devices/a4/cups-sim.ts': { max: 3, why: 'the CUPS simulator’s set-up problems, for the developer running it' },
  'devices/sim/simulators.ts': { max: 2, why: 'the simulator panel’s answers, for the developer' },
  'devices/sim/pty-pair.ts': { max: 1, why: 'socat missing, for the developer running the simulators' },
  'main/backend/maintenance/hash-pin-cli.ts': { max: 1, why: 'the technician-pin set-up command’s output on the console (pin.ts answers a code)' },
  'devices/a4/pdf-builder.ts': { max: 1, why: 'the full-width colon between a field’s label and value on the printed A4 page (typography of a printed document)' },
};

/**
 * Still building sentences: each may hold at most this many Chinese literals (the count may only go
 * down, and a file that reaches zero must leave this list). Issue 11's remainder.
 */
const NOT_YET: Record<string, { max: number; why: string }> = {};

/** The one word table the screens share with central's fleet page; only they may import it. */
const SHARED_WORDS = 'common/device-words.ts';

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]/;
const isTest = (rel: string) => /\.test\.tsx?$|\.e2e\.tsx?$|\.bench\.ts$|\/test-support\//.test(rel);

/** Chinese-bearing string and template literals of a source, with their lines. */
export function chineseLiterals(file: string, text: string): { line: number; text: string }[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { line: number; text: string }[] = [];
  const push = (node: ts.Node, t: string) => {
    if (CJK.test(t)) out.push({ line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: t });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node)) {
      // one literal, however many `${…}` it holds
      push(node, node.head.text + node.templateSpans.map((sp) => sp.literal.text).join('…'));
      for (const sp of node.templateSpans) visit(sp.expression);
      return;
    }
    if (ts.isStringLiteralLike(node) || ts.isJsxText(node)) push(node, node.text);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

function sources(entry: string): string[] {
  const abs = path.join(root, entry);
  if (fs.statSync(abs).isFile()) return [entry];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const scoped = () => SCOPE.flatMap(sources).filter((rel) => !isTest(rel));

describe('no sentences outside the string tables', () => {
  it('no Chinese string literal in the device side except data files and the listed ones not converted yet', () => {
    const found: string[] = [];
    const counts = new Map<string, number>();
    for (const rel of scoped()) {
      if (Object.hasOwn(DATA, rel)) continue;
      const lits = chineseLiterals(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
      counts.set(rel, lits.length);
      const allowed = NOT_YET[rel]?.max ?? KEPT[rel]?.max ?? 0;
      if (lits.length > allowed) found.push(...lits.map((l) => `${rel}:${l.line} ${JSON.stringify(l.text.slice(0, 60))}`), `${rel}: ${lits.length} Chinese literals (allowed ${allowed})`);
    }
    expect(found).toEqual([]);
    // The list shrinks: a file that no longer builds sentences (or is gone) leaves it.
    const stale = [...Object.keys(NOT_YET), ...Object.keys(KEPT)].filter((rel) => (counts.get(rel) ?? 0) === 0);
    expect(stale).toEqual([]);
  });

  it('leaves the shared device words to the screens and central: no backend, device or queue code imports them', () => {
    const importers = ['devices', 'main/backend', 'offline-queue']
      .flatMap(sources)
      .filter((rel) => !isTest(rel))
      .filter((rel) => /from\s+['"][^'"]*common\/device-words['"]/.test(fs.readFileSync(path.join(root, rel), 'utf8')));
    expect(importers).toEqual([]);
    expect(fs.existsSync(path.join(root, SHARED_WORDS))).toBe(true);
  });

  it('finds what it forbids (so the scan above cannot pass by matching nothing)', () => {
    const bad = "const m = '凭条打印机缺纸 / paper out';\nconst t = `扫描正常，${n} 页`;\nconst x = <p>打印中</p>;";
    expect(chineseLiterals('x.tsx', bad).map((l) => l.line)).toEqual([1, 2, 3]);
    const good = "// 凭条打印机: a comment says why\nconst code = 'paper-out';\n/** 缺纸 */\nconst n = 1;";
    expect(chineseLiterals('x.ts', good)).toEqual([]);
  });
});
