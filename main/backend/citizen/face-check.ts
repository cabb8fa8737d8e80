// 人证核验: the live picture the renderer captured is compared with the photo of the card the
// backend holds for the citizen at the screen. Neither image is stored or logged; only the
// decision and score are. A match is remembered on that card only (the journey submits for it).
import { err, ok, type Result } from '../../../common/result';
import { faceError, unconfiguredFaceVerifier, type FaceError, type FaceMatch, type FaceVerifier } from '../../../devices/face/face-verifier';
import type { BackendContext } from '../context';

/** How long a verifier may take before the citizen is told to try again. */
const VERIFY_TIMEOUT_MS = 15_000;

/** The verifier's own errors, or a code the renderer words (no card held, no photo on it). */
export type FaceRefusal = FaceError | { kind: 'no-card'; retryable: false } | { kind: 'no-photo'; retryable: false };

/** The simulator in simulator mode; a vendor verifier would be chosen from config here. */
function faceVerifierOf(ctx: Pick<BackendContext, 'devices'>): FaceVerifier {
  return ctx.devices.sim?.face ?? unconfiguredFaceVerifier;
}

export async function checkFace(ctx: BackendContext, live: { mime: 'image/jpeg' | 'image/png'; bytes: Uint8Array }, signal: AbortSignal): Promise<Result<FaceMatch, FaceRefusal>> {
  const card = ctx.citizen.inputs.currentCard();
  if (!card) return err({ kind: 'no-card', retryable: false });
  if (!card.photo) return err({ kind: 'no-photo', retryable: false });
  const r = await Promise.race([
    faceVerifierOf(ctx).verify(card.photo, live, signal),
    new Promise<{ ok: false; error: FaceError }>((resolve) => setTimeout(() => resolve({ ok: false, error: faceError('timeout') }), VERIFY_TIMEOUT_MS).unref()),
  ]);
  if (!r.ok) {
    ctx.logger.log('face.failed', { kind: r.error.kind, cause: r.error.cause });
    // the verifier's cause is for the log; the screen words the code
    return err(faceError(r.error.kind));
  }
  ctx.logger.log('face.verified', { decision: r.value.decision, score: r.value.score });
  // the journey submits only for a card whose holder passed (when the terminal checks faces)
  if (r.value.decision === 'match') ctx.citizen.card.faceMatched(card);
  return ok(r.value);
}
