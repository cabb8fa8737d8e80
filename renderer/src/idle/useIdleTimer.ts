import { useEffect, useRef, useState } from 'react';
import { idlePhase, samePhase, type IdleConfig, type IdlePhase } from './idle-clock';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const TICK_MS = 250;

/**
 * Watches for a citizen walking away. While `enabled`, any touch or key restarts the clock;
 * `onExpire` runs once when the countdown reaches zero.
 */
export function useIdleTimer(enabled: boolean, config: IdleConfig, onExpire: () => void): { phase: IdlePhase; keepAlive: () => void } {
  const [phase, setPhase] = useState<IdlePhase>({ kind: 'active' });
  const last = useRef(Date.now());
  const expire = useRef(onExpire);
  expire.current = onExpire;
  const { warnAfterSec, countdownSec } = config;

  useEffect(() => {
    if (!enabled) {
      setPhase({ kind: 'active' });
      return;
    }
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { capture: true, passive: true });
    let fired = false;
    const tick = () => {
      const next = idlePhase(Date.now(), last.current, { warnAfterSec, countdownSec });
      setPhase((prev) => (samePhase(prev, next) ? prev : next));
      if (next.kind === 'expired' && !fired) {
        fired = true;
        expire.current();
      }
    };
    const t = setInterval(tick, TICK_MS);
    return () => {
      clearInterval(t);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true });
    };
  }, [enabled, warnAfterSec, countdownSec]);

  return {
    phase,
    keepAlive: () => {
      last.current = Date.now();
      setPhase({ kind: 'active' });
    },
  };
}
