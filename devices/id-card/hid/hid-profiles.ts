// How a reader model carries the SAM byte stream in USB HID reports. No reader vendor publishes
// its report layout, so each profile is one of the documented ways a USB HID device carries a
// byte stream; a technician picks the one the reader's manual (or `npm run devices -- read-card
// --transport hid --profile P`) confirms. Sources are in devices/README.md, *ID card over USB HID*.

/**
 * - `length-byte`: the first payload byte says how many of the following bytes are data; the rest
 *   of the report is padding. Frames may span reports and reports may carry the end of one frame
 *   and the start of the next.
 * - `id-is-length`: the report id itself is the byte count (1–63), as the Silicon Labs CP2110 /
 *   CP2114 HID-to-UART bridge does (AN434); data follows it.
 * - `frame-padded`: every frame starts a new report and fills as many reports as it needs; the
 *   last one is zero-padded. The SAM length field (bytes 5–6 of the frame) says where it ends.
 */
export type HidFraming = 'length-byte' | 'id-is-length' | 'frame-padded';

export interface HidReportProfile {
  /** report id of the data reports (0: the device does not number its reports) */
  reportId: number;
  /** bytes after the report id in one report */
  reportSize: number;
  framing: HidFraming;
  /** where the layout comes from */
  source: string;
}

export const HID_PROFILES = {
  'cp2110-bridge': {
    reportId: 0,
    reportSize: 63,
    framing: 'id-is-length',
    source: 'Silicon Labs AN434 "CP2110/4 Interface Specification", §5 Data Transfer: interrupt reports 0x01–0x3F carry that many UART bytes',
  },
  'length-byte-64': {
    reportId: 0,
    reportSize: 64,
    framing: 'length-byte',
    source: 'USB HID 1.11 §5.6 / §8.4: 64-byte full-speed interrupt reports without report ids; byte 0 = count of data bytes, the common "HID serial" convention',
  },
  'length-byte-64-id1': {
    reportId: 1,
    reportSize: 63,
    framing: 'length-byte',
    source: 'USB HID 1.11 §5.6: numbered reports (report id 1) of 64 bytes on the wire; byte 1 = count of data bytes',
  },
  'frame-padded-64': {
    reportId: 0,
    reportSize: 64,
    framing: 'frame-padded',
    source: "USB HID 1.11 §8.4 fixed-size reports; the frame length is the SAM protocol's own LEN field (GA 467, devices/README.md)",
  },
} as const satisfies Record<string, HidReportProfile>;

export type HidProfileName = keyof typeof HID_PROFILES;
export const HID_PROFILE_NAMES = Object.keys(HID_PROFILES) as [HidProfileName, ...HidProfileName[]];
