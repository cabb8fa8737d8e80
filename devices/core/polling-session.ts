// The part every driver's session shares: the status cell the supervisor watches, the one-shot
// "device lost" report, and a poll loop that never overlaps itself and stops for good once the
// device is lost or closed. Drivers keep only their protocol: what a poll asks, what a job does.
import type { Offline } from '../../common/devices';
import type { DeviceSession } from './session';
import { StatusCell } from './status-cell';

export interface PollPace {
  everyMs: number;
  /**
   * 'rate': the next poll starts everyMs after the previous one started (the ID-card reader,
   * whose card detection must not slow down when a read takes long); 'delay': everyMs after it ended.
   */
  measure?: 'rate' | 'delay';
}

export abstract class PollingSession<S extends { state: string }> implements DeviceSession<S | Offline> {
  protected readonly cell: StatusCell<S | Offline>;
  private lostCb: ((r: Offline) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private pace: PollPace = { everyMs: 1000 };

  protected constructor(initial: S) {
    this.cell = new StatusCell<S | Offline>(initial);
  }

  get status(): S | Offline {
    return this.cell.get();
  }

  onStatus(cb: (s: S | Offline) => void): () => void {
    return this.cell.onChange(cb);
  }

  onLost(cb: (r: Offline) => void): void {
    this.lostCb = cb;
  }

  async close(): Promise<void> {
    this.stopPolling();
    await this.release();
  }

  /** What the session holds besides its poll (a port, a HID handle); nothing by default. */
  protected async release(): Promise<void> {}

  /** One poll; sessions without a poll loop never start one. */
  protected async pollOnce(): Promise<void> {}

  /** Called whenever polling stops (lost or closed): drop what waits for an answer. */
  protected onStopped(): void {}

  /** false once lost or closed: a poll that was in flight then must not publish what it found. */
  protected get polling(): boolean {
    return this.running;
  }

  protected startPolling(pace: PollPace, firstDelayMs = pace.everyMs): void {
    this.running = true;
    this.pace = pace;
    this.schedule(firstDelayMs);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    try {
      await this.pollOnce();
    } finally {
      const { everyMs, measure } = this.pace;
      this.schedule(measure === 'rate' ? Math.max(0, everyMs - (Date.now() - started)) : everyMs);
    }
  }

  protected stopPolling(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.onStopped();
  }

  /** The device is gone: stop polling, show why, and tell the supervisor (which reopens it). */
  protected lose(off: Offline): void {
    this.stopPolling();
    this.cell.set(off);
    this.lostCb?.(off);
  }

  protected unplugged(detail: string): void {
    this.lose({ state: 'offline', reason: 'unplugged', detail });
  }
}
