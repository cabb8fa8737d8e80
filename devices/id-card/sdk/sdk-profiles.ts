// The vendor SDK's C API, per vendor: which exported symbol plays which role. Every role has a
// fixed C signature (the one GA 467 reader SDKs share, sdtapi.h); vendors that ship the same
// API under other names are configured with `sdk.symbols` (devices/config.ts).
import { z } from 'zod';
import { lazySchema } from '../../../common/lazy-schema';

export const sdkSymbolsSchema = lazySchema(() =>
  z.object({
    /** int openPort(int port): 0x90 when the reader answers on that port (USB 1001–1016, COM 1–16) */
    openPort: z.string().min(1),
    /** int closePort(int port) */
    closePort: z.string().min(1),
    /** int samStatus(int port, int ifOpen): 0x90, or 0x60 when the SAM fails its self-test */
    samStatus: z.string().min(1).nullable(),
    /** int findCard(int port, unsigned char *iin, int ifOpen): 0x9f card found, 0x80 none */
    findCard: z.string().min(1),
    /** int selectCard(int port, unsigned char *sn, int ifOpen): 0x90 selected (the mutual authentication) */
    selectCard: z.string().min(1),
    /** int readBase(int port, unsigned char *text, unsigned int *textLen, unsigned char *photo, unsigned int *photoLen, int ifOpen) */
    readBase: z.string().min(1),
    /** as readBase, plus unsigned char *fingerprint, unsigned int *fingerprintLen before ifOpen; null when the SDK has none */
    readBaseFingerprint: z.string().min(1).nullable(),
  }),
);
export type SdkSymbols = z.infer<typeof sdkSymbolsSchema>;

export interface SdkProfile {
  symbols: SdkSymbols;
  source: string;
}

export const SDK_PROFILES = {
  sdtapi: {
    symbols: {
      openPort: 'SDT_OpenPort',
      closePort: 'SDT_ClosePort',
      samStatus: 'SDT_GetSAMStatus',
      findCard: 'SDT_StartFindIDCard',
      selectCard: 'SDT_SelectIDCard',
      readBase: 'SDT_ReadBaseMsg',
      readBaseFingerprint: 'SDT_ReadBaseFPMsg',
    },
    source: 'sdtapi.h, the API GA 467 reader vendors ship as sdtapi.dll / libsdtapi.so (e.g. github.com/libinqi/idr-routon, tmp/include/sdtapi.h); return codes are the SAM SW3 values',
  },
} as const satisfies Record<string, SdkProfile>;

export type SdkProfileName = keyof typeof SDK_PROFILES;
export const SDK_PROFILE_NAMES = Object.keys(SDK_PROFILES) as [SdkProfileName, ...SdkProfileName[]];

/** The C prototypes koffi binds, per role (sdtapi is __stdcall on 32-bit Windows). */
export function sdkPrototypes(s: SdkSymbols): Record<string, string> {
  const cc = process.platform === 'win32' ? '__stdcall ' : '';
  const out: Record<string, string> = {
    openPort: `int ${cc}${s.openPort}(int port)`,
    closePort: `int ${cc}${s.closePort}(int port)`,
    findCard: `int ${cc}${s.findCard}(int port, uint8_t *iin, int ifOpen)`,
    selectCard: `int ${cc}${s.selectCard}(int port, uint8_t *sn, int ifOpen)`,
    readBase: `int ${cc}${s.readBase}(int port, uint8_t *text, uint32_t *textLen, uint8_t *photo, uint32_t *photoLen, int ifOpen)`,
  };
  if (s.samStatus) out.samStatus = `int ${cc}${s.samStatus}(int port, int ifOpen)`;
  if (s.readBaseFingerprint)
    out.readBaseFingerprint = `int ${cc}${s.readBaseFingerprint}(int port, uint8_t *text, uint32_t *textLen, uint8_t *photo, uint32_t *photoLen, uint8_t *fp, uint32_t *fpLen, int ifOpen)`;
  return out;
}
