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
      r('drain rss', 539, 'MB', { name: 'rss before draining', value: 317 });
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
      r('drain rss', 600, 'MB', { name: 'rss before draining', value: 400 }); // the same figure, another baseline
      r('new figure', 3, 'ms', { name: 'y', value: 0 }); // no usable baseline
    });
    expect(compareResults(before, now)).toEqual([
      'queue › enqueue 10 pages vs write+fsync: 1.50× (was 6.23×, -75.9%)',
      'queue › drain rss vs idle rss: 6.00× (was 5.39×, +11.3%)',
      'queue › drain rss vs rss before draining: 1.50× (was 1.70×, -11.8%)',
      'queue › new figure vs y: n/a (new figure)',
      'queue › old figure vs x: not measured in this run (was 1.00×)',
    ]);
  });

  it('records a figure’s goal and whether the run met it, and prints it next to the figure', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    dirs.push(dir);
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stdout.write;
    const figures: Figure[] = [];
    try {
      const report = recordingReport(printReport, figures, () => 'queue');
      report('durable enqueue', 90, 'ms', { name: 'write+fsync', value: 50 }, { text: '≤ 1.5×', met: false });
      report('sync throughput', 7, 'MB/s', { name: 'raw upload', value: 10 });
      report('heartbeats', 6, 'req/s', { name: 'no-op', value: 10 }, { atLeast: 0.5 });
      report('cold start', 5, 's', { name: 'bare server', value: 2 }, { atMost: 2 });
    } finally {
      process.stdout.write = write;
    }
    expect(lines).toEqual([
      'durable enqueue: 90.0 ms (1.80× vs write+fsync 50.0 ms) [goal ≤ 1.5×: NOT MET]\n',
      'sync throughput: 7.00 MB/s (0.70× vs raw upload 10.0 MB/s)\n',
      'heartbeats: 6.00 req/s (0.60× vs no-op 10.0 req/s) [goal ≥ 0.5×: met]\n',
      'cold start: 5.00 s (2.50× vs bare server 2.00 s) [goal ≤ 2×: NOT MET]\n',
    ]);
    const back = readResults(writeResults(dir, figures));
    expect(back.figures.map((f) => f.goal)).toEqual([{ text: '≤ 1.5×', met: false }, undefined, { text: '≥ 0.5×', met: true }, { text: '≤ 2×', met: false }]);
  });

  it('refuses a file that is not a results file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    dirs.push(dir);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"figures": 3}');
    expect(() => readResults(bad)).toThrow();
  });
});
