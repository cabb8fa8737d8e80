// Bandwidth cap for background downloads: a token bucket of bytes. A hall's uplink is shared with
// the citizens' own submissions, so an update may use only a configured share of it.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    /** bytes per second, sustained */
    private readonly rate: number,
    /** bytes that may go at once after a quiet spell */
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Waits until `bytes` may be sent (bytes above the burst wait for their share of time). */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const t = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
      this.last = t;
      const want = Math.min(bytes, this.burst);
      if (this.tokens >= want) {
        this.tokens -= bytes;
        return;
      }
      signal?.throwIfAborted();
      await this.sleep(Math.ceil(((want - this.tokens) / this.rate) * 1000));
    }
  }
}
