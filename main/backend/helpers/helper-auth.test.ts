// Helper sign-in rules on a controlled clock: idle sign-out, a lockout that runs out starts the
// count afresh, inactive helpers refused, one helper per screen.
import { describe, expect, it } from 'vitest';
import { hashPin } from '../maintenance/pin';
import type { StaffMember } from '../../../common/staff-registry';
import type { HelperLockout } from '../../../offline-queue/store/helper-tables';
import { HelperAuth, type HelperAuthEvent } from './helper-auth';

const ID_A = '32130219860914262X';
const ID_B = '321302197902031531';
const staff = (id: string, number: string, active = true): StaffMember => ({
  staffId: id,
  name: `帮办${id}`,
  township: '耿车镇',
  idNumberHash: hashPin(number, { N: 1024 }),
  pinHash: hashPin('135790', { N: 1024 }),
  active,
});

function rig(list: StaffMember[] = [staff('HB-001', ID_A), staff('HB-002', ID_B, false)]) {
  let t = 1_000_000;
  const lockouts = new Map<string, HelperLockout>();
  const events: HelperAuthEvent[] = [];
  const auth = new HelperAuth({
    staff: () => list,
    maxFailures: 5,
    lockoutSec: 900,
    idleSec: 120,
    loadLockout: (id) => lockouts.get(id) ?? null,
    saveLockout: (id, l) => lockouts.set(id, l),
    onEvent: (e) => events.push(e),
    now: () => t,
  });
  return { auth, events, advance: (ms: number) => (t += ms) };
}

describe('HelperAuth', () => {
  it('matches the card case-insensitively (final x) and refuses an inactive helper’s card', () => {
    const { auth } = rig();
    expect(auth.presentCard(ID_A.toLowerCase()).ok).toBe(true);
    const r = auth.presentCard(ID_B);
    expect(r.ok).toBe(false);
  });

  it('signs the helper out after the idle time without requests, and a request restarts the clock', () => {
    const { auth, events, advance } = rig();
    auth.presentCard(ID_A);
    const s = auth.signIn('135790');
    if (!s.ok) throw new Error(s.error.message);
    advance(100_000);
    expect(auth.check(s.value.token)?.staffId).toBe('HB-001');
    advance(100_000);
    expect(auth.check(s.value.token)?.staffId).toBe('HB-001');
    advance(121_000);
    expect(auth.check(s.value.token)).toBeNull();
    expect(events).toContainEqual({ kind: 'signed-out', staffId: 'HB-001', reason: 'idle' });
  });

  it('after a lockout runs out, the count starts again from zero', () => {
    const { auth, advance } = rig();
    auth.presentCard(ID_A);
    for (let i = 0; i < 5; i++) auth.signIn('000000');
    const locked = auth.signIn('135790');
    expect(!locked.ok && locked.error.kind).toBe('locked');
    advance(901_000);
    auth.presentCard(ID_A);
    const wrong = auth.signIn('000000');
    expect(!wrong.ok && wrong.error.kind === 'wrong-pin' && wrong.error.attemptsLeft).toBe(4);
    expect(auth.signIn('135790').ok).toBe(true);
  });

  it('ends the session of a helper central deactivated since', () => {
    const list = [staff('HB-001', ID_A)];
    const { auth, events } = rig(list);
    auth.presentCard(ID_A);
    const s = auth.signIn('135790');
    if (!s.ok) throw new Error(s.error.message);
    list[0] = { ...list[0]!, active: false };
    expect(auth.check(s.value.token)).toBeNull();
    expect(events).toContainEqual({ kind: 'signed-out', staffId: 'HB-001', reason: 'deactivated' });
  });

  it('a PIN entered too long after the card was read asks for the card again', () => {
    const { auth, advance } = rig();
    auth.presentCard(ID_A);
    advance(121_000);
    const r = auth.signIn('135790');
    expect(!r.ok && r.error.kind).toBe('no-card');
  });
});
