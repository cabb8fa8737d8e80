// Helper sign-in: the helper's own ID card on the reader identifies them against the registry
// (the number compared only with salted hashes), then a PIN proves it. Wrong PINs count per
// helper and lock that helper out for a while, kept in the store so a restart does not reset it.
// A session is separate from the citizen's (own cookie), ends on sign-out or when idle, and a
// new sign-in ends any earlier one (one screen, one helper).
import crypto from 'node:crypto';
import type { StaffMember } from '../../../common/staff-registry';
import { err, ok, type Result } from '../../../common/result';
import type { HelperLockout } from '../../../offline-queue/store/helper-tables';
import { verifyPin } from '../maintenance/pin';

export interface SignedInHelper {
  staffId: string;
  name: string;
  township: string;
}

export interface HelperAuthOptions {
  staff: () => readonly StaffMember[] | null;
  maxFailures: number;
  lockoutSec: number;
  idleSec: number;
  loadLockout: (staffId: string) => HelperLockout | null;
  saveLockout: (staffId: string, l: HelperLockout) => void;
  onEvent: (e: HelperAuthEvent) => void;
  now?: () => number;
  /** how long a matched card stays good for entering the PIN */
  cardTtlMs?: number;
}

export type HelperAuthEvent =
  | { kind: 'card-unknown' }
  | { kind: 'signed-in'; staffId: string }
  | { kind: 'pin-rejected'; staffId: string; failures: number }
  | { kind: 'locked-out'; staffId: string; until: string }
  | { kind: 'signed-out'; staffId: string; reason: 'sign-out' | 'idle' | 'replaced' | 'deactivated' };

export type CardError = { kind: 'no-registry'; message: string } | { kind: 'unknown-card'; message: string };

export type SignInError =
  | { kind: 'no-card'; message: string }
  | { kind: 'locked'; message: string; lockedUntil: string }
  | { kind: 'wrong-pin'; message: string; attemptsLeft: number };

const LOCKED = '输错次数过多，该帮办人员已被锁定，请稍后再试 / too many wrong PINs: this helper is locked out for now';

interface Session extends SignedInHelper {
  lastSeen: number;
}

export class HelperAuth {
  private readonly sessions = new Map<string, Session>();
  private pending: { staff: StaffMember; at: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly o: HelperAuthOptions) {
    this.now = o.now ?? Date.now;
  }

  get idleSec(): number {
    return this.o.idleSec;
  }

  /** Matches a card's identity number against the registry's salted hashes. */
  presentCard(identityNumber: string): Result<{ helper: SignedInHelper; lockedUntil: string | null; attemptsLeft: number }, CardError> {
    const staff = this.o.staff();
    if (!staff) return err({ kind: 'no-registry', message: '本终端尚未收到帮办人员名册，请联网后再试 / this terminal has no staff registry yet' });
    const n = identityNumber.trim().toUpperCase();
    const match = staff.find((s) => s.active && verifyPin(n, s.idNumberHash));
    if (!match) {
      this.pending = null;
      this.o.onEvent({ kind: 'card-unknown' });
      return err({ kind: 'unknown-card', message: '此卡不是已登记的帮办人员证件 / this card is not a registered helper’s card' });
    }
    this.pending = { staff: match, at: this.now() };
    return ok({ helper: pick(match), ...this.lockoutOf(match.staffId) });
  }

  private lockoutOf(staffId: string): { lockedUntil: string | null; attemptsLeft: number } {
    const l = this.o.loadLockout(staffId) ?? { failures: 0, lockedUntil: 0 };
    const locked = l.lockedUntil > this.now();
    const failures = !locked && l.failures >= this.o.maxFailures ? 0 : l.failures;
    return { lockedUntil: locked ? new Date(l.lockedUntil).toISOString() : null, attemptsLeft: Math.max(0, this.o.maxFailures - failures) };
  }

  /** The PIN of the helper whose card was matched last. */
  signIn(pin: string): Result<{ token: string; helper: SignedInHelper }, SignInError> {
    const t = this.now();
    const p = this.pending;
    if (!p || t - p.at > (this.o.cardTtlMs ?? 120_000)) return err({ kind: 'no-card', message: '请先将帮办人员本人证件放在读卡区 / place the helper’s own card on the reader first' });
    const id = p.staff.staffId;
    let l = this.o.loadLockout(id) ?? { failures: 0, lockedUntil: 0 };
    if (l.lockedUntil > t) return err({ kind: 'locked', message: LOCKED, lockedUntil: new Date(l.lockedUntil).toISOString() });
    // A lockout that ran out starts the count afresh.
    if (l.failures >= this.o.maxFailures) l = { failures: 0, lockedUntil: 0 };
    if (!/^\d{6,12}$/.test(pin) || !verifyPin(pin, p.staff.pinHash)) {
      const failures = l.failures + 1;
      const lockedUntil = failures >= this.o.maxFailures ? t + this.o.lockoutSec * 1000 : 0;
      this.o.saveLockout(id, { failures, lockedUntil });
      this.o.onEvent({ kind: 'pin-rejected', staffId: id, failures });
      if (lockedUntil) {
        const until = new Date(lockedUntil).toISOString();
        this.o.onEvent({ kind: 'locked-out', staffId: id, until });
        return err({ kind: 'locked', message: LOCKED, lockedUntil: until });
      }
      return err({ kind: 'wrong-pin', message: `密码不正确，还可尝试 ${this.o.maxFailures - failures} 次 / wrong PIN, ${this.o.maxFailures - failures} tries left`, attemptsLeft: this.o.maxFailures - failures });
    }
    this.o.saveLockout(id, { failures: 0, lockedUntil: 0 });
    this.pending = null;
    for (const [tok, s] of this.sessions) {
      this.sessions.delete(tok);
      this.o.onEvent({ kind: 'signed-out', staffId: s.staffId, reason: 'replaced' });
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const helper = pick(p.staff);
    this.sessions.set(token, { ...helper, lastSeen: t });
    this.o.onEvent({ kind: 'signed-in', staffId: id });
    return ok({ token, helper });
  }

  /** The helper of a live session; touching it restarts the idle clock. */
  check(token: string | undefined, touch = true): SignedInHelper | null {
    this.expireIdle();
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (touch) s.lastSeen = this.now();
    return pick(s);
  }

  signOut(token: string | undefined, reason: 'sign-out' | 'idle' = 'sign-out'): void {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s || !token) return;
    this.sessions.delete(token);
    this.o.onEvent({ kind: 'signed-out', staffId: s.staffId, reason });
  }

  /** Ends sessions gone idle, and those of helpers central has since deactivated or removed. */
  expireIdle(): void {
    const t = this.now();
    const staff = this.o.staff();
    for (const [token, s] of this.sessions) {
      const idle = t - s.lastSeen > this.o.idleSec * 1000;
      const gone = staff !== null && !staff.some((m) => m.staffId === s.staffId && m.active);
      if (idle || gone) {
        this.sessions.delete(token);
        this.o.onEvent({ kind: 'signed-out', staffId: s.staffId, reason: idle ? 'idle' : 'deactivated' });
      }
    }
  }
}

function pick(s: SignedInHelper): SignedInHelper {
  return { staffId: s.staffId, name: s.name, township: s.township };
}
