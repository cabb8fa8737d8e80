// Staff sign-in to the help desk console: the same card number and PIN as 帮办代办 sign-in at a
// kiosk, checked by central against the same hashes and counted against the same lockout. A
// verified sign-in gets a central-signed session token (HttpOnly cookie) under a key of its own:
// a console session is no helper proof at intake, and a helper proof opens no console.
import { err, ok, type Result } from '../../common/result';
import type { HelperSignIn, HelperSignInError } from '../staff/helper-sign-in';
import { centralMac } from '../staff/central-mac';
import { issueHelperToken, verifyHelperToken } from '../staff/helper-tokens';
import type { CentralStore } from '../store';
import type { StaffRef } from './help-desk';

export const CONSOLE_COOKIE = 'central_staff';
/** A shift; the console asks for the PIN again after it. */
export const CONSOLE_SESSION_SEC = 12 * 3600;
const CONSOLE_TOKEN_KEY = 'help-console-token';
/** Stands in the token's terminal claim: no terminal may register this id (it is not a terminal id's shape). */
const CONSOLE_TID = 'help-console';

export class ConsoleSessions {
  constructor(
    private readonly store: CentralStore,
    private readonly signIn: HelperSignIn,
    private readonly now: () => number = Date.now,
  ) {}

  open(idNumber: string, pin: string): Result<{ token: string; staff: StaffRef }, HelperSignInError> {
    const r = this.signIn.checkPin(idNumber, pin);
    if (!r.ok) return err(r.error);
    const t = this.now();
    const token = issueHelperToken(centralMac(this.store, CONSOLE_TOKEN_KEY), { k: 'session', sid: r.value.staffId, tid: CONSOLE_TID, iat: t, exp: t + CONSOLE_SESSION_SEC * 1000 });
    return ok({ token, staff: { staffId: r.value.staffId, name: r.value.name } });
  }

  /** The signed-in staff member of a cookie, or null (missing, forged, expired, or the helper left). */
  check(token: string | undefined): StaffRef | null {
    if (!token) return null;
    const claims = verifyHelperToken(centralMac(this.store, CONSOLE_TOKEN_KEY), token);
    if (!claims || claims.tid !== CONSOLE_TID || claims.exp <= this.now()) return null;
    const name = this.store.activeStaffName(claims.sid);
    return name === null ? null : { staffId: claims.sid, name };
  }
}
