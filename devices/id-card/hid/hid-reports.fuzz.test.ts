// Property tests of HID report reassembly: whatever the profile, encoded bytes come back intact
// however many reports they span, and arbitrary reports (garbage, wrong ids, impossible counts)
// never throw and never yield more bytes than they carried.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { encodeResponse } from '../frame';
import { SamFrameParser } from '../frame-parser';
import { HID_PROFILE_NAMES, HID_PROFILES } from './hid-profiles';
import { asReceived, encodeReports, HidReportDecoder } from './hid-reports';

const streamProfiles = HID_PROFILE_NAMES.filter((n) => HID_PROFILES[n].framing !== 'frame-padded');
const profileName = fc.constantFrom(...HID_PROFILE_NAMES);

function roundTrip(name: (typeof HID_PROFILE_NAMES)[number], parts: Uint8Array[]): Uint8Array {
  const p = HID_PROFILES[name];
  const d = new HidReportDecoder(p);
  const out: Uint8Array[] = [];
  for (const part of parts) for (const wire of encodeReports(p, part)) out.push(d.push(asReceived(p, wire)).bytes);
  return Buffer.concat(out);
}

describe('HID report reassembly (properties)', () => {
  it('carries any byte stream through the stream framings unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...streamProfiles), fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 4 }), (name, parts) => {
        return Buffer.compare(roundTrip(name, parts), Buffer.concat(parts)) === 0;
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives the SAM parser every frame back, in order, through every profile', () => {
    fc.assert(
      fc.property(profileName, fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 1300 })), { minLength: 1, maxLength: 2 }), (name, answers) => {
        const frames = answers.map(([sw3, data]) => encodeResponse(sw3, data));
        const parser = new SamFrameParser();
        const got = parser.push(roundTrip(name, frames)).filter((e) => e.type === 'frame');
        return got.length === answers.length && got.every((e, i) => Buffer.compare((e as { body: Uint8Array }).body.subarray(3), answers[i]![1]) === 0);
      }),
      { numRuns: 10_000 },
    );
  });

  it('never throws on arbitrary reports and never yields more bytes than a report carried', () => {
    fc.assert(
      fc.property(profileName, fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 12 }), (name, reports) => {
        const d = new HidReportDecoder(HID_PROFILES[name]);
        return reports.every((r) => d.push(r).bytes.length <= r.length);
      }),
      { numRuns: 30_000 },
    );
  });
});
