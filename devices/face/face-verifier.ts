// Person-and-card verification (人证核验): does the face in front of the kiosk match the photo
// on the ID card? A verifier answers with a score and a decision, or says why it could not;
// each reason maps to what the citizen is told and whether trying again can help.
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

export type FaceErrorKind = 'unavailable' | 'no-face' | 'bad-image' | 'timeout';

export interface FaceError {
  kind: FaceErrorKind;
  message: string;
  /** whether another capture might succeed (no face in view) or not (service down) */
  retryable: boolean;
}

export interface FaceVerifier {
  readonly kind: 'simulator' | 'unconfigured' | 'vendor';
  verify(card: FaceImage, live: FaceImage, signal?: AbortSignal): Promise<Result<FaceMatch, FaceError>>;
}

export const FACE_ERRORS: Record<FaceErrorKind, Omit<FaceError, 'kind'>> = {
  unavailable: { message: '人证核验暂不可用，请到窗口办理 / face verification is not available now, please go to the counter', retryable: false },
  'no-face': { message: '未检测到人脸，请正对摄像头，摘下帽子和口罩后重试 / no face found: face the camera without hat or mask and try again', retryable: true },
  'bad-image': { message: '照片无法识别，请重新拍摄 / the picture could not be read, please take it again', retryable: true },
  timeout: { message: '核验超时，请重试 / verification timed out, please try again', retryable: true },
};

export function faceError(kind: FaceErrorKind, detail?: string): FaceError {
  const e = FACE_ERRORS[kind];
  return { kind, message: detail ? `${e.message}（${detail}）` : e.message, retryable: e.retryable };
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
  verify: async () => err(faceError('unavailable', '未配置 / not configured')),
};
