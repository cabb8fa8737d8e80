// A face verifier for development and tests. It checks the images like a real one would (type,
// size) and answers as it is told from the simulator panel or a test: match, no match, no face
// in view, or out of service.
import { err, ok, type Result } from '../../common/result';
import { faceError, imageProblem, type FaceError, type FaceImage, type FaceMatch, type FaceVerifier } from './face-verifier';

export const FACE_SIM_MODES = ['match', 'no-match', 'no-face', 'unavailable'] as const;
export type FaceSimMode = (typeof FACE_SIM_MODES)[number];

export class FaceVerifierSim implements FaceVerifier {
  readonly kind = 'simulator' as const;
  mode: FaceSimMode = 'match';
  threshold = 0.8;
  /** how many verifications were asked for (tests check retries) */
  calls = 0;

  async verify(card: FaceImage, live: FaceImage): Promise<Result<FaceMatch, FaceError>> {
    this.calls++;
    if (this.mode === 'unavailable') return err(faceError('unavailable'));
    const bad = imageProblem(card) ?? imageProblem(live);
    if (bad) return err(faceError('bad-image', bad));
    if (this.mode === 'no-face') return err(faceError('no-face'));
    const score = this.mode === 'match' ? 0.93 : 0.31;
    return ok({ score, threshold: this.threshold, decision: score >= this.threshold ? 'match' : 'no-match' });
  }
}
