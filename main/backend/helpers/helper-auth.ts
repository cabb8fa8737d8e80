// Helper sign-in, verified by central (issue 10, finding 3): the helper's own ID card on the
// reader is identified by central, the PIN is checked by central, and wrong PINs count per helper
// at central. This terminal keeps no verifier of any kind; it keeps its own count of wrong PINs on
// this screen (a second lockout, surviving a restart) and, per helper who signed in here online,
// the sealed offline ticket central issued.
//
// Offline (central unreachable): a helper whose card matches an unexpired ticket on this terminal
// signs in with the card alone — the PIN cannot be checked without a verifier, and none may be
// here. What bounds that: the ticket exists only after that helper's PIN was verified by central
// on this terminal within the last HELPER_TICKET_SEC (10 h), is bound to this terminal, and is
// re-checked by central at intake; every such sign-in is audited with mode "offline".
//
// A session is separate from the citizen's (own cookie), ends on sign-out, when idle, or when
// central's proof expires; a new sign-in ends any earlier one (one screen, one helper).
import crypto from 'node:crypto';
import { afterFailure, current, NO_FAILURES, viewOf, type LockoutPolicy, type StoredLockout } from '../../../common/lockout';
import { err, ok, type Result } from '../../../common/result';
import type { HelperPublic, HelperSignInResponse } from '../../../common/staff-registry';
import type { HeldTicket } from '../../../offline-queue/helper-tickets';

export type SignedInHelper = HelperPublic;

/** What central answered, or that it could not be asked. */
export type CentralAnswer<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'unknown-card' }
  | { kind: 'wrong-pin'; attemptsLeft: number }
  | { kind: 'locked'; lockedUntil: string }
  | { kind: 'unreachable'; reason: string }
  /** central answered, but not with anything this build understands: no sign-in, and no offline fallback either */
  | { kind: 'refused'; reason: string };

export interface HelperCentral {
  identify(idNumber: string): Promise<CentralAnswer<{ helper: HelperPublic; lockedUntil: string | null; attemptsLeft: number }>>;
  signIn(idNumber: string, pin: string): Promise<CentralAnswer<HelperSignInResponse>>;
}

export interface HelperTicketStore {
  put(idNumber: string, t: HeldTicket): void;
  forCard(idNumber: string): HeldTicket | null;
}

/** The lockout is this screen's own (the per-helper one is central's). */
export interface HelperAuthOptions extends StoredLockout {
  central: HelperCentral;
  tickets: HelperTicketStore;
  idleSec: number;
  onEvent: (e: HelperAuthEvent) => void;
  now?: () => number;
  /** how long a matched card stays good for entering the PIN */
  cardTtlMs?: number;
}

export type HelperAuthEvent =
  | { kind: 'card-unknown' }
  | { kind: 'central-unreachable'; reason: string }
  | { kind: 'ticket-missing' }
  | { kind: 'signed-in'; staffId: string; mode: 'online' | 'offline' }
  | { kind: 'pin-rejected'; staffId: string; attemptsLeft: number; screenFailures: number }
  | { kind: 'locked-out'; staffId: string; until: string; scope: 'helper' | 'screen' }
  | { kind: 'signed-out'; staffId: string; reason: 'sign-out' | 'idle' | 'replaced' | 'expired' };

// Codes with their parameters; the renderer words them (areas helperCard and helperSignIn).
/** `reason`: central's own reason for refusing the request. */
export type CardError = { kind: 'unknown-card' } | { kind: 'offline-no-ticket' } | { kind: 'refused'; reason: string };

/** `scope`: this helper is locked at central, or this screen paused sign-in after too many wrong PINs. */
export type SignInError = CardError | { kind: 'no-card' } | { kind: 'locked'; scope: 'helper' | 'screen'; lockedUntil: string } | { kind: 'wrong-pin'; attemptsLeft: number };

