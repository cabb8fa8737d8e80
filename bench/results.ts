// A run's figures as JSON (`bench/results/<time>.json`, ignored by git) and the change per figure
// against an earlier run's file, so a regression shows without reading two logs side by side.
// Ratios are compared, not raw values: both runs measured their own baselines on their own
// machine state, so only the ratio means the same thing in both.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { judgeGoal, type Report } from './report';

const FigureSchema = z.object({
  file: z.string(),
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  baseline: z.object({ name: z.string(), value: z.number() }),
  ratio: z.number().nullable(),
  /** the figure's goal and whether this run met it (figures without one have none) */
  goal: z.object({ text: z.string(), met: z.boolean() }).optional(),
});
export type Figure = z.infer<typeof FigureSchema>;

const ResultsSchema = z.object({ at: z.string(), node: z.string(), figures: z.array(FigureSchema) });
export type Results = z.infer<typeof ResultsSchema>;

/** A report that also keeps every figure, tagged with the bench file it came from. */
export function recordingReport(inner: Report, figures: Figure[], file: () => string): Report {
  return (name, value, unit, baseline, goal) => {
    inner(name, value, unit, baseline, goal);
    const ratio = baseline.value > 0 && Number.isFinite(value / baseline.value) ? value / baseline.value : null;
    figures.push({ file: file(), name, value, unit, baseline, ratio, ...(goal ? { goal: judgeGoal(value, baseline, goal) } : {}) });
  };
}

export function writeResults(dir: string, figures: Figure[], now = new Date()): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${now.toISOString().replace(/[:.]/g, '-')}.json`);
  const results: Results = { at: now.toISOString(), node: process.version, figures };
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export function readResults(file: string): Results {
  return ResultsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

// A figure is measured against more than one baseline (the 国密 sync against the raw upload and
// against the international suite): the baseline is part of what it is.
const key = (f: Figure) => `${f.file} › ${f.name} vs ${f.baseline.name}`;
const fmtRatio = (r: number | null) => (r === null ? 'n/a' : `${r >= 100 ? r.toFixed(0) : r.toFixed(2)}×`);

/** One line per figure of this run: its ratio now and before, and the relative change. */
export function compareResults(before: Results, now: Figure[]): string[] {
  const old = new Map(before.figures.map((f) => [key(f), f]));
  const lines = now.map((f) => {
    const was = old.get(key(f));
    old.delete(key(f));
    if (!was) return `${key(f)}: ${fmtRatio(f.ratio)} (new figure)`;
    if (f.ratio === null || was.ratio === null || was.ratio === 0) return `${key(f)}: ${fmtRatio(f.ratio)} (was ${fmtRatio(was.ratio)})`;
    const change = (f.ratio / was.ratio - 1) * 100;
    return `${key(f)}: ${fmtRatio(f.ratio)} (was ${fmtRatio(was.ratio)}, ${change >= 0 ? '+' : ''}${change.toFixed(1)}%)`;
  });
  for (const gone of old.values()) lines.push(`${key(gone)}: not measured in this run (was ${fmtRatio(gone.ratio)})`);
  return lines;
}
