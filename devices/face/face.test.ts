import { describe, expect, it } from 'vitest';
import { imageProblem, unconfiguredFaceVerifier } from './face-verifier';
import { FaceVerifierSim } from './simulator';

const jpeg = (n = 200) => ({ mime: 'image/jpeg' as const, bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(n).fill(7)]) });
const png = (n = 200) => ({ mime: 'image/png' as const, bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, ...new Array(n).fill(1)]) });

describe('face verification', () => {
  it('answers match with a score above the threshold, and no-match below it', async () => {
    const sim = new FaceVerifierSim();
    const m = await sim.verify(png(), jpeg());
    expect(m.ok && m.value.decision).toBe('match');
    if (m.ok) expect(m.value.score).toBeGreaterThanOrEqual(m.value.threshold);
    sim.mode = 'no-match';
    const n = await sim.verify(png(), jpeg());
    expect(n.ok && n.value.decision).toBe('no-match');
    if (n.ok) expect(n.value.score).toBeLessThan(n.value.threshold);
  });

  it('maps failures to errors that say whether another try can help', async () => {
    const sim = new FaceVerifierSim();
    sim.mode = 'no-face';
    const r = await sim.verify(png(), jpeg());
    expect(!r.ok && r.error).toMatchObject({ kind: 'no-face', retryable: true });
    sim.mode = 'unavailable';
    const u = await sim.verify(png(), jpeg());
    expect(!u.ok && u.error).toMatchObject({ kind: 'unavailable', retryable: false });
    const c = await unconfiguredFaceVerifier.verify(png(), jpeg());
    expect(!c.ok && c.error).toEqual({ kind: 'unavailable', retryable: false, cause: 'not configured' });
  });

  it('refuses garbage instead of a picture, whatever mode it is in', async () => {
    const sim = new FaceVerifierSim();
    const r = await sim.verify(png(), { mime: 'image/jpeg', bytes: new Uint8Array(500).fill(0x41) });
    expect(!r.ok && r.error).toEqual({ kind: 'bad-image', retryable: true, cause: 'not a image/jpeg' });
    expect(imageProblem({ mime: 'image/png', bytes: new Uint8Array(10) })).toBe('image too small');
    expect(imageProblem(jpeg())).toBeNull();
  });
});
