// The person at the screen, owned in one place: the card they placed (with the 人证核验 verdict),
// their application journey (receipts to rate), the pages they scanned, what they showed for a
// follow-up. Everything about them is wiped by one call, so no screen or route can forget a part
// when the citizen leaves. Built once per backend boot, where the context is.
import type { DeviceLayer } from '../../../devices/device-layer';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log/logger';
import { CitizenInputs } from '../followup/citizen-inputs';
import { JourneySession } from '../journey/journey-session';
import { HeldCards } from './held-card';

/**
 * Why the person at the screen is gone: the screen's idle countdown or the citizen's own finish,
 * or a helper's card was read for sign-in (a helper is not a citizen: nothing of the person who
 * used the screen before may prefill the helper's session), or the follow-up screen ended.
 */
export type SessionEndReason = 'idle' | 'finish' | 'helper-card' | 'followup-ended';

export class CitizenSession {
  readonly card: HeldCards;
  readonly journey: JourneySession;
  readonly inputs: CitizenInputs;
  private readonly endHooks: (() => void)[] = [];

  constructor(
    private readonly deps: { bus: Pick<EventBus, 'subscribe' | 'emit'>; pages: Pick<DeviceLayer['pages'], 'clear'>; logger: Logger },
    now: () => number = Date.now,
  ) {
    this.card = new HeldCards(deps.bus, now);
    this.journey = new JourneySession(this.card);
    this.inputs = new CitizenInputs(deps.bus, this.card, now);
  }

  /** "Use another card": the same person stays, only the card and the cases it found go. */
  forgetCard(): void {
    this.inputs.forgetCard();
  }

  /**
   * Left an application unsubmitted by the bottom bar (back / home): its card and the pages scanned
   * for it go together, in one step, so no reload or lost request can leave one without the other.
   * The person is still at the screen: receipts to rate and follow-up proofs stay.
   */
  leaveApplication(): void {
    this.inputs.forgetCard();
    this.deps.pages.clear();
    this.deps.logger.log('journey.left', {});
  }

  /** The citizen left: identity, face verdict, receipts, scanned pages and follow-up proofs go. */
  end(reason: SessionEndReason): void {
    this.card.forget();
    this.inputs.clear();
    this.journey.wipe();
    this.deps.pages.clear();
    for (const hook of this.endHooks) hook();
    this.deps.logger.log('journey.wiped', { reason });
  }

  /** What else belongs to the person at the screen and ends with them (a video call with the hall). */
  onEnd(hook: () => void): void {
    this.endHooks.push(hook);
  }
}
