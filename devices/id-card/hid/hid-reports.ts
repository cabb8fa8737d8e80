// The SAM byte stream in and out of HID reports, per profile (hid-profiles.ts). Pure: the link
// feeds every input report to a decoder and writes what the encoder makes; what comes out is the
// same byte stream a serial reader sends, for the same resynchronising SAM frame parser.
import { concatBytes } from '../../../common/bytes';
import { MAX_LEN, MIN_LEN, PREAMBLE } from '../frame';
import type { HidReportProfile } from './hid-profiles';

/** The largest count a CP2110-style report id can carry (AN434: ids 0x01–0x3F). */
const ID_IS_LENGTH_MAX = 0x3f;
const SAM_HEADER = 7;

/** Data bytes one output report carries. */
function dataPerReport(p: HidReportProfile): number {
  switch (p.framing) {
    case 'length-byte':
      return p.reportSize - 1;
    case 'id-is-length':
      return Math.min(ID_IS_LENGTH_MAX, p.reportSize);
    case 'frame-padded':
      return p.reportSize;
  }
}

/**
 * Host → device: the reports (report id first, as node-hid's write takes them) carrying `bytes`.
 * A frame-padded profile starts `bytes` on a fresh report, so pass it one frame at a time.
 */
export function encodeReports(p: HidReportProfile, bytes: Uint8Array): Uint8Array[] {
  const per = dataPerReport(p);
  const out: Uint8Array[] = [];
  for (let o = 0; o < bytes.length; o += per) {
    const chunk = bytes.subarray(o, o + per);
    if (p.framing === 'id-is-length') {
      const r = new Uint8Array(1 + chunk.length);
      r[0] = chunk.length;
      r.set(chunk, 1);
      out.push(r);
      continue;
    }
    const r = new Uint8Array(1 + p.reportSize);
    r[0] = p.reportId;
    if (p.framing === 'length-byte') {
      r[1] = chunk.length;
      r.set(chunk, 2);
    } else r.set(chunk, 1);
    out.push(r);
  }
  return out;
}

/**
 * An encoded report as node-hid hands an input report to the host: the report id byte is there
 * only when the device numbers its reports (hidapi's rule on every platform but Windows).
 */
export function asReceived(p: HidReportProfile, wire: Uint8Array): Uint8Array {
  return p.framing !== 'id-is-length' && p.reportId === 0 ? wire.subarray(1) : wire;
}

export type HidReportProblem = 'wrong-report-id' | 'bad-count' | 'empty';

export interface HidDecoded {
  /** stream bytes this report carried (possibly none) */
  bytes: Uint8Array;
  problem: HidReportProblem | null;
}

const EMPTY = new Uint8Array(0);

/** Device → host: input reports back into the byte stream, with the profile's framing. */
export class HidReportDecoder {
  /** frame-padded: bytes of the current frame still to come in later reports */
  private remaining = 0;

  constructor(private readonly p: HidReportProfile) {}

  reset(): void {
    this.remaining = 0;
  }

  push(report: Uint8Array): HidDecoded {
    if (report.length === 0) return { bytes: EMPTY, problem: 'empty' };
    const p = this.p;
    if (p.framing === 'id-is-length') {
      const n = report[0]!;
      if (n < 1 || n > ID_IS_LENGTH_MAX || n > report.length - 1) return { bytes: EMPTY, problem: 'bad-count' };
      return { bytes: report.slice(1, 1 + n), problem: null };
    }
    let payload = report;
    if (p.reportId !== 0) {
      if (report[0] !== p.reportId) return { bytes: EMPTY, problem: 'wrong-report-id' };
      payload = report.subarray(1);
    }
    payload = payload.subarray(0, p.reportSize);
    if (p.framing === 'length-byte') {
      if (payload.length === 0) return { bytes: EMPTY, problem: 'empty' };
      const n = payload[0]!;
      if (n > payload.length - 1) return { bytes: EMPTY, problem: 'bad-count' };
      return { bytes: payload.slice(1, 1 + n), problem: null };
    }
    return { bytes: this.framePadded(payload), problem: null };
  }

  /** Keeps the bytes of frames and drops the padding after each frame's last byte. */
  private framePadded(payload: Uint8Array): Uint8Array {
    const parts: Uint8Array[] = [];
    let i = 0;
    while (i < payload.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, payload.length - i);
        parts.push(payload.subarray(i, i + take));
        this.remaining -= take;
        i += take;
        continue;
      }
      const len = samLengthAt(payload, i);
      if (len !== null) {
        // a frame starts here (a report may carry a second frame after the first one's end)
        this.remaining = SAM_HEADER + len;
        continue;
      }
      // Not a frame start: at the head of a report it is something the parser should see (and
      // count as noise); after a frame's end it is padding.
      if (i === 0) parts.push(payload);
      break;
    }
    return concatBytes(...parts);
  }
}

/** The SAM LEN of a frame whose whole header starts at `at`, or null. */
function samLengthAt(b: Uint8Array, at: number): number | null {
  if (b.length - at < SAM_HEADER) return null;
  for (let j = 0; j < PREAMBLE.length; j++) if (b[at + j] !== PREAMBLE[j]) return null;
  const len = (b[at + 5]! << 8) | b[at + 6]!;
  return len >= MIN_LEN && len <= MAX_LEN ? len : null;
}
