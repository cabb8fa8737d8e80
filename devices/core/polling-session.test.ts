import { describe, expect, it, vi } from 'vitest';
import type { Offline, ScannerStatus } from '../../common/devices';
import { waitFor } from '../test-support/wait';
import { PollingSession, type PollPace } from './polling-session';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A device whose poll takes pollTakesMs and answers what `answer` says. */
class ProbeSession extends PollingSession<ScannerStatus> {
  polls: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  released = 0;
  answer: ScannerStatus | 'gone' = { state: 'ready' };

  constructor(
    pace: PollPace,
    private readonly pollTakesMs: number,
  ) {
    super({ state: 'ready' });
    this.startPolling(pace);
  }

  protected override async pollOnce(): Promise<void> {
    this.polls.push(Date.now());
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    await sleep(this.pollTakesMs);
    this.inFlight--;
    if (!this.polling) return;
    if (this.answer === 'gone') this.unplugged('probe found nothing');
    else this.cell.set(this.answer);
  }

  protected override async release(): Promise<void> {
    this.released++;
  }
}

describe('polling session base', () => {
  it('polls on its pace without ever overlapping a slow poll, and publishes changes only', async () => {
    const s = new ProbeSession({ everyMs: 10 }, 30);
    const seen: ScannerStatus[] = [];
    s.onStatus((v) => seen.push(v));
    await waitFor(() => s.polls.length >= 4, 2000, 'four polls');
    s.answer = { state: 'jammed' };
    await waitFor(() => s.status.state === 'jammed', 2000, 'jammed');
    await s.close();
    expect(s.maxInFlight).toBe(1);
    // 'delay' pace: the next poll starts everyMs after the previous one ended
    const gaps = s.polls.slice(1).map((t, i) => t - s.polls[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(35);
    expect(seen).toEqual([{ state: 'jammed' }]);
  });

  it("'rate' pace counts the interval from the start of the previous poll, 'delay' from its end", async () => {
    // On the clock the session reads, not the machine's: a loaded machine must not decide this.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const gaps = async (measure: 'rate' | 'delay') => {
        const s = new ProbeSession({ everyMs: 100, measure }, 80);
        await vi.advanceTimersByTimeAsync(1_000);
        const closed = s.close();
        await vi.advanceTimersByTimeAsync(100);
        await closed;
        return s.polls.slice(1, 4).map((t, i) => t - s.polls[i]!);
      };
      expect(await gaps('rate')).toEqual([100, 100, 100]);
      expect(await gaps('delay')).toEqual([180, 180, 180]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a lost device once, shows why, and polls no more', async () => {
    const s = new ProbeSession({ everyMs: 5 }, 1);
    const lost: Offline[] = [];
    s.onLost((r) => lost.push(r));
    await waitFor(() => s.polls.length >= 2, 2000, 'polling');
    s.answer = 'gone';
    await waitFor(() => lost.length === 1, 2000, 'lost');
    const polled = s.polls.length;
    await sleep(60);
    expect(s.polls.length).toBe(polled);
    expect(lost).toEqual([{ state: 'offline', reason: 'unplugged', detail: 'probe found nothing' }]);
    expect(s.status).toEqual(lost[0]);
  });

  it('after close, a poll still in flight publishes nothing and no further poll runs', async () => {
    const s = new ProbeSession({ everyMs: 5 }, 50);
    const seen: ScannerStatus[] = [];
    s.onStatus((v) => seen.push(v));
    await waitFor(() => s.inFlight === 1, 2000, 'a poll in flight');
    s.answer = { state: 'cover-open' };
    await s.close();
    await sleep(120);
    expect(seen).toEqual([]);
    expect(s.polls.length).toBe(1);
    expect(s.released).toBe(1);
  });
});
