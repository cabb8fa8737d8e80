// Helper sign-in at central: the card number read at a kiosk names the helper (matched against
// the salted hashes only central holds), the PIN is checked here, and wrong PINs count per helper
// at central — whichever terminal they come from — up to a lockout. A verified sign-in earns a
// session proof and an offline ticket, both bound to the helper and the terminal.
import { afterFailure, current, NO_FAILURES, viewOf, type LockoutPolicy } from '../../common/lockout';
import { err, ok, type Result } from '../../common/result';
import type { HelperPublic, HelperSignInResponse, StaffMember } from '../../common/staff-registry';
import type { CentralStore } from '../store';
import { centralMac, type MacAlg } from './central-mac';
import { issueHelperToken } from './helper-tokens';
import { normaliseIdNumber, verifyScrypt } from './staff-hash';

export const HELPER_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockoutSec: 900 };
/** A working day: a kiosk ends the helper's screen session sooner (idle), never later. */
export const HELPER_SESSION_SEC = 8 * 3600;
/** How long a helper may sign in on the same terminal with the card alone while central is unreachable. */
export const HELPER_TICKET_SEC = 10 * 3600;
export const HELPER_TOKEN_KEY = 'helper-token';
const ID_LOOKUP_KEY = 'staff-id-lookup';

/**
 * Keyed MAC of a card number: finds a helper's row without trying every scrypt hash (one scrypt
 * per sign-in, not one per helper). In central's suite; `alg` for the one it used before a switch.
 */
export function staffIdLookup(store: CentralStore, idNumber: string, alg?: MacAlg): string {
  const m = centralMac(store, ID_LOOKUP_KEY);
  return m.mac(alg ?? m.alg, normaliseIdNumber(idNumber)).toString('base64url');
}

export type HelperSignInError = { kind: 'unknown-card'; message: string } | { kind: 'locked'; message: string; lockedUntil: string } | { kind: 'wrong-pin'; message: string; attemptsLeft: number };

const UNKNOWN: HelperSignInError = { kind: 'unknown-card', message: '此卡不是已登记的帮办人员证件 / this card is not a registered helper’s card' };
const LOCKED = '输错次数过多，该帮办人员已被锁定，请稍后再试 / too many wrong PINs: this helper is locked out for now';

const pub = (s: StaffMember): HelperPublic => ({ staffId: s.staffId, name: s.name, township: s.township });

export class HelperSignIn {
  constructor(
    private readonly store: CentralStore,
    private readonly now: () => number = Date.now,
    private readonly policy: LockoutPolicy = HELPER_LOCKOUT,
  ) {}

  private byCard(idNumber: string): StaffMember | null {
    const n = normaliseIdNumber(idNumber);
    const lookup = staffIdLookup(this.store, n);
    // a helper enrolled before central switched suite is found by the lookup made then
    const match =
      this.store.activeStaff(lookup).find((s) => verifyScrypt(n, s.idNumberHash)) ??
      this.store.activeStaff(staffIdLookup(this.store, n, centralMac(this.store, ID_LOOKUP_KEY).previous)).find((s) => verifyScrypt(n, s.idNumberHash)) ??
      null;
    // a helper enrolled before the lookup existed, or before the switch, gets the current one now
    if (match) this.store.setStaffIdLookup(match.staffId, lookup);
    return match;
  }

  identify(idNumber: string): Result<{ helper: HelperPublic; lockedUntil: string | null; attemptsLeft: number }, HelperSignInError> {
    const s = this.byCard(idNumber);
    if (!s) return err(UNKNOWN);
    const v = viewOf(this.store.staffLockout(s.staffId), this.policy, this.now());
    return ok({ helper: pub(s), lockedUntil: v.lockedUntil, attemptsLeft: v.attemptsLeft });
  }

  /**
   * Card and PIN of an active helper, counted against the helper's lockout wherever they are
   * typed (a kiosk's PIN pad or the help desk console at the hall).
   */
  checkPin(idNumber: string, pin: string): Result<StaffMember, HelperSignInError> {
    const s = this.byCard(idNumber);
    if (!s) return err(UNKNOWN);
    const t = this.now();
    const state = current(this.store.staffLockout(s.staffId), this.policy, t);
    if (state.lockedUntil > t) return err({ kind: 'locked', message: LOCKED, lockedUntil: new Date(state.lockedUntil).toISOString() });
    if (!/^\d{6,12}$/.test(pin) || !verifyScrypt(pin, s.pinHash)) {
      const f = afterFailure(state, this.policy, t);
      this.store.setStaffLockout(s.staffId, f.state);
      if (f.view.locked) return err({ kind: 'locked', message: LOCKED, lockedUntil: f.view.lockedUntil! });
      return err({ kind: 'wrong-pin', message: `密码不正确，还可尝试 ${f.view.attemptsLeft} 次 / wrong PIN, ${f.view.attemptsLeft} tries left`, attemptsLeft: f.view.attemptsLeft });
    }
    this.store.setStaffLockout(s.staffId, NO_FAILURES);
    return ok(s);
  }

  signIn(terminalId: string, idNumber: string, pin: string): Result<HelperSignInResponse, HelperSignInError> {
    const checked = this.checkPin(idNumber, pin);
    if (!checked.ok) return checked;
    const s = checked.value;
    const t = this.now();
    const key = centralMac(this.store, HELPER_TOKEN_KEY);
    const issue = (k: 'session' | 'offline', sec: number) => {
      const exp = t + sec * 1000;
      return { token: issueHelperToken(key, { k, sid: s.staffId, tid: terminalId, iat: t, exp }), expiresAt: new Date(exp).toISOString() };
    };
    return ok({ helper: pub(s), session: issue('session', HELPER_SESSION_SEC), ticket: issue('offline', HELPER_TICKET_SEC) });
  }
}