export interface CardOutcome {
  helper: SignedInHelper;
  lockedUntil: string | null;
  attemptsLeft: number;
  /** central unreachable: the card plus this terminal's ticket signs in, no PIN (until ticketExpiresAt) */
  offline: boolean;
  ticketExpiresAt: string | null;
}

const UNKNOWN: CardError = { kind: 'unknown-card' };
const refused = (reason: string) => ({ kind: 'refused', reason }) as const;
const NO_TICKET: CardError = { kind: 'offline-no-ticket' };
const screenLocked = (lockedUntil: string) => ({ kind: 'locked', scope: 'screen', lockedUntil }) as const;

interface Pending {
  idNumber: string;
  helper: SignedInHelper;
  at: number;
  ticket: HeldTicket | null;
}

interface Session {
  helper: SignedInHelper;
  proof: string;
  expiresAt: number;
  mode: 'online' | 'offline';
  lastSeen: number;
}

export class HelperAuth {
  private readonly sessions = new Map<string, Session>();
  private pending: Pending | null = null;
  private readonly now: () => number;

  constructor(private readonly o: HelperAuthOptions) {
    this.now = o.now ?? Date.now;
  }

  get idleSec(): number {
    return this.o.idleSec;
  }

  private get policy(): LockoutPolicy {
    return { maxFailures: this.o.maxFailures, lockoutSec: this.o.lockoutSec };
  }

  /** Central names the helper whose card this is; offline, this terminal's ticket does. */
  async presentCard(identityNumber: string): Promise<Result<CardOutcome, CardError>> {
    const n = identityNumber.trim().toUpperCase();
    this.pending = null;
    const screen = viewOf(this.o.load(), this.policy, this.now());
    const a = await this.o.central.identify(n);
    if (a.kind === 'ok') {
      this.pending = { idNumber: n, helper: a.value.helper, at: this.now(), ticket: null };
      const lockedUntil =
        [a.value.lockedUntil, screen.lockedUntil]
          .filter((x): x is string => x !== null)
          .sort()
          .at(-1) ?? null;
      return ok({ helper: a.value.helper, lockedUntil, attemptsLeft: Math.min(a.value.attemptsLeft, screen.attemptsLeft), offline: false, ticketExpiresAt: null });
    }
    if (a.kind === 'unreachable') return this.offlineCard(n, a.reason);
    if (a.kind === 'refused') return err(refused(a.reason));
    this.o.onEvent({ kind: 'card-unknown' });
    return err(UNKNOWN);
  }

  private offlineCard(n: string, reason: string): Result<CardOutcome, CardError> {
    this.o.onEvent({ kind: 'central-unreachable', reason });
    const ticket = this.o.tickets.forCard(n);
    if (!ticket) {
      this.o.onEvent({ kind: 'ticket-missing' });
      return err(NO_TICKET);
    }
    this.pending = { idNumber: n, helper: ticket.helper, at: this.now(), ticket };
    return ok({ helper: ticket.helper, lockedUntil: null, attemptsLeft: this.o.maxFailures, offline: true, ticketExpiresAt: ticket.expiresAt });
  }

