/*
 * Stand-in for a reader vendor's WLT photo decoding library (libwlt.so / WltRS.dll): the same
 * call shape as the Linux one, int unpack(const unsigned char *wlt, unsigned char *bgr, int flag),
 * returning 1 and 102 x 126 pixels of 24-bit BGR, top row first. The real format is proprietary;
 * this one paints a head-and-shoulders test portrait whose colours come from the WLT bytes, so
 * two cards give two pictures. Anything that is not a 1024-byte WLT ('W' 'L' first) is refused
 * with -1, as the vendor library refuses a corrupt photo. $KIOSK_WLT_STANDIN_HANG makes it block
 * for that many milliseconds first (a decoder that never returns, for the timeout test).
 */
#include <stdlib.h>
#include <unistd.h>

#define W 102
#define H 126

int unpack(const unsigned char *wlt, unsigned char *bgr, int flag) {
  (void)flag;
  const char *hang = getenv("KIOSK_WLT_STANDIN_HANG");
  if (hang) usleep((useconds_t)atoi(hang) * 1000);
  if (!wlt || wlt[0] != 0x57 || wlt[1] != 0x4c) return -1;
  for (int y = 0; y < H; y++) {
    for (int x = 0; x < W; x++) {
      unsigned char *px = bgr + (y * W + x) * 3;
      int dx = x - 51, dy = y - 48, by = y - 126;
      int head = dx * dx * 28 * 28 + dy * dy * 22 * 22 <= 22 * 22 * 28 * 28;
      int body = y > 82 && dx * dx * 40 * 40 + by * by * 48 * 48 <= 48 * 48 * 40 * 40;
      unsigned char r = 235, g = 240, b = 250;
      if (head) r = 224, g = 190, b = 160;
      else if (body) r = wlt[2] >> 1, g = wlt[3] >> 1, b = wlt[4] >> 1;
      px[0] = b;
      px[1] = g;
      px[2] = r;
    }
  }
  return 1;
}
