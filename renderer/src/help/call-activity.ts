// Whether a video call with the hall is being placed, waits in the queue or is connected. The
// idle timer holds while it is: a citizen talking with staff does not touch the screen, and the
// idle reset would otherwise end the call and wipe the journey mid-conversation.
import { useSyncExternalStore } from 'react';

let active = false;
const listeners = new Set<() => void>();

export function setCallActive(next: boolean): void {
  if (next === active) return;
  active = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useCallActive(): boolean {
  return useSyncExternalStore(subscribe, () => active);
}