  /**
   * The PIN of the helper whose card was placed last, verified by central. When central cannot
   * be reached — at the card or now — an unexpired ticket for that card signs in without a PIN.
   */
  async signIn(pin: string): Promise<Result<{ token: string; helper: SignedInHelper; mode: 'online' | 'offline'; expiresAt: string }, SignInError>> {
    const t = this.now();
    const p = this.pending;
    if (!p || t - p.at > (this.o.cardTtlMs ?? 120_000)) return err({ kind: 'no-card' });
    if (p.ticket) return ok(this.open(p.helper, p.ticket.token, Date.parse(p.ticket.expiresAt), 'offline'));

    const screen = current(this.o.load(), this.policy, t);
    if (screen.lockedUntil > t) return err(screenLocked(new Date(screen.lockedUntil).toISOString()));
    const id = p.helper.staffId;
    const a = await this.o.central.signIn(p.idNumber, pin);
    switch (a.kind) {
      case 'ok': {
        this.o.save(NO_FAILURES);
        this.o.tickets.put(p.idNumber, { helper: a.value.helper, token: a.value.ticket.token, expiresAt: a.value.ticket.expiresAt });
        return ok(this.open(a.value.helper, a.value.session.token, Date.parse(a.value.session.expiresAt), 'online'));
      }
      case 'wrong-pin': {
        const f = afterFailure(screen, this.policy, t);
        this.o.save(f.state);
        this.o.onEvent({ kind: 'pin-rejected', staffId: id, attemptsLeft: a.attemptsLeft, screenFailures: f.state.failures });
        if (f.view.locked) {
          this.o.onEvent({ kind: 'locked-out', staffId: id, until: f.view.lockedUntil!, scope: 'screen' });
          return err(screenLocked(f.view.lockedUntil!));
        }
        const left = Math.min(a.attemptsLeft, f.view.attemptsLeft);
        return err({ kind: 'wrong-pin', attemptsLeft: left });
      }
      case 'locked':
        this.o.onEvent({ kind: 'locked-out', staffId: id, until: a.lockedUntil, scope: 'helper' });
        return err({ kind: 'locked', scope: 'helper', lockedUntil: a.lockedUntil });
      case 'unknown-card':
        this.pending = null;
        return err(UNKNOWN);
      case 'refused':
        return err(refused(a.reason));
      // Only a central that cannot be reached lets the ticket stand in — never one that said no.
      case 'unreachable': {
        const card = this.offlineCard(p.idNumber, a.reason);
        if (!card.ok) return err(card.error);
        const ticket = this.pending!.ticket!;
        return ok(this.open(ticket.helper, ticket.token, Date.parse(ticket.expiresAt), 'offline'));
      }
    }
  }

  private open(helper: SignedInHelper, proof: string, expiresAt: number, mode: 'online' | 'offline') {
    this.pending = null;
    for (const [tok, s] of this.sessions) {
      this.sessions.delete(tok);
      this.o.onEvent({ kind: 'signed-out', staffId: s.helper.staffId, reason: 'replaced' });
    }
    const token = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(token, { helper: pick(helper), proof, expiresAt, mode, lastSeen: this.now() });
    this.o.onEvent({ kind: 'signed-in', staffId: helper.staffId, mode });
    return { token, helper: pick(helper), mode, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The helper of a live session; touching it restarts the idle clock. */
  check(token: string | undefined, touch = true): SignedInHelper | null {
    return this.session(token, touch)?.helper ?? null;
  }

  /** The helper of a live session with central's proof, for a submission made now. */
  withProof(token: string | undefined): { helper: SignedInHelper; proof: string; mode: 'online' | 'offline' } | null {
    const s = this.session(token, true);
    return s ? { helper: s.helper, proof: s.proof, mode: s.mode } : null;
  }

  private session(token: string | undefined, touch: boolean): Session | null {
    this.expireIdle();
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (touch) s.lastSeen = this.now();
    return s;
  }

  signOut(token: string | undefined, reason: 'sign-out' | 'idle' = 'sign-out'): void {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s || !token) return;
    this.sessions.delete(token);
    this.o.onEvent({ kind: 'signed-out', staffId: s.helper.staffId, reason });
  }

  /** Ends sessions gone idle, and those whose proof from central has expired (central would refuse their submissions). */
  expireIdle(): void {
    const t = this.now();
    for (const [token, s] of this.sessions) {
      const idle = t - s.lastSeen > this.o.idleSec * 1000;
      const expired = t >= s.expiresAt;
      if (idle || expired) {
        this.sessions.delete(token);
        this.o.onEvent({ kind: 'signed-out', staffId: s.helper.staffId, reason: idle ? 'idle' : 'expired' });
      }
    }
  }
}

function pick(s: SignedInHelper): SignedInHelper {
  return { staffId: s.staffId, name: s.name, township: s.township };
}
