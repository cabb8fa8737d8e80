import { describe, expect, it } from 'vitest';
import { idlePhase } from './idle-clock';

const c = { warnAfterSec: 90, countdownSec: 30 };
const at = (sec: number) => idlePhase(sec * 1000, 0, c);

describe('idle clock', () => {
  it('stays quiet until warnAfterSec have passed without a touch', () => {
    expect(at(0)).toEqual({ kind: 'active' });
    expect(at(89.9)).toEqual({ kind: 'active' });
  });

  it('then counts down whole seconds from countdownSec', () => {
    expect(at(90)).toEqual({ kind: 'warning', secondsLeft: 30 });
    expect(at(90.5)).toEqual({ kind: 'warning', secondsLeft: 30 });
    expect(at(91)).toEqual({ kind: 'warning', secondsLeft: 29 });
    expect(at(119.01)).toEqual({ kind: 'warning', secondsLeft: 1 });
  });

  it('expires when the countdown reaches zero, however late the check runs', () => {
    expect(at(120)).toEqual({ kind: 'expired' });
    expect(at(10_000)).toEqual({ kind: 'expired' });
  });

  it('treats a clock that went backwards as fresh activity, never as expiry', () => {
    expect(idlePhase(0, 60_000, c)).toEqual({ kind: 'active' });
  });
});
