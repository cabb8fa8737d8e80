// The helper's card as it arrives from the reader (idcard.read on the bus). Only the identity
// number is kept, in memory, for a few seconds: long enough for the sign-in screen to ask for it.
import { identityNumber } from '../../../common/devices';
import type { EventBus } from '../event-bus';

const GRACE_MS = 5_000;

export class CardWaiter {
  private last: { number: string; at: number } | null = null;
  private readonly waiters = new Set<(n: string | null) => void>();
  private readonly off: () => void;

  constructor(
    bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {
    this.off = bus.subscribe((e) => {
      // only the ID card (read through the SAM, which authenticates the chip) signs a helper in:
      // a 社保卡's public files prove nothing a copy could not, and a 网证 is a citizen's (SECURITY.md)
      if (e.type !== 'idcard.read' || e.source !== 'id-card') return;
      const n = identityNumber(e.identity);
      this.last = { number: n, at: this.now() };
      for (const w of [...this.waiters]) w(n);
    });
  }

  /** The next card placed (or one placed just before the call), or null on timeout / abort. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
    if (this.last && this.now() - this.last.at <= GRACE_MS) {
      const n = this.last.number;
      this.last = null;
      return Promise.resolve(n);
    }
    return new Promise((resolve) => {
      const done = (n: string | null) => {
        clearTimeout(t);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
        this.last = null;
        resolve(n);
      };
      const onAbort = () => done(null);
      const t = setTimeout(() => done(null), timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  close(): void {
    this.off();
    for (const w of [...this.waiters]) w(null);
  }
}
