// Helper sign-in rules on a controlled clock, with a stand-in for central: central's answers are
// what count (no verifier here), the screen keeps its own lockout that runs out to the full count,
// offline only a card with an unexpired ticket signs in, sessions end when idle or when central's
// proof expires, one helper per screen.
import { describe, expect, it } from 'vitest';
import type { LockoutState } from '../../../common/lockout';
import type { HelperPublic } from '../../../common/staff-registry';
import type { HeldTicket } from '../../../offline-queue/helper-tickets';
import { HelperAuth, type CentralAnswer, type HelperAuthEvent, type HelperCentral } from './helper-auth';

const ID_A = '32130219860914262X';
const ID_B = '321302197902031531';
const PIN = '135790';
const HOUR = 3_600_000;
const helpers: Record<string, HelperPublic> = { [ID_A]: { staffId: 'HB-001', name: '周海燕', township: '耿车镇' }, [ID_B]: { staffId: 'HB-002', name: '孙立军', township: '耿车镇' } };
const token = (n: number) => `${'a'.repeat(20)}${n}.${'b'.repeat(43)}`;

function rig() {
  let t = 1_000_000_000;
  let online = true;
  let issued = 0;
  const pinCalls: string[] = [];
  const screen: { l: LockoutState | null } = { l: null };
  const tickets = new Map<string, HeldTicket>();
  const events: HelperAuthEvent[] = [];
  const central: HelperCentral = {
    identify: async (n): Promise<CentralAnswer<{ helper: HelperPublic; lockedUntil: string | null; attemptsLeft: number }>> => {
      if (!online) return { kind: 'unreachable', reason: 'network' };
      const h = helpers[n];
      return h ? { kind: 'ok', value: { helper: h, lockedUntil: null, attemptsLeft: 5 } } : { kind: 'unknown-card' };
    },
    signIn: async (n, pin) => {
      if (!online) return { kind: 'unreachable', reason: 'network' };
      pinCalls.push(pin);
      const h = helpers[n];
      if (!h) return { kind: 'unknown-card' };
      // central's own per-helper count is generous here, so the screen's count is what locks
      if (pin !== PIN) return { kind: 'wrong-pin', attemptsLeft: 4 };
      issued += 2;
      return {
        kind: 'ok',
        value: {
          helper: h,
          session: { token: token(issued - 1), expiresAt: new Date(t + 8 * HOUR).toISOString() },
          ticket: { token: token(issued), expiresAt: new Date(t + 10 * HOUR).toISOString() },
        },
      };
    },
  };
  const auth = new HelperAuth({
    central,
    tickets: {
      put: (n, tk) => tickets.set(n, tk),
      forCard: (n) => {
        const tk = tickets.get(n);
        return tk && Date.parse(tk.expiresAt) > t ? tk : null;
      },
    },
    maxFailures: 5,
    lockoutSec: 900,
    idleSec: 120,
    load: () => screen.l,
    save: (l) => (screen.l = l),
    onEvent: (e) => events.push(e),
    now: () => t,
  });
  return { auth, events, tickets, pinCalls, advance: (ms: number) => (t += ms), setOnline: (v: boolean) => (online = v) };
}

async function signedIn(r: ReturnType<typeof rig>, card = ID_A, pin = PIN) {
  expect((await r.auth.presentCard(card)).ok).toBe(true);
  const s = await r.auth.signIn(pin);
  if (!s.ok) throw new Error(`sign-in refused: ${s.error.kind}`);
  return s.value;
}

