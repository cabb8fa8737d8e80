// Holds a driver's current status and notifies on real changes only, so a poll that finds the
// same state again does not produce another event or log line.
import { Emitter } from './emitter';

export class StatusCell<S> {
  private value: S;
  private readonly events = new Emitter<{ change: S }>();

  constructor(initial: S) {
    this.value = initial;
  }

  get(): S {
    return this.value;
  }

  set(next: S): void {
    if (JSON.stringify(next) === JSON.stringify(this.value)) return;
    this.value = next;
    this.events.emit('change', next);
  }

  onChange(cb: (s: S) => void): () => void {
    return this.events.on('change', cb);
  }
}
