// 网证 → the held identity. A QR held to the code scanner that is a network identity credential
// (common/netid-credential.ts) is verified at central (netid-verifier.ts); the identity central
// answers becomes the citizen's held identity exactly as a card read would (idcard.read on the
// bus, cardType 'netid', no photo), so the journey and the follow-up screens take it unchanged.
// The kiosk never decides a credential is valid by itself: offline, it refuses and says to use
// the ID card. The scanned text stays in the backend (code.scanned never crosses to the screen).
import type { PhotoProblem } from '../../../common/device-failures';
import type { NetidIdentity as HeldNetid } from '../../../common/devices';
import type { NetidCheckRefusal } from '../../../common/events';
import { looksLikeNetid, parseNetidCredential } from '../../../common/netid-credential';
import { maskIdNumber } from '../../../common/mask';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log/logger';
import type { NetidVerifier } from './netid-verifier';

/** Why there is no photo to compare the person at the screen with (HeldCard.photo stays null). */
export const NETID_NO_PHOTO = 'netid-has-no-photo' satisfies PhotoProblem;

export class NetidIdentify {
  private readonly off: () => void;
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly deps: { bus: Pick<EventBus, 'subscribe' | 'emit'>; verifier: NetidVerifier; logger: Logger }) {
    this.off = deps.bus.subscribe((e) => {
      if (e.type !== 'code.scanned' || !looksLikeNetid(e.text)) return;
      // one verification at a time, in scan order: a second scan of the same QR is then a replay, not a race
      // a verifier that throws must not stop every later scan: it is an answer nobody can vouch for
      this.busy = this.busy.then(() => this.identify(e.text)).catch(() => this.refuse('netid-unverifiable'));
    });
  }

  /** Resolves when every scan so far has been answered (tests). */
  settled(): Promise<void> {
    return this.busy;
  }

  private refuse(reason: NetidCheckRefusal): void {
    this.deps.logger.log('netid.refused', { reason });
    this.deps.bus.emit({ type: 'netid.refused', reason });
  }

  private async identify(text: string): Promise<void> {
    // a QR that is not even well formed is not worth a round trip
    const parsed = parseNetidCredential(text);
    if (!parsed.ok) return this.refuse('netid-malformed');
    this.deps.bus.emit({ type: 'netid.verifying' });
    const r = await this.deps.verifier.verify(text.trim());
    if (!r.ok) return this.refuse(r.error.kind === 'refused' ? r.error.code : r.error.kind === 'unreachable' ? 'netid-offline' : 'netid-unverifiable');
    const a = r.value.identity;
    const identity: HeldNetid = { cardType: 'netid', name: a.name, idNumber: a.idNumber, gender: a.gender ?? 'unknown', birthDate: a.birthDate ?? null };
    this.deps.logger.log('netid.verified', { idNumber: maskIdNumber(identity.idNumber), fields: Object.keys(a).sort().join(',') });
    this.deps.bus.emit({ type: 'idcard.read', source: 'netid', identity, photo: null, photoProblem: NETID_NO_PHOTO });
  }

  close(): void {
    this.off();
  }
}
