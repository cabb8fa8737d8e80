// The simulator's photo decoder: instead of the vendor's WLT library it paints a 102×126 test
// portrait whose colours derive from the WLT bytes, so different cards give different images.
import { PNG } from 'pngjs';
import { ok } from '../../common/result';
import type { PhotoDecoder } from './photo-decoder';

export const PHOTO_WIDTH = 102;
export const PHOTO_HEIGHT = 126;

export const testPhotoDecoder: PhotoDecoder = {
  name: 'simulator-test-image',
  async decode(wlt) {
    const png = new PNG({ width: PHOTO_WIDTH, height: PHOTO_HEIGHT });
    const [r, g, b] = [wlt[2] ?? 90, wlt[3] ?? 140, wlt[4] ?? 200];
    for (let y = 0; y < PHOTO_HEIGHT; y++) {
      for (let x = 0; x < PHOTO_WIDTH; x++) {
        const i = (y * PHOTO_WIDTH + x) * 4;
        // head and shoulders on a light background, like an ID photo
        const head = (x - 51) ** 2 / 22 ** 2 + (y - 48) ** 2 / 28 ** 2 <= 1;
        const body = y > 82 && (x - 51) ** 2 / 48 ** 2 + (y - 126) ** 2 / 40 ** 2 <= 1;
        const [pr, pg, pb] = head ? [224, 190, 160] : body ? [r >> 1, g >> 1, b >> 1] : [235, 240, 250];
        png.data[i] = pr;
        png.data[i + 1] = pg;
        png.data[i + 2] = pb;
        png.data[i + 3] = 255;
      }
    }
    return ok({ mime: 'image/png', bytes: new Uint8Array(PNG.sync.write(png)), width: PHOTO_WIDTH, height: PHOTO_HEIGHT });
  },
};
