import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideRestart, RESTART_POLICY, type RestartDecision } from './restart-governor';
import { readStartHistory, writeStartHistory } from './start-history';

function failAt(times: number[]): RestartDecision[] {
  let history: number[] = [];
  return times.map((t) => {
    const r = decideRestart(history, t);
    history = r.history;
    return r.decision;
  });
}

describe('restart backoff', () => {
  it('recovers the first failure at once, then doubles the wait, and past the limit goes out of service', () => {
    const decisions = failAt([0, 1000, 2000, 3000, 4000, 5000]);
    expect(decisions.map((d) => (d.action === 'restart' ? d.delayMs : d.action))).toEqual([0, 2000, 4000, 8000, 16000, 'out-of-service']);
    expect(decisions.at(-1)).toMatchObject({ action: 'out-of-service', retryAfterMs: RESTART_POLICY.outOfServiceRetryMs });
  });

  it('caps the wait', () => {
    const policy = { ...RESTART_POLICY, maxRestarts: 20 };
    let history: number[] = [];
    let last: RestartDecision | null = null;
    for (let i = 0; i < 12; i++) ({ decision: last, history } = decideRestart(history, i, policy));
    expect(last).toEqual({ action: 'restart', delayMs: RESTART_POLICY.capMs, failures: 12 });
  });

  it('forgets failures older than the window, so a terminal that crashes once a day never backs off', () => {
    const day = 24 * 3600_000;
    const decisions = failAt([0, day, 2 * day, 3 * day, 4 * day, 5 * day, 6 * day]);
    expect(decisions.every((d) => d.action === 'restart' && d.delayMs === 0)).toBe(true);
    const { history } = decideRestart([0, 1, 2, RESTART_POLICY.windowMs], RESTART_POLICY.windowMs + 5);
    expect(history).toEqual([RESTART_POLICY.windowMs, RESTART_POLICY.windowMs + 5]);
  });

  it('ignores timestamps from the future (a clock set back) instead of staying out of service', () => {
    const { decision } = decideRestart([10_000, 20_000, 30_000, 40_000, 50_000, 60_000], 5_000);
    expect(decision).toEqual({ action: 'restart', delayMs: 0, failures: 1 });
  });
});

describe('start history file', () => {
  it('round-trips, and a missing or damaged file is an empty history', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starts-'));
    const file = path.join(dir, 'sub', 'shell-starts.json');
    expect(readStartHistory(file)).toEqual([]);
    writeStartHistory(file, [1, 2, 3]);
    expect(readStartHistory(file)).toEqual([1, 2, 3]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, '{"not":"a list"}');
    expect(readStartHistory(file)).toEqual([]);
    fs.writeFileSync(file, 'garbage');
    expect(readStartHistory(file)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
