// The hall's help desk at central: the queue of 远程帮办 video calls, their signalling, callbacks
// for calls nobody could take, and the 呼叫帮助 notices. A call belongs to the terminal that
// placed it and, once answered, to the staff member who answered it: anybody else asking about
// it gets the same "no such call" as for an id that never existed. Signalling messages live in
// memory only for as long as the call does; the durable part is the session log in help_calls.
import crypto from 'node:crypto';
import type { HelpCallState, HelpCallStatus, HelpScreen, HelpSignal, HelpSignalList, IceConfig } from '../../common/help-desk';
import { err, ok, type Result } from '../../common/result';
import type { CentralStore, HelpCallRow } from '../store';
import { iceConfigFor, type TurnConfig } from './turn-credentials';
import { estimateWaitSec } from './wait-estimate';

export type HelpSide = 'kiosk' | 'staff';
export type HelpDeskError = { kind: 'not-found'; message: string } | { kind: 'not-waiting'; message: string } | { kind: 'over'; message: string } | { kind: 'too-many-signals'; message: string };

const NOT_FOUND: HelpDeskError = { kind: 'not-found', message: '无此呼叫 / no such call' };
const OVER: HelpDeskError = { kind: 'over', message: '呼叫已结束 / the call is over' };

/** A call nobody answered within this time is missed; the citizen is offered a callback. */
export const HELP_MAX_WAIT_SEC = 300;
/** A staff member counts as on duty while their console has asked within this time. */
export const STAFF_PRESENCE_SEC = 30;
/** How long a callback number is kept when nobody calls back. */
export const CALLBACK_KEEP_SEC = 3 * 24 * 3600;
const MAX_SIGNALS_PER_CALL = 200;

interface Channel {
  seq: number;
  signals: { seq: number; from: HelpSide; signal: HelpSignal }[];
}

const newId = () => crypto.randomBytes(16).toString('base64url');

export interface StaffRef {
  staffId: string;
  name: string;
}

export class HelpDesk {
  private readonly channels = new Map<string, Channel>();
  private readonly staffSeen = new Map<string, { name: string; at: number }>();

  constructor(
    private readonly store: CentralStore,
    private readonly turn: TurnConfig | null,
    private readonly now: () => number = Date.now,
  ) {}

  // ── presence ────────────────────────────────────────────────────────────────────────────────

  staffPresent(staff: StaffRef): void {
    this.staffSeen.set(staff.staffId, { name: staff.name, at: this.now() });
  }

  staffOnDuty(): number {
    const since = this.now() - STAFF_PRESENCE_SEC * 1000;
    return [...this.staffSeen.values()].filter((s) => s.at >= since).length;
  }

  private staffName(staffId: string | null): string | null {
    return staffId ? (this.staffSeen.get(staffId)?.name ?? staffId) : null;
  }

  // ── the kiosk's side ────────────────────────────────────────────────────────────────────────

  startCall(terminalId: string, screen: HelpScreen): HelpCallStatus & { ice: IceConfig } {
    this.expireWaiting();
    const callId = newId();
    const t = this.now();
    this.store.insertHelpCall(callId, terminalId, JSON.stringify(screen), t);
    this.channels.set(callId, { seq: 0, signals: [] });
    return { ...this.statusOf(this.store.helpCall(callId)!), ice: iceConfigFor(this.turn, terminalId, t) };
  }

  /** The call as its own terminal sees it; any other terminal gets not-found. */
  callOfTerminal(terminalId: string, callId: string): Result<HelpCallStatus, HelpDeskError> {
    this.expireWaiting();
    const row = this.store.helpCall(callId);
    if (!row || row.terminalId !== terminalId) return err(NOT_FOUND);
    return ok(this.statusOf(row));
  }

  leaveCallback(terminalId: string, callId: string, phone: string): Result<{ callbackBy: string }, HelpDeskError> {
    this.expireWaiting();
    const row = this.store.helpCall(callId);
    if (!row || row.terminalId !== terminalId) return err(NOT_FOUND);
    // A citizen who was talked through already has been helped; a callback is for calls nobody took.
    if (row.state === 'answered' || (row.state === 'ended' && row.answeredAt !== null)) return err({ kind: 'not-waiting', message: '此呼叫已有人接听 / this call was answered' });
    const t = this.now();
    if (row.state === 'waiting') this.end(callId, 'no-answer');
    const expires = t + CALLBACK_KEEP_SEC * 1000;
    this.store.insertHelpCallback(callId, terminalId, phone, t, expires);
    return ok({ callbackBy: new Date(expires).toISOString() });
  }

  requestHelp(terminalId: string, screen: HelpScreen, waitingSec: number): { noticeId: string; staffOnDuty: number } {
    const noticeId = newId();
    this.store.insertHelpNotice({ noticeId, terminalId, screen: JSON.stringify(screen), waitingSec, createdAt: this.now() });
    return { noticeId, staffOnDuty: this.staffOnDuty() };
  }

  // ── the staff member's side ─────────────────────────────────────────────────────────────────

  queue(): { callId: string; terminalId: string; screen: HelpScreen; waitedSec: number; position: number }[] {
    this.expireWaiting();
    const t = this.now();
    return this.store.waitingHelpCalls().map((r, i) => ({
      callId: r.callId,
      terminalId: r.terminalId,
      screen: JSON.parse(r.screen) as HelpScreen,
      waitedSec: Math.max(0, Math.round((t - r.createdAt) / 1000)),
      position: i + 1,
    }));
  }

