// 帮办代办 sign-in as the helper screen drives it: the helper's own card at the reader (checked
// with central, or this terminal's offline ticket); the PIN that follows is HelperAuth.signIn. The helper's card is not a
// citizen's: once it is recognised, the citizen session ends so that nothing of the person who
// used the screen before (nor the helper's own card) prefills or opens anything.
import { err, ok, type Result } from '../../../common/result';
import type { CitizenSession } from '../citizen/citizen-session';
import type { CardError } from './helper-auth';
import type { HelperServices } from './services';

export type CardAtReaderRefusal = CardError | { kind: 'timeout' };

export interface CardAtReader {
  helper: { name: string; staffId: string };
  lockedUntil: string | null;
  attemptsLeft: number;
  offline: boolean;
  ticketExpiresAt: string | null;
}

/** Waits up to `waitMs` for the helper's card and asks who it belongs to. */
export async function helperCardAtReader(helpers: HelperServices, citizen: Pick<CitizenSession, 'end'>, waitMs: number, signal: AbortSignal): Promise<Result<CardAtReader, CardAtReaderRefusal>> {
  const n = await helpers.cards.next(waitMs, signal);
  if (n === null || signal.aborted) return err({ kind: 'timeout' });
  const r = await helpers.auth.presentCard(n);
  if (!r.ok) return r;
  citizen.end('helper-card');
  const v = r.value;
  return ok({ helper: { name: v.helper.name, staffId: v.helper.staffId }, lockedUntil: v.lockedUntil, attemptsLeft: v.attemptsLeft, offline: v.offline, ticketExpiresAt: v.ticketExpiresAt });
}
