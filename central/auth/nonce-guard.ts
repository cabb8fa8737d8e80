// Replay protection: a nonce is accepted once per terminal. Seen nonces are checked in memory
// and in the database, and written to the database in small batches (every 200 ms and at
// close) instead of one fsync per request. A central crash can forget at most the last batch;
// a request replayed inside that window still meets the idempotent handlers (same key → same
// case, chunk offsets), so it cannot create anything twice.
import { MAX_CLOCK_SKEW_MS } from '../../common/request-signing';
import type { CentralStore } from '../store';

export class NonceGuard {
  private readonly recent = new Map<string, number>();
  private pending: { terminalId: string; nonce: string; seenAt: number }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly store: CentralStore) {
    store.onClose(() => this.flush());
  }

  /** true the first time this terminal uses the nonce; false for a replay. */
  use(terminalId: string, nonce: string, nowMs: number): boolean {
    const k = `${terminalId}\n${nonce}`;
    if (this.recent.has(k) || this.store.hasNonce(terminalId, nonce)) return false;
    this.recent.set(k, nowMs);
    this.pending.push({ terminalId, nonce, seenAt: nowMs });
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), 200);
      this.timer.unref();
    }
    return true;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const cutoff = Date.now() - 2 * MAX_CLOCK_SKEW_MS;
    if (this.pending.length) {
      this.store.recordNonces(this.pending, cutoff);
      this.pending = [];
    }
    // Anything older than the accepted clock window is rejected by its timestamp anyway.
    for (const [k, t] of this.recent) {
      if (t >= cutoff) break;
      this.recent.delete(k);
    }
  }
}
