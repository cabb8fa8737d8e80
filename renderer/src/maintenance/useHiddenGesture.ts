// The way into maintenance mode: five taps on the header's emblem within three seconds. Nothing
// on screen hints at it; a citizen who stumbles on it meets the PIN pad and nothing more.
import { useEffect, useRef } from 'react';

export const GESTURE_TAPS = 5;
export const GESTURE_WINDOW_MS = 3000;
const TARGET = '.brand-mark';

/** Pure rule: keeps the taps inside the window and says whether the gesture is complete. */
export function registerTap(taps: number[], at: number): { taps: number[]; complete: boolean } {
  const recent = [...taps.filter((t) => at - t <= GESTURE_WINDOW_MS), at];
  if (recent.length >= GESTURE_TAPS) return { taps: [], complete: true };
  return { taps: recent, complete: false };
}

export function useHiddenGesture(onComplete: () => void): void {
  const taps = useRef<number[]>([]);
  const cb = useRef(onComplete);
  cb.current = onComplete;
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (!(e.target instanceof Element) || !e.target.closest(TARGET)) return;
      const r = registerTap(taps.current, e.timeStamp || performance.now());
      taps.current = r.taps;
      if (r.complete) cb.current();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, []);
}