describe('HelperAuth (verified by central)', () => {
  it('asks central whose card it is and whether the PIN is right; keeps central’s session proof and stores the offline ticket', async () => {
    const r = rig();
    const card = await r.auth.presentCard(ID_A.toLowerCase());
    expect(card.ok && card.value).toMatchObject({ helper: { staffId: 'HB-001', name: '周海燕' }, offline: false, attemptsLeft: 5 });
    expect((await r.auth.presentCard('110101199001011237')).ok).toBe(false);
    const s = await signedIn(r);
    expect(s).toMatchObject({ mode: 'online', helper: { staffId: 'HB-001' } });
    expect(r.auth.withProof(s.token)).toMatchObject({ proof: token(1), mode: 'online' });
    expect(r.tickets.get(ID_A)?.token).toBe(token(2));
    expect(r.events).toContainEqual({ kind: 'signed-in', staffId: 'HB-001', mode: 'online' });
  });

  it('the screen locks after five wrong PINs on it; once that runs out the card step offers all five attempts again (finding 8)', async () => {
    const r = rig();
    await r.auth.presentCard(ID_A);
    for (let i = 1; i <= 4; i++) {
      const w = await r.auth.signIn('000000');
      expect(!w.ok && w.error).toMatchObject({ kind: 'wrong-pin', attemptsLeft: Math.min(4, 5 - i) });
    }
    const fifth = await r.auth.signIn('000000');
    expect(!fifth.ok && fifth.error.kind).toBe('locked');
    // Locked on this screen: the PIN is not even sent to central.
    const calls = r.pinCalls.length;
    expect((await r.auth.signIn(PIN)).ok).toBe(false);
    expect(r.pinCalls).toHaveLength(calls);
    r.advance(900_001);
    const again = await r.auth.presentCard(ID_A);
    expect(again.ok && again.value).toMatchObject({ lockedUntil: null, attemptsLeft: 5 });
    expect((await r.auth.signIn(PIN)).ok).toBe(true);
  });

  it('offline: a card with an unexpired ticket from an online sign-in here signs in without a PIN (proof = the ticket); other cards are refused; expired tickets too', async () => {
    const r = rig();
    const first = await signedIn(r);
    r.auth.signOut(first.token);
    r.setOnline(false);
    const card = await r.auth.presentCard(ID_A);
    expect(card.ok && card.value).toMatchObject({ offline: true, helper: { staffId: 'HB-001' }, ticketExpiresAt: r.tickets.get(ID_A)!.expiresAt });
    const s = await r.auth.signIn('');
    expect(s.ok && s.value).toMatchObject({ mode: 'offline', expiresAt: r.tickets.get(ID_A)!.expiresAt });
    expect(r.auth.withProof(s.ok ? s.value.token : '')).toMatchObject({ proof: token(2), mode: 'offline' });
    // The other helper never signed in here: no ticket, no sign-in.
    const other = await r.auth.presentCard(ID_B);
    expect(!other.ok && other.error.kind).toBe('offline-no-ticket');
    expect(r.events).toContainEqual({ kind: 'ticket-missing' });
    // After ten hours the ticket is gone, and the offline session with it.
    r.advance(10 * HOUR);
    expect(r.auth.check(s.ok ? s.value.token : '', false)).toBeNull();
    expect((await r.auth.presentCard(ID_A)).ok).toBe(false);
  });

  it('falls back to the ticket when central drops between the card and the PIN', async () => {
    const r = rig();
    r.auth.signOut((await signedIn(r)).token);
    await r.auth.presentCard(ID_A);
    r.setOnline(false);
    const s = await r.auth.signIn('999999');
    expect(s.ok && s.value.mode).toBe('offline');
  });

  it('ends a session when idle, and when central’s session proof expires even if kept busy', async () => {
    const r = rig();
    const s = await signedIn(r);
    r.advance(100_000);
    expect(r.auth.check(s.token)).not.toBeNull();
    r.advance(121_000);
    expect(r.auth.check(s.token)).toBeNull();
    expect(r.events).toContainEqual({ kind: 'signed-out', staffId: 'HB-001', reason: 'idle' });
    const busy = await signedIn(r);
    for (let i = 0; i < 8 * 60; i++) {
      r.advance(60_000);
      r.auth.check(busy.token);
    }
    expect(r.auth.withProof(busy.token)).toBeNull();
    expect(r.events.at(-1)).toEqual({ kind: 'signed-out', staffId: 'HB-001', reason: 'expired' });
  });

  it('one helper per screen: a new sign-in replaces the earlier session; a PIN needs a card placed just before', async () => {
    const r = rig();
    const a = await signedIn(r, ID_A);
    const b = await signedIn(r, ID_B);
    expect(r.auth.check(a.token)).toBeNull();
    expect(r.auth.check(b.token)?.staffId).toBe('HB-002');
    expect(r.events).toContainEqual({ kind: 'signed-out', staffId: 'HB-001', reason: 'replaced' });
    const none = await r.auth.signIn(PIN);
    expect(!none.ok && none.error.kind).toBe('no-card');
    await r.auth.presentCard(ID_A);
    r.advance(121_000);
    const late = await r.auth.signIn(PIN);
    expect(!late.ok && late.error.kind).toBe('no-card');
  });
});
