// The card photo is 1024 bytes of a proprietary wavelet format (WLT) that only the reader
// vendor's library can decode. The driver hands the bytes to whichever decoder is plugged in.
import type { PhotoFailure } from '../../common/device-failures';
import { err, type Result } from '../../common/result';

export interface DecodedPhoto {
  mime: 'image/png' | 'image/bmp' | 'image/jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface PhotoDecoder {
  readonly name: string;
  decode(wlt: Uint8Array): Promise<Result<DecodedPhoto, PhotoFailure>>;
}

/** Used when no vendor library is installed: the identity is still read, without a photo. */
export const noPhotoDecoder: PhotoDecoder = {
  name: 'none',
  decode: async () => err({ problem: 'no-decoder' }),
};
