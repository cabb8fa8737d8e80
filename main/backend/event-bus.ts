import type { KioskEvent } from '../../common/events';

type Listener = (e: KioskEvent) => void;

/** In-process fan-out of backend events to every open SSE stream. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit(e: KioskEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // one broken stream must not stop the others
      }
    }
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get size(): number {
    return this.listeners.size;
  }
}
