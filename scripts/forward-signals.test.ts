// Start scripts pass a signal on once; a second one ends the child and everything in its group
// at once, even a child that ignores SIGTERM or hangs in its shutdown.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killMarked, MARK_VAR, marked, waitUntilGone } from './test-support/marked-processes';

const here = import.meta.dirname;
const marks: string[] = [];
afterEach(() => {
  for (const m of marks.splice(0)) killMarked(m);
});

// a "host" that ignores SIGTERM and has a helper of its own, started the way start.mjs does
const wrapper = `
import { spawn } from 'node:child_process';
import { forwardSignals } from ${JSON.stringify(path.join(here, 'forward-signals.mjs'))};
const child = spawn('sh', ['-c', 'trap "" TERM; sleep 60 & echo started; wait'], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
forwardSignals(child);
`;

describe('forwardSignals', () => {
  it('a second SIGTERM ends a child that ignores the first, with its helpers, at once', async () => {
    const mark = crypto.randomUUID();
    marks.push(mark);
    const p = spawn(process.execPath, ['--input-type=module', '-e', wrapper], { env: { ...process.env, [MARK_VAR]: mark }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => p.stdout.on('data', (d) => String(d).includes('started') && resolve()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.once('exit', (code, signal) => r({ code, signal })));

    const before = marked(mark)
      .map((x) => x.pid)
      .sort();
    expect(before).toHaveLength(3);
    p.kill('SIGTERM');
    // passed on, and ignored: everything still runs
    await new Promise((r) => setTimeout(r, 500));
    expect(
      marked(mark)
        .map((x) => x.pid)
        .sort(),
    ).toEqual(before);

    const t0 = Date.now();
    p.kill('SIGTERM');
    expect(await exited).toEqual({ code: 143, signal: null });
    expect((await waitUntilGone(mark, 1_000)).map((x) => x.cmdline)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(1_500);
  });
});
