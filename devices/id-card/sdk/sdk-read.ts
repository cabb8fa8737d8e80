// What a vendor SDK's read call hands back, checked before anything trusts it: buffers the
// adapter allocated, and lengths the SDK wrote. A text block is always 256 bytes and a photo
// 1024 (GA 467); a fingerprint block is absent or 1024 (two 512-byte templates). Anything else is
// a broken or mismatched SDK, reported as such rather than parsed.
import { err, ok, type Result } from '../../../common/result';
import type { ReadData } from '../frame';

export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;
export const FINGERPRINT_BYTES = 1024;
/** what the adapter allocates per block: well above any legal block, so a sloppy SDK cannot overrun it */
export const SDK_BUFFER_BYTES = 4096;

export interface SdkReadBuffers {
  text: Uint8Array;
  /** the uint32 the SDK wrote for the text length (4 bytes, little-endian on every platform koffi supports) */
  textLen: Uint8Array;
  photo: Uint8Array;
  photoLen: Uint8Array;
  fingerprint?: Uint8Array;
  fingerprintLen?: Uint8Array;
}

/** Why an SDK read cannot be trusted: which block, the length the SDK wrote (null: none readable) and the length that block has. */
export type SdkReadProblem = { block: 'text' | 'photo' | 'fingerprint'; length: number | null; expected: number };

/** The problem as the technician's detail (the log, the device status), in the driver's English. */
export const sdkReadDetail = (p: SdkReadProblem) => `${p.block} length ${p.length ?? 'missing'}, expected ${p.expected}`;

function u32(b: Uint8Array | undefined): number | null {
  if (!b || b.length < 4) return null;
  return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
}

export function parseSdkRead(r: SdkReadBuffers): Result<ReadData, SdkReadProblem> {
  const textLen = u32(r.textLen);
  const photoLen = u32(r.photoLen);
  if (textLen !== TEXT_BYTES || r.text.length < TEXT_BYTES) return err({ block: 'text', length: textLen, expected: TEXT_BYTES });
  if (photoLen !== PHOTO_BYTES || r.photo.length < PHOTO_BYTES) return err({ block: 'photo', length: photoLen, expected: PHOTO_BYTES });
  let fingerprint: Uint8Array | null = null;
  if (r.fingerprintLen) {
    const fpLen = u32(r.fingerprintLen);
    if (fpLen !== 0 && (fpLen !== FINGERPRINT_BYTES || !r.fingerprint || r.fingerprint.length < FINGERPRINT_BYTES)) return err({ block: 'fingerprint', length: fpLen, expected: FINGERPRINT_BYTES });
    if (fpLen) fingerprint = r.fingerprint!.slice(0, FINGERPRINT_BYTES);
  }
  return ok({ text: r.text.slice(0, TEXT_BYTES), photo: r.photo.slice(0, PHOTO_BYTES), fingerprint });
}
