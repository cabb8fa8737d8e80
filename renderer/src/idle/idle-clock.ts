// The idle rule, as a pure function of time so it is exact under fake clocks and after
// the machine sleeps: warn after `warnAfterSec` without a touch, then count down visibly.

export interface IdleConfig {
  warnAfterSec: number;
  countdownSec: number;
}

export type IdlePhase = { kind: 'active' } | { kind: 'warning'; secondsLeft: number } | { kind: 'expired' };

export function idlePhase(nowMs: number, lastActivityMs: number, c: IdleConfig): IdlePhase {
  const idleMs = Math.max(0, nowMs - lastActivityMs);
  const warnMs = c.warnAfterSec * 1000;
  const endMs = warnMs + c.countdownSec * 1000;
  if (idleMs < warnMs) return { kind: 'active' };
  if (idleMs >= endMs) return { kind: 'expired' };
  return { kind: 'warning', secondsLeft: Math.ceil((endMs - idleMs) / 1000) };
}

export function samePhase(a: IdlePhase, b: IdlePhase): boolean {
  return a.kind === b.kind && (a.kind !== 'warning' || (b.kind === 'warning' && a.secondsLeft === b.secondsLeft));
}
