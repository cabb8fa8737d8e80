/*
 * Stand-in for a reader vendor's sdtapi library (the C API of GA 467 readers that vendors ship
 * as sdtapi.dll / libsdtapi.so): the same exported functions, argument order and return codes,
 * serving the simulator's cards instead of a radio field. Built by the tests (gcc, into a temp
 * folder) and loaded by the kiosk's SDK adapter by path, exactly like the vendor's library.
 *
 * Its world is a folder named by $KIOSK_SDK_STANDIN_DIR, which the test or simulator writes:
 *   card.bin     a card on the reader: BE16 text, photo and fingerprint lengths (0: none), then
 *                the blocks (the SAM 30 10 answer data)
 *   unplugged    no reader on the port: SDT_OpenPort fails, an open port stops answering (0x02)
 *   hang         every call blocks while this file exists (at most 30 s), like a wedged driver
 *   garbage      reads succeed but return random text and impossible lengths
 *   no-sam       the SAM fails its self-test (0x60)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SW_OK 0x90
#define SW_FOUND 0x9f
#define SW_NO_CARD 0x80
#define SW_SELECT_FAILED 0x81
#define SW_PORT_FAILED 0x01
#define SW_TIMEOUT 0x02
#define SW_SAM_FAULT 0x60

static int port_open = 0;
static int selected = 0;

static int has(const char *name) {
  const char *dir = getenv("KIOSK_SDK_STANDIN_DIR");
  char path[4096];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", name);
  return stat(path, &st) == 0;
}

static void wedge(void) {
  for (int i = 0; i < 3000 && has("hang"); i++) usleep(10000);
}

/* Reads card.bin; returns its length, or -1 when there is no card. */
static long load_card(unsigned char *buf, long cap) {
  const char *dir = getenv("KIOSK_SDK_STANDIN_DIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/card.bin", dir ? dir : ".");
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  long n = (long)fread(buf, 1, (size_t)cap, f);
  fclose(f);
  return n;
}

static int port_state(void) {
  wedge();
  if (!port_open) return SW_PORT_FAILED;
  if (has("unplugged")) return SW_TIMEOUT;
  if (has("no-sam")) return SW_SAM_FAULT;
  return SW_OK;
}

/* Every call on the card: one simulated reader, so the port number and if_open are not looked at. */
static int ready(int port, int if_open) {
  (void)port;
  (void)if_open;
  return port_state();
}

int SDT_OpenPort(int port) {
  wedge();
  if (has("unplugged") || port < 1) return SW_PORT_FAILED;
  port_open = 1;
  selected = 0;
  return SW_OK;
}

int SDT_ClosePort(int port) {
  (void)port;
  port_open = 0;
  selected = 0;
  return SW_OK;
}

int SDT_GetSAMStatus(int port, int if_open) {
  return ready(port, if_open);
}

int SDT_GetSAMIDToStr(int port, char *out, int if_open) {
  int s = ready(port, if_open);
  if (s != SW_OK) return s;
  strcpy(out, "05.01-20261122-0000000001-0012345678");
  return SW_OK;
}

int SDT_StartFindIDCard(int port, unsigned char *iin, int if_open) {
  int s = ready(port, if_open);
  if (s != SW_OK) return s;
  selected = 0;
  if (!has("card.bin")) return SW_NO_CARD;
  memset(iin, 0, 4);
  return SW_FOUND;
}

int SDT_SelectIDCard(int port, unsigned char *sn, int if_open) {
  int s = ready(port, if_open);
  if (s != SW_OK) return s;
  if (!has("card.bin")) return SW_SELECT_FAILED;
  memset(sn, 0, 8);
  selected = 1;
  return SW_OK;
}

static int read_blocks(int port, int if_open, unsigned char *text, unsigned int *text_len, unsigned char *photo, unsigned int *photo_len, unsigned char *fp, unsigned int *fp_len) {
  int s = ready(port, if_open);
  if (s != SW_OK) return s;
  if (!selected) return 0x41;
  unsigned char card[8192];
  long n = load_card(card, sizeof card);
  if (n < 6) return 0x41;
  unsigned int lens[3] = {0, 0, 0};
  long at = 6;
  for (int i = 0; i < 3; i++) lens[i] = (unsigned int)((card[i * 2] << 8) | card[i * 2 + 1]);
  if (at + lens[0] + lens[1] + lens[2] > n) return 0x41;
  if (has("garbage")) {
    /* what a broken SDK does: "success", noise in the text, lengths no card has */
    for (unsigned int i = 0; i < 256; i++) text[i] = (unsigned char)rand();
    *text_len = 0x7fffffff;
    *photo_len = 3;
    if (fp_len) *fp_len = 0;
    return SW_OK;
  }
  memcpy(text, card + at, lens[0]);
  *text_len = lens[0];
  memcpy(photo, card + at + lens[0], lens[1]);
  *photo_len = lens[1];
  if (fp && fp_len) {
    memcpy(fp, card + at + lens[0] + lens[1], lens[2]);
    *fp_len = lens[2];
  }
  return SW_OK;
}

int SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_len, unsigned char *photo, unsigned int *photo_len, int if_open) {
  return read_blocks(port, if_open, text, text_len, photo, photo_len, NULL, NULL);
}

int SDT_ReadBaseFPMsg(int port, unsigned char *text, unsigned int *text_len, unsigned char *photo, unsigned int *photo_len, unsigned char *fp, unsigned int *fp_len, int if_open) {
  return read_blocks(port, if_open, text, text_len, photo, photo_len, fp, fp_len);
}