  answer(staff: StaffRef, callId: string): Result<{ callId: string; terminalId: string; screen: HelpScreen; ice: IceConfig }, HelpDeskError> {
    this.expireWaiting();
    const row = this.store.helpCall(callId);
    if (!row) return err(NOT_FOUND);
    if (!this.store.answerHelpCall(callId, staff.staffId, this.now())) return err({ kind: 'not-waiting', message: '此呼叫已被接听或已结束 / this call was taken or is over' });
    return ok({ callId, terminalId: row.terminalId, screen: JSON.parse(row.screen) as HelpScreen, ice: iceConfigFor(this.turn, staff.staffId, this.now()) });
  }

  /** The call as the staff member who answered it sees it; anybody else gets not-found. */
  private callOfStaff(staffId: string, callId: string): Result<HelpCallRow, HelpDeskError> {
    const row = this.store.helpCall(callId);
    if (!row || row.staffId !== staffId) return err(NOT_FOUND);
    return ok(row);
  }

  // ── signalling, either side ─────────────────────────────────────────────────────────────────

  private owned(side: HelpSide, who: string, callId: string): Result<HelpCallRow, HelpDeskError> {
    if (side === 'staff') return this.callOfStaff(who, callId);
    const row = this.store.helpCall(callId);
    return row && row.terminalId === who ? ok(row) : err(NOT_FOUND);
  }

  postSignal(side: HelpSide, who: string, callId: string, signal: HelpSignal): Result<{ seq: number }, HelpDeskError> {
    const row = this.owned(side, who, callId);
    if (!row.ok) return row;
    if (signal.kind === 'hangup') return this.hangUp(side, who, callId).ok ? ok({ seq: this.channel(callId).seq }) : err(OVER);
    // Offers and answers go to a call somebody answered; until then there is nobody to send them to.
    if (row.value.state !== 'answered') return err(row.value.state === 'waiting' ? { kind: 'not-waiting', message: '尚未接听 / not answered yet' } : OVER);
    const ch = this.channel(callId);
    if (ch.signals.length >= MAX_SIGNALS_PER_CALL) return err({ kind: 'too-many-signals', message: '信令过多 / too many signalling messages for one call' });
    ch.seq += 1;
    ch.signals.push({ seq: ch.seq, from: side, signal });
    return ok({ seq: ch.seq });
  }

  /** What the other side sent after `after`, with the call's state (so a hang-up is seen by polling). */
  signals(side: HelpSide, who: string, callId: string, after: number): Result<HelpSignalList, HelpDeskError> {
    this.expireWaiting();
    const row = this.owned(side, who, callId);
    if (!row.ok) return row;
    const ch = this.channels.get(callId);
    const signals = (ch?.signals ?? []).filter((s) => s.from !== side && s.seq > after).map((s) => ({ seq: s.seq, ...s.signal }));
    return ok({ state: row.value.state, signals });
  }

  hangUp(side: HelpSide, who: string, callId: string): Result<HelpCallStatus, HelpDeskError> {
    const row = this.owned(side, who, callId);
    if (!row.ok) return row;
    this.end(callId, side === 'kiosk' ? 'citizen-hung-up' : 'staff-hung-up');
    return ok(this.statusOf(this.store.helpCall(callId)!));
  }

  /** Either side lost the connection and gave up reconnecting. */
  connectionLost(side: HelpSide, who: string, callId: string): Result<HelpCallStatus, HelpDeskError> {
    const row = this.owned(side, who, callId);
    if (!row.ok) return row;
    this.end(callId, 'connection-lost');
    return ok(this.statusOf(this.store.helpCall(callId)!));
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private channel(callId: string): Channel {
    let ch = this.channels.get(callId);
    if (!ch) this.channels.set(callId, (ch = { seq: 0, signals: [] }));
    return ch;
  }

  private end(callId: string, reason: string): void {
    this.store.endHelpCall(callId, reason, this.now());
    // The signalling of an ended call is of no use to anyone: the end is in help_calls.
    const ch = this.channels.get(callId);
    if (ch) ch.signals = [];
  }

  /** Calls that waited too long become missed (the kiosk then offers the callback). */
  private expireWaiting(): void {
    const limit = this.now() - HELP_MAX_WAIT_SEC * 1000;
    for (const r of this.store.waitingHelpCalls()) if (r.createdAt <= limit) this.end(r.callId, 'no-answer');
  }

  private statusOf(row: HelpCallRow): HelpCallStatus {
    let position: number | null = null;
    let estimatedWaitSec: number | null = null;
    if (row.state === 'waiting') {
      const ahead = this.store.waitingHelpCalls().findIndex((r) => r.callId === row.callId);
      position = ahead + 1;
      estimatedWaitSec = estimateWaitSec({ ahead, staffOnDuty: this.staffOnDuty(), recentHandlingSec: this.store.recentHelpDurations(10) });
    }
    const state: HelpCallState = row.state;
    return {
      callId: row.callId,
      state,
      position,
      estimatedWaitSec,
      staffName: this.staffName(row.staffId),
      endReason: (row.endReason as HelpCallStatus['endReason']) ?? null,
    };
  }
}
