// Whether this terminal performs 人证核验: the configuration asks for it, and the ID reader can
// give a card photo to compare with (devices/: a real reader needs the vendor's WLT decoder).
// Without a photo the journey runs as with `journey.faceCheck: false` — said at boot, shown on
// the technician screen (the reader's health is degraded with the reason) and logged at every
// submission that went without it, never a silent pass.
import type { BackendContext } from './context';

export function faceCheckRequired(ctx: Pick<BackendContext, 'config' | 'devices'>): boolean {
  return ctx.config.journey.faceCheck && !ctx.devices.faceCheckProblem;
}

/** Why the configured 人证核验 cannot happen here, or null (also null when it is not configured). */
export function faceCheckUnavailable(ctx: Pick<BackendContext, 'config' | 'devices'>): string | null {
  return ctx.config.journey.faceCheck ? (ctx.devices.faceCheckProblem ?? null) : null;
}
