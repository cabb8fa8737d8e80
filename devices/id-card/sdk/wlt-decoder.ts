// The card photo through the reader vendor's WLT decoding library (the only lawful decoder),
// called with koffi on its own worker thread with a deadline, like the SDK. The Linux library's
// shape is int unpack(const unsigned char *wlt, unsigned char *bgr, int flag) → 1 and
// 102 × 126 BGR pixels (made into a PNG); symbol, flag, success code and row order are configurable per vendor.
import type { PhotoFailure } from '../../../common/device-failures';
import { err, ok, type Result } from '../../../common/result';
import { FfiWorker } from '../../core/ffi-worker';
import type { DecodedPhoto, PhotoDecoder } from '../photo-decoder';
import { bgrToPng } from './bgr-png';
import { PHOTO_BYTES } from './sdk-read';

export const WLT_WIDTH = 102;
export const WLT_HEIGHT = 126;
const BGR_BYTES = WLT_WIDTH * WLT_HEIGHT * 3;
/** room for a decoder that also writes a BMP header or row padding */
const OUT_BYTES = BGR_BYTES + 1024;

export interface WltDecoderConfig {
  library: string;
  symbol: string;
  flag: number;
  okCode: number;
  rowOrder: 'top-down' | 'bottom-up';
  callTimeoutMs: number;
}

export interface ClosablePhotoDecoder extends PhotoDecoder {
  close(): Promise<void>;
}

/** The decoder's output buffer made into a photo, or why not (pure: fuzzed). */
export function photoFromDecoderOutput(ret: number, out: Uint8Array | undefined, cfg: Pick<WltDecoderConfig, 'okCode' | 'rowOrder'>): Result<DecodedPhoto, PhotoFailure> {
  if (ret !== cfg.okCode) return err({ problem: 'decoder-refused', detail: `returned ${ret}` });
  const png = out ? bgrToPng(out.subarray(0, BGR_BYTES), WLT_WIDTH, WLT_HEIGHT, cfg.rowOrder) : null;
  if (!png) return err({ problem: 'decoder-failed', detail: 'the photo decoder returned too few bytes' });
  return ok({ mime: 'image/png', bytes: png, width: WLT_WIDTH, height: WLT_HEIGHT });
}

export function wltPhotoDecoder(cfg: WltDecoderConfig): ClosablePhotoDecoder {
  let worker: Promise<Result<FfiWorker, string>> | null = null;
  const start = () => (worker ??= FfiWorker.start({ wlt: { path: cfg.library, functions: { decode: `int ${cfg.symbol}(const uint8_t *wlt, uint8_t *bgr, int flag)` } } }));
  return {
    name: `wlt:${cfg.library}`,
    async decode(wlt) {
      if (wlt.length !== PHOTO_BYTES) return err({ problem: 'bad-photo-data', detail: `${wlt.length} bytes, expected ${PHOTO_BYTES}` });
      const w = await start();
      if (!w.ok) {
        worker = null; // try loading again at the next card
        return err({ problem: 'decoder-unavailable', detail: w.error });
      }
      const r = await w.value.call('wlt', 'decode', [{ in: wlt }, { out: OUT_BYTES }, cfg.flag], cfg.callTimeoutMs);
      if (!r.ok) return err({ problem: 'decoder-failed', detail: r.error.detail });
      return photoFromDecoderOutput(r.value.value, r.value.out[0], cfg);
    },
    async close() {
      const w = await worker;
      worker = null;
      if (w?.ok) await w.value.close();
    },
  };
}
