// Group commit: writes that arrive together share one transaction, so one WAL fsync makes all
// of them durable instead of one fsync each. A request's answer still waits for the commit that
// holds its write (durable before acknowledged). Each write runs in its own savepoint: one that
// throws rolls back alone and only its caller sees the error. If the commit itself fails (full
// disk), every caller of the group gets the error and none of their writes is kept.
// Why: with a kiosk uploading several pages at once, central spent most of each chunk's time in
// its own `COMMIT` (better-sqlite3 is synchronous, so each fsync also blocked the next request);
// see bench/queue.bench.ts and the commit that added this file.
import type { Db } from './database';

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /** Runs `write` in the next group's transaction; resolves with its result once committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O phase: every request whose body arrived in this turn joins the group.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is waiting now (also called before the database closes). */
  flush(): void {
    this.scheduled = false;
    const group = this.pending.splice(0);
    if (!group.length) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const p of group) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(p.write)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    group.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }
}
