// Whether this terminal performs 人证核验: the configuration asks for it, and the ID reader can
// give a card photo to compare with (devices/: a real reader needs the vendor's WLT decoder).
// Without a photo the journey runs as with `journey.faceCheck: false` — said at boot, shown on
// the technician screen (the reader's health is degraded with the reason) and logged at every
// submission that went without it, never a silent pass.
// A 社保卡 carries no photo the kiosk may read, and a 网证 answer none at all: with either, the
// journey also runs as with `faceCheck: false`, and the submission logs why.
import type { CardIdentity } from '../../common/devices';
import type { BackendContext } from './context';

/** Why 人证核验 is impossible for this card whatever the terminal has, or null. */
export const cardWithoutPhoto = (card?: CardIdentity | null) => (card?.cardType === 'social-security' ? 'social-card-has-no-photo' : card?.cardType === 'netid' ? 'netid-has-no-photo' : null);

export function faceCheckRequired(ctx: Pick<BackendContext, 'config' | 'devices'>, card?: CardIdentity | null): boolean {
  return ctx.config.journey.faceCheck && !ctx.devices.faceCheckProblem && !cardWithoutPhoto(card);
}

/** Why the configured 人证核验 cannot happen here (or for this card), or null (also null when it is not configured). */
export function faceCheckUnavailable(ctx: Pick<BackendContext, 'config' | 'devices'>, card?: CardIdentity | null): string | null {
  return ctx.config.journey.faceCheck ? (ctx.devices.faceCheckProblem ?? cardWithoutPhoto(card)) : null;
}
