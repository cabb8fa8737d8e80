// Technician sign-in: PIN against the scrypt hash in config, lockout after repeated failures
// (kept in the store, so power-cycling the kiosk does not reset it), and sessions separate from
// the citizen's that end after an idle period.
import crypto from 'node:crypto';
import { afterFailure, current, NO_FAILURES, viewOf, type LockoutState, type StoredLockout } from '../../../common/lockout';
import { err, ok, type Result } from '../../../common/result';
import { verifyPin } from './pin';

export type { LockoutState };

export interface TechnicianAuthOptions extends StoredLockout {
  pinHash: string | null;
  sessionIdleSec: number;
  onEvent: (e: AuthEvent) => void;
  now?: () => number;
}

export type AuthEvent =
  | { kind: 'signed-in'; tag: string }
  | { kind: 'pin-rejected'; failures: number }
  | { kind: 'locked-out'; until: string }
  | { kind: 'refused-while-locked'; until: string }
  | { kind: 'signed-out'; tag: string; reason: 'sign-out' | 'idle' };

/** Codes with their parameters: the PIN pad words them (renderer/src/maintenance/PinPad.tsx). */
export type SignInError = { kind: 'not-configured' } | { kind: 'locked'; lockedUntil: string } | { kind: 'wrong-pin'; attemptsLeft: number };

interface Session {
  tag: string;
  lastSeen: number;
}

export class TechnicianAuth {
  private readonly sessions = new Map<string, Session>();
  private state: LockoutState;
  private readonly now: () => number;

  constructor(private readonly o: TechnicianAuthOptions) {
    this.now = o.now ?? (() => Date.now());
    this.state = o.load() ?? { failures: 0, lockedUntil: 0 };
  }

  get idleMs(): number {
    return this.o.sessionIdleSec * 1000;
  }

  private get policy() {
    return { maxFailures: this.o.maxFailures, lockoutSec: this.o.lockoutSec };
  }

  lockout(): { locked: boolean; lockedUntil: string | null; attemptsLeft: number } {
    return viewOf(this.state, this.policy, this.now());
  }

  signIn(pin: string): Result<{ token: string; tag: string; idleSec: number }, SignInError> {
    if (!this.o.pinHash) return err({ kind: 'not-configured' });
    const t = this.now();
    this.state = current(this.state, this.policy, t);
    if (this.state.lockedUntil > t) {
      this.o.onEvent({ kind: 'refused-while-locked', until: new Date(this.state.lockedUntil).toISOString() });
      return err({ kind: 'locked', lockedUntil: new Date(this.state.lockedUntil).toISOString() });
    }
    if (!verifyPin(pin, this.o.pinHash)) {
      const { state, view } = afterFailure(this.state, this.policy, t);
      this.state = state;
      this.o.save(state);
      this.o.onEvent({ kind: 'pin-rejected', failures: state.failures });
      if (view.locked) {
        this.o.onEvent({ kind: 'locked-out', until: view.lockedUntil! });
        return err({ kind: 'locked', lockedUntil: view.lockedUntil! });
      }
      return err({ kind: 'wrong-pin', attemptsLeft: view.attemptsLeft });
    }
    this.state = NO_FAILURES;
    this.o.save(this.state);
    const token = crypto.randomBytes(32).toString('base64url');
    // The tag names the session in audit lines without revealing the token.
    const tag = `T-${crypto.createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
    this.sessions.set(token, { tag, lastSeen: t });
    this.o.onEvent({ kind: 'signed-in', tag });
    return ok({ token, tag, idleSec: this.o.sessionIdleSec });
  }

  /**
   * The session's tag if the token is live. A technician's own request restarts the idle clock;
   * the screen's background refreshes (`touch: false`) do not, so an unattended screen still ends.
   */
  check(token: string | undefined, touch = true): string | null {
    this.expireIdle();
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (touch) s.lastSeen = this.now();
    return s.tag;
  }

  signOut(token: string | undefined): void {
    if (!token) return;
    const s = this.sessions.get(token);
    if (!s) return;
    this.sessions.delete(token);
    this.o.onEvent({ kind: 'signed-out', tag: s.tag, reason: 'sign-out' });
  }

  expireIdle(): void {
    const t = this.now();
    for (const [token, s] of this.sessions) {
      if (t - s.lastSeen > this.idleMs) {
        this.sessions.delete(token);
        this.o.onEvent({ kind: 'signed-out', tag: s.tag, reason: 'idle' });
      }
    }
  }
}
