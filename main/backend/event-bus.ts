import type { KioskEvent } from '../../common/events';

type Listener = (e: KioskEvent) => void;

/** In-process fan-out of backend events to every open SSE stream. */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private openStreams = 0;

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

  /** Subscribes an SSE stream to a kiosk window: counted in `streams` until it unsubscribes. */
  subscribeStream(l: Listener): () => void {
    const off = this.subscribe(l);
    this.openStreams++;
    let open = true;
    return () => {
      if (open) this.openStreams--;
      open = false;
      off();
    };
  }

  /** Open event streams: kiosk windows listening (the kiosk's own metrics export it). */
  get streams(): number {
    return this.openStreams;
  }

  get size(): number {
    return this.listeners.size;
  }
}
