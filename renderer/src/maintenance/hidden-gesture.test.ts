import { describe, expect, it } from 'vitest';
import { registerTap } from './useHiddenGesture';

function run(times: number[]) {
  let taps: number[] = [];
  const done: number[] = [];
  for (const t of times) {
    const r = registerTap(taps, t);
    taps = r.taps;
    if (r.complete) done.push(t);
  }
  return done;
}

describe('hidden maintenance gesture', () => {
  it('opens on the fifth tap within three seconds', () => {
    expect(run([0, 400, 800, 1200, 1600])).toEqual([1600]);
  });
  it('does not open for slow taps or four taps', () => {
    expect(run([0, 1000, 2000, 3000, 4000, 5000])).toEqual([]);
    expect(run([0, 100, 200, 300])).toEqual([]);
  });
  it('starts counting again after a completed gesture', () => {
    expect(run([0, 1, 2, 3, 4, 5, 6, 7, 8])).toEqual([4]);
  });
});
