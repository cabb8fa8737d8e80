import { describe, expect, it } from 'vitest';
import { Cmd, decodeReadData, encodeCommand, encodeReadData, encodeResponse } from './frame';
import { SamFrameParser } from './frame-parser';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((h) => parseInt(h, 16)),
  );
const P = 'AA AA AA 96 69';

describe('SAM frames', () => {
  it('encodes the documented commands and answers byte for byte', () => {
    expect(encodeCommand(Cmd.findCard)).toEqual(hex(`${P} 00 03 20 01 22`));
    expect(encodeResponse(0x90)).toEqual(hex(`${P} 00 04 00 00 90 94`));
    expect(encodeResponse(0x80)).toEqual(hex(`${P} 00 04 00 00 80 84`));
    expect(encodeResponse(0x9f, new Uint8Array(4))).toEqual(hex(`${P} 00 08 00 00 9F 00 00 00 00 97`));
  });

  it('builds a 1295-byte text + photo answer with LEN 05 08', () => {
    const f = encodeResponse(0x90, encodeReadData(new Uint8Array(256), new Uint8Array(1024)));
    expect(f.length).toBe(1295);
    expect([f[5], f[6]]).toEqual([0x05, 0x08]);
    expect([f[10], f[11], f[12], f[13]]).toEqual([0x01, 0x00, 0x04, 0x00]);
    const withFp = encodeResponse(0x90, encodeReadData(new Uint8Array(256), new Uint8Array(1024), new Uint8Array(1024)));
    expect([withFp[5], withFp[6]]).toEqual([0x09, 0x0a]);
  });

  it('splits read data into text, photo and fingerprint, refusing lengths that do not add up', () => {
    const data = encodeReadData(new Uint8Array(256).fill(1), new Uint8Array(1024).fill(2), new Uint8Array(1024).fill(3));
    const r = decodeReadData(data, true)!;
    expect([r.text.length, r.photo.length, r.fingerprint!.length, r.photo[0]]).toEqual([256, 1024, 1024, 2]);
    expect(decodeReadData(data.subarray(0, data.length - 1), true)).toBeNull();
    expect(decodeReadData(data, false)).toBeNull();
  });
});

describe('SAM frame parser', () => {
  const frames = (events: ReturnType<SamFrameParser['push']>) => events.filter((e) => e.type === 'frame').map((e) => (e as { body: Uint8Array }).body);

  it('reassembles a frame split into single bytes', () => {
    const p = new SamFrameParser();
    const f = encodeResponse(0x9f, new Uint8Array(4));
    const got = [...f].flatMap((b) => frames(p.push(Uint8Array.of(b))));
    expect(got).toEqual([hex('00 00 9F 00 00 00 00')]);
  });

  it('separates two frames that arrive in one read', () => {
    const p = new SamFrameParser();
    const both = new Uint8Array([...encodeResponse(0x80), ...encodeResponse(0x90)]);
    expect(frames(p.push(both)).map((b) => b[2])).toEqual([0x80, 0x90]);
  });

  it('skips noise before a preamble, including stray AA bytes', () => {
    const p = new SamFrameParser();
    const events = p.push(new Uint8Array([0x00, 0xaa, 0xaa, 0x13, 0xaa, ...encodeResponse(0x90)]));
    expect(frames(events).map((b) => b[2])).toEqual([0x90]);
    expect(events.find((e) => e.type === 'noise')).toEqual({ type: 'noise', bytes: 5 });
  });

  it('reports a wrong checksum and still finds the next good frame', () => {
    const p = new SamFrameParser();
    const bad = encodeResponse(0x90);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    const events = p.push(new Uint8Array([...bad, ...encodeResponse(0x80)]));
    expect(events.some((e) => e.type === 'bad-checksum')).toBe(true);
    expect(frames(events).map((b) => b[2])).toEqual([0x80]);
  });

  it('treats an absurd length as noise instead of waiting for kilobytes', () => {
    const p = new SamFrameParser();
    const events = p.push(new Uint8Array([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, ...encodeResponse(0x90)]));
    expect(events.some((e) => e.type === 'bad-length')).toBe(true);
    expect(frames(events).map((b) => b[2])).toEqual([0x90]);
    expect(p.pending).toBe(0);
  });

  it('keeps a partial preamble at the end of a read for the next one', () => {
    const p = new SamFrameParser();
    const f = encodeResponse(0x90);
    expect(frames(p.push(new Uint8Array([0x01, 0x02, ...f.subarray(0, 3)])))).toEqual([]);
    expect(p.pending).toBe(3);
    expect(frames(p.push(f.subarray(3))).map((b) => b[2])).toEqual([0x90]);
  });
});
