import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printReport, type Report } from './report';
import { compareResults, readResults, recordingReport, writeResults, type Figure } from './results';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function run(file: string, emit: (r: Report) => void): Figure[] {
  const figures: Figure[] = [];
  const printed: string[] = [];
  emit(
    recordingReport(
      (name) => printed.push(name),
      figures,
      () => file,
    ),
  );
  expect(printed).toEqual(figures.map((f) => f.name)); // still printed as before
  return figures;
}

describe('bench results', () => {
  it('writes a run to JSON that reads back, and shows each figure’s change in ratio since then', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    dirs.push(dir);
    const first = run('queue', (r) => {
      r('enqueue 10 pages', 62.3, 'ms', { name: 'write+fsync', value: 10 });
      r('drain rss', 539, 'MB', { name: 'idle rss', value: 100 });
      r('old figure', 1, 'ms', { name: 'x', value: 1 });
    });
    const file = writeResults(dir, first, new Date('2026-12-02T13:00:00Z'));
    expect(path.basename(file)).toBe('2026-12-02T13-00-00-000Z.json');
    const before = readResults(file);
    expect(before.figures[0]).toMatchObject({ file: 'queue', name: 'enqueue 10 pages', value: 62.3 });
    expect(before.figures[0]?.ratio).toBeCloseTo(6.23);

    const now = run('queue', (r) => {
      r('enqueue 10 pages', 15, 'ms', { name: 'write+fsync', value: 10 }); // 1.5× now, was 6.23×
      r('drain rss', 600, 'MB', { name: 'idle rss', value: 100 }); // worse
      r('new figure', 3, 'ms', { name: 'y', value: 0 }); // no usable baseline
    });
    expect(compareResults(before, now)).toEqual([
      'queue › enqueue 10 pages: 1.50× (was 6.23×, -75.9%)',
      'queue › drain rss: 6.00× (was 5.39×, +11.3%)',
      'queue › new figure: n/a (new figure)',
      'queue › old figure: not measured in this run (was 1.00×)',
    ]);
  });

  it('records each figure’s goal and whether the run met it, and prints the verdict next to the ratio', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    dirs.push(dir);
    const figures = run('queue', (r) => {
      r('sync throughput', 3.5, 'MB/s', { name: 'raw upload', value: 7 }, { atLeast: 0.7 });
      r('cold start', 300, 'ms', { name: 'bare server', value: 100 }, { atMost: 2 });
      r('no goal', 1, 'ms', { name: 'x', value: 1 });
    });
    const back = readResults(writeResults(dir, figures));
    expect(back.figures.map((f) => [f.name, f.goal, f.met])).toEqual([
      ['sync throughput', { atLeast: 0.7 }, false],
      ['cold start', { atMost: 2 }, false],
      ['no goal', undefined, undefined],
    ]);
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    try {
      printReport('cold start', 150, 'ms', { name: 'bare server', value: 100 }, { atMost: 2 });
      printReport('sync throughput', 3.5, 'MB/s', { name: 'raw upload', value: 7 }, { atLeast: 0.7 });
    } finally {
      process.stdout.write = write;
    }
    expect(out).toEqual(['cold start: 150 ms (1.50× vs bare server 100 ms) [goal ≤ 2×: met]\n', 'sync throughput: 3.50 MB/s (0.50× vs raw upload 7.00 MB/s) [goal ≥ 0.7×: NOT met]\n']);
  });

  it('refuses a file that is not a results file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    dirs.push(dir);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"figures": 3}');
    expect(() => readResults(bad)).toThrow();
  });
});
