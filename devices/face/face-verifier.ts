// Person-and-card verification (人证核验): does the face in front of the kiosk match the photo
// on the ID card? A verifier answers with a score and a decision, or says why it could not;
// each reason is a code (the screens word it) with whether trying again can help.
import type { FaceFailure } from '../../common/device-failures';
import type { Result } from '../../common/result';
import { err } from '../../common/result';

export type ImageMime = 'image/jpeg' | 'image/png';

export interface FaceImage {
  mime: ImageMime;
  bytes: Uint8Array;
}

export interface FaceMatch {
  /** similarity, 0…1 */
  score: number;
  /** the score at or above which the verifier calls it the same person */
  threshold: number;
  decision: 'match' | 'no-match';
}

export type FaceErrorKind = FaceFailure;

/** Why no verdict: the code (the screens word it), whether another capture might succeed, and the verifier's own cause for the log. */
export interface FaceError {
  kind: FaceErrorKind;
  /** whether another capture might succeed (no face in view) or not (service down) */
  retryable: boolean;
  /** the verifier's or the image check's own reason (English, for the developer and the log) */
  cause?: string;
}

export interface FaceVerifier {
  readonly kind: 'simulator' | 'unconfigured' | 'vendor';
  verify(card: FaceImage, live: FaceImage, signal?: AbortSignal): Promise<Result<FaceMatch, FaceError>>;
}

const RETRYABLE: Record<FaceErrorKind, boolean> = { unavailable: false, 'no-face': true, 'bad-image': true, timeout: true };

export function faceError(kind: FaceErrorKind, cause?: string): FaceError {
  return cause ? { kind, retryable: RETRYABLE[kind], cause } : { kind, retryable: RETRYABLE[kind] };
}

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47];

/** The image is what it says it is (magic bytes), and not empty or absurdly large. */
export function imageProblem(img: FaceImage): string | null {
  if (img.bytes.byteLength < 64) return 'image too small';
  if (img.bytes.byteLength > 4 * 1024 * 1024) return 'image too large';
  const magic = img.mime === 'image/jpeg' ? JPEG : PNG;
  if (!magic.every((b, i) => img.bytes[i] === b)) return `not a ${img.mime}`;
  return null;
}

/** Where no verifier is configured: the citizen is sent to the counter, never stuck. */
export const unconfiguredFaceVerifier: FaceVerifier = {
  kind: 'unconfigured',
  verify: async () => err(faceError('unavailable', 'not configured')),
};
