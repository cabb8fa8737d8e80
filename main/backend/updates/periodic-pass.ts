// A pass that runs now and then every interval, never two at once: the updater and the remote
// configuration both poll central this way, and a pass asked for while one runs joins it.
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(private readonly pass: () => Promise<T>) {}

  start(everyMs: number): void {
    if (this.timer) return;
    void this.run();
    this.timer = setInterval(() => void this.run(), everyMs);
    this.timer.unref();
  }

  /** One pass; a pass already running is joined, not doubled. */
  run(): Promise<T> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  /** Stops the interval, then waits for the pass in flight (its failure is the pass's to report). */
  async stop(beforeWaiting?: () => void): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    beforeWaiting?.();
    await this.running?.catch(() => undefined);
  }
}
