// Replay protection: a nonce is accepted once per terminal. Seen nonces are kept in memory for
// as long as a request carrying them could still pass the timestamp check, and written to the
// database in small batches (every 200 ms and at close) instead of one fsync per request. The
// memory is the whole record: when the guard starts it loads the nonces the database holds from
// that window, so a request costs no query (`--cpu-prof` of central under bench/fleet.bench.ts:
// the lookup was a heartbeat's third largest cost). One guard per store, shared by every app
// built on it. A central crash can forget at most the last batch; a request replayed inside that
// window still meets the idempotent handlers (same key → same case, chunk offsets), so it cannot
// create anything twice.
import { MAX_CLOCK_SKEW_MS } from '../../common/request-signing';
import type { CentralStore } from '../store';

/** Older than this, a nonce's request is refused by its timestamp anyway. */
const cutoffAt = (nowMs: number) => nowMs - 2 * MAX_CLOCK_SKEW_MS;

const guards = new WeakMap<CentralStore, NonceGuard>();

/** The store's guard (created with its first use). */
export function nonceGuard(store: CentralStore): NonceGuard {
  let g = guards.get(store);
  if (!g) {
    g = new NonceGuard(store);
    guards.set(store, g);
  }
  return g;
}

export class NonceGuard {
  private readonly recent = new Map<string, number>();
  private pending: { terminalId: string; nonce: string; seenAt: number }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly store: CentralStore) {
    for (const n of store.noncesSince(cutoffAt(Date.now()))) this.recent.set(`${n.terminalId}\n${n.nonce}`, n.seenAt);
    store.onClose(() => this.flush());
  }

  /** true the first time this terminal uses the nonce; false for a replay. */
  use(terminalId: string, nonce: string, nowMs: number): boolean {
    const k = `${terminalId}\n${nonce}`;
    if (this.recent.has(k)) return false;
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
    const cutoff = cutoffAt(Date.now());
    if (this.pending.length) {
      this.store.recordNonces(this.pending, cutoff);
      this.pending = [];
    }
    for (const [k, t] of this.recent) {
      if (t >= cutoff) break;
      this.recent.delete(k);
    }
  }
}
