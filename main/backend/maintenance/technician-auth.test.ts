import { describe, expect, it } from 'vitest';
import { hashPin, pinProblem, verifyPin } from './pin';
import { TechnicianAuth, type AuthEvent, type LockoutState } from './technician-auth';

const HASH = hashPin('13572468', { N: 1024 });

function auth(over: Partial<ConstructorParameters<typeof TechnicianAuth>[0]> = {}) {
  let clock = 1_000_000;
  let saved: LockoutState | null = null;
  const events: AuthEvent[] = [];
  const a = new TechnicianAuth({
    pinHash: HASH,
    maxFailures: 3,
    lockoutSec: 60,
    sessionIdleSec: 120,
    load: () => saved,
    save: (s) => (saved = s),
    onEvent: (e) => events.push(e),
    now: () => clock,
    ...over,
  });
  return { a, events, tick: (ms: number) => (clock += ms) };
}

describe('technician PIN and session', () => {
  it('stores only a salted hash and verifies it', () => {
    const h1 = hashPin('13572468', { N: 1024 });
    expect(h1).not.toContain('13572468');
    expect(h1).not.toBe(HASH); // a fresh salt each time
    expect(verifyPin('13572468', h1)).toBe(true);
    expect(verifyPin('13572469', h1)).toBe(false);
    expect(verifyPin('13572468', 'scrypt$garbage')).toBe(false);
    expect(pinProblem('1234')).toEqual({ problem: 'pin-format', minDigits: 6, maxDigits: 12 });
    expect(pinProblem('12345a')).toEqual({ problem: 'pin-format', minDigits: 6, maxDigits: 12 });
    expect(pinProblem('1234567890123')).toEqual({ problem: 'pin-format', minDigits: 6, maxDigits: 12 });
    expect(pinProblem('123456')).toBeNull();
    expect(pinProblem('123456789012')).toBeNull();
  });

  it('ends a session after the idle period, and touching it keeps it alive', () => {
    const { a, events, tick } = auth();
    const r = a.signIn('13572468');
    if (!r.ok) throw new Error('sign-in failed');
    tick(100_000);
    expect(a.check(r.value.token)).toBe(r.value.tag);
    tick(100_000);
    expect(a.check(r.value.token)).toBe(r.value.tag);
    // Background refreshes of an unattended screen do not keep it open.
    tick(60_000);
    expect(a.check(r.value.token, false)).toBe(r.value.tag);
    tick(61_000);
    expect(a.check(r.value.token, false)).toBeNull();
    expect(events.at(-1)).toEqual({ kind: 'signed-out', tag: r.value.tag, reason: 'idle' });
  });

  it('locks after maxFailures and opens again after lockoutSec', () => {
    const { a, tick } = auth();
    expect(a.signIn('0').ok).toBe(false);
    expect(a.signIn('1').ok).toBe(false);
    const third = a.signIn('2');
    expect(!third.ok && third.error.kind).toBe('locked');
    const refused = a.signIn('13572468');
    expect(!refused.ok && refused.error.kind).toBe('locked');
    tick(61_000);
    expect(a.signIn('13572468').ok).toBe(true);
    expect(a.lockout()).toMatchObject({ locked: false, attemptsLeft: 3 });
  });

  it('says the full number of attempts once a lockout has run out, before anyone tries again (issue 10, finding 8)', () => {
    const { a, tick } = auth();
    for (const p of ['0', '1', '2']) a.signIn(p);
    expect(a.lockout()).toMatchObject({ locked: true, attemptsLeft: 0 });
    tick(61_000);
    expect(a.lockout()).toEqual({ locked: false, lockedUntil: null, attemptsLeft: 3 });
    const wrong = a.signIn('9');
    expect(!wrong.ok && wrong.error).toMatchObject({ kind: 'wrong-pin', attemptsLeft: 2 });
  });
});
