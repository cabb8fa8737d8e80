// A tiny typed event emitter: listeners that throw are isolated so one bad consumer
// (a closed SSE stream, a test assertion) cannot stop a device driver.
export class Emitter<E extends { [K in keyof E]: unknown }> {
  private readonly listeners = new Map<keyof E, Set<(v: never) => void>>();

  on<K extends keyof E>(event: K, cb: (value: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(cb as (v: never) => void);
    return () => set.delete(cb as (v: never) => void);
  }

  once<K extends keyof E>(event: K, cb: (value: E[K]) => void): () => void {
    const off = this.on(event, (v) => {
      off();
      cb(v);
    });
    return off;
  }

  /** Resolves with the next event K for which `match` holds; rejects after timeoutMs. */
  next<K extends keyof E>(event: K, timeoutMs: number, match: (value: E[K]) => boolean = () => true): Promise<E[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(event)}`));
      }, timeoutMs);
      const off = this.on(event, (v) => {
        if (!match(v)) return;
        clearTimeout(timer);
        off();
        resolve(v);
      });
    });
  }

  emit<K extends keyof E>(event: K, value: E[K]): void {
    for (const cb of [...(this.listeners.get(event) ?? [])]) {
      try {
        (cb as (v: E[K]) => void)(value);
      } catch {
        // isolated on purpose
      }
    }
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
