// The kiosk's side of the hall's help desk (远程帮办 video calls and 呼叫帮助): signed calls to
// central through the central client. The screen has at most one call at a time and never
// learns its id: the renderer addresses "the current call", so nothing it sends can reach
// another call. Central's answers are parsed at the boundary by the client.
import type { HelpCallStatus, HelpScreen, HelpSignal, HelpSignalList, IceConfig } from '../../../common/help-desk';
import { err, ok, type Result } from '../../../common/result';
import type { CallFailure, CentralClient } from '../../../offline-queue/sync/central-client';
import type { Logger } from '../log/logger';

export type HelpDeskError = { kind: 'offline' } | { kind: 'no-call' } | { kind: 'over' } | { kind: 'refused' } | { kind: 'busy' };

const NO_CALL: HelpDeskError = { kind: 'no-call' };
const TIMEOUT_MS = 8_000;

function failure(f: CallFailure): HelpDeskError {
  if (f.kind === 'network' || f.kind === 'unavailable' || f.kind === 'auth') return { kind: 'offline' };
  if (f.kind === 'rejected' && f.status === 404) return NO_CALL;
  if (f.kind === 'rejected' && f.status === 409) return { kind: 'over' };
  return { kind: 'refused' };
}

export class HelpDeskLink {
  private current: { callId: string; startedAt: number } | null = null;

  constructor(
    private readonly client: CentralClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async startCall(screen: HelpScreen): Promise<Result<HelpCallStatus & { ice: IceConfig }, HelpDeskError>> {
    if (this.current) {
      // One call per screen: a second tap while one is running is the same call, not a new one.
      const st = await this.status();
      if (st.ok && (st.value.state === 'waiting' || st.value.state === 'answered')) return err({ kind: 'busy' });
    }
    const r = await this.client.call('helpCallStart', { json: { screen }, timeoutMs: TIMEOUT_MS });
    if (!r.ok) {
      this.logger.log('help.call.unreachable', { reason: r.failure.kind });
      return err(failure(r.failure));
    }
    this.current = { callId: r.body.callId, startedAt: this.now() };
    this.logger.log('help.call.started', { screen: screen.screen, step: screen.step, position: r.body.position, estimatedWaitSec: r.body.estimatedWaitSec });
    return ok(r.body);
  }

  private async onCall<T>(fn: (callId: string) => Promise<Result<T, HelpDeskError>>): Promise<Result<T, HelpDeskError>> {
    if (!this.current) return err(NO_CALL);
    return fn(this.current.callId);
  }

  status(): Promise<Result<HelpCallStatus, HelpDeskError>> {
    return this.onCall(async (callId) => {
      const r = await this.client.call('helpCallStatus', { params: { callId }, timeoutMs: TIMEOUT_MS });
      return r.ok ? ok(r.body) : err(failure(r.failure));
    });
  }

  signals(after: number): Promise<Result<HelpSignalList, HelpDeskError>> {
    return this.onCall(async (callId) => {
      const r = await this.client.call('helpSignalsGet', { params: { callId }, query: { after }, timeoutMs: TIMEOUT_MS });
      return r.ok ? ok(r.body) : err(failure(r.failure));
    });
  }

  send(signal: HelpSignal): Promise<Result<{ seq: number }, HelpDeskError>> {
    return this.onCall(async (callId) => {
      const r = await this.client.call('helpSignalPost', { params: { callId }, json: signal, timeoutMs: TIMEOUT_MS });
      return r.ok ? ok(r.body) : err(failure(r.failure));
    });
  }

  /** Ends the call (the citizen hung up, left the screen or the session ended); the screen forgets it either way. */
  hangUp(why: 'citizen' | 'session-ended'): Promise<Result<HelpCallStatus, HelpDeskError>> {
    return this.onCall(async (callId) => {
      const startedAt = this.current!.startedAt;
      this.current = null;
      const r = await this.client.call('helpCallHangUp', { params: { callId }, timeoutMs: TIMEOUT_MS });
      this.logger.log('help.call.ended', { why, durationSec: Math.round((this.now() - startedAt) / 1000), reached: r.ok });
      return r.ok ? ok(r.body) : err(failure(r.failure));
    });
  }

  /** Nobody answered: the citizen leaves a number for a call back. The call is over after it. */
  leaveCallback(phone: string): Promise<Result<{ callbackBy: string }, HelpDeskError>> {
    return this.onCall(async (callId) => {
      const r = await this.client.call('helpCallback', { params: { callId }, json: { phone }, timeoutMs: TIMEOUT_MS });
      if (!r.ok) return err(failure(r.failure));
      this.current = null;
      this.logger.log('help.callback.left', { phone });
      return ok({ callbackBy: r.body.callbackBy });
    });
  }

  /** 呼叫帮助: tells the hall's on-duty staff; `notified: false` when central cannot be reached (the screen offers the hotline). */
  async requestHelp(screen: HelpScreen, waitingSec: number): Promise<{ notified: boolean; staffOnDuty: number }> {
    const r = await this.client.call('helpRequest', { json: { screen, waitingSec }, timeoutMs: TIMEOUT_MS });
    this.logger.log('help.requested', { screen: screen.screen, step: screen.step, waitingSec, notified: r.ok, staffOnDuty: r.ok ? r.body.staffOnDuty : null });
    return r.ok ? { notified: true, staffOnDuty: r.body.staffOnDuty } : { notified: false, staffOnDuty: 0 };
  }
}
