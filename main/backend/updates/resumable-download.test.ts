// A download cut half-way (pulled cable, reboot) goes on from the last byte written, and the
// bandwidth cap holds a big artifact to its share of the link.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadResumable, type RangeFetcher } from './resumable-download';
import { TokenBucket } from './token-bucket';

const artifact = new Uint8Array(1_000_000).map((_, i) => (i * 13) % 256);
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'download-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function server(o: { failAfterRanges?: number } = {}) {
  const asked: [number, number][] = [];
  const fetchRange: RangeFetcher = async (start, end) => {
    asked.push([start, end]);
    if (o.failAfterRanges !== undefined && asked.length > o.failAfterRanges) return { ok: false, error: 'ECONNRESET' };
    return { ok: true, value: { bytes: artifact.slice(start, end + 1), total: artifact.length } };
  };
  return { fetchRange, asked };
}

const unlimited = () => new TokenBucket(1e12, 1e12);

describe('resumable download', () => {
  it('resumes after an interrupted download from where it stopped, and ends with the exact bytes', async () => {
    const file = path.join(dir, 'a.part');
    const first = server({ failAfterRanges: 2 });
    const r1 = await downloadResumable({ file, size: artifact.length, fetchRange: first.fetchRange, bucket: unlimited(), rangeBytes: 100_000 });
    expect(r1).toEqual({ ok: false, error: 'ECONNRESET' });
    expect(fs.statSync(file).size).toBe(200_000);

    // a new process (new fetcher, new bucket) picks the partial file up
    const second = server();
    const r2 = await downloadResumable({ file, size: artifact.length, fetchRange: second.fetchRange, bucket: unlimited(), rangeBytes: 100_000 });
    expect(r2.ok).toBe(true);
    expect(second.asked[0]).toEqual([200_000, 299_999]);
    expect(second.asked).toHaveLength(8);
    expect(fs.readFileSync(file).equals(artifact)).toBe(true);
  });

  it("starts over when the partial file is longer than the release (not this release's bytes)", async () => {
    const file = path.join(dir, 'a.part');
    fs.writeFileSync(file, new Uint8Array(artifact.length + 5));
    const s = server();
    expect((await downloadResumable({ file, size: artifact.length, fetchRange: s.fetchRange, bucket: unlimited(), rangeBytes: 500_000 })).ok).toBe(true);
    expect(s.asked[0]).toEqual([0, 499_999]);
    expect(fs.readFileSync(file).equals(artifact)).toBe(true);
  });

  it("waits for the bandwidth cap: 1 MB at 250 kB/s takes about 4 s of the bucket's clock", async () => {
    let clock = 0;
    const bucket = new TokenBucket(
      250_000,
      100_000,
      () => clock,
      async (ms) => void (clock += ms),
    );
    const s = server();
    await downloadResumable({ file: path.join(dir, 'b.part'), size: artifact.length, fetchRange: s.fetchRange, bucket, rangeBytes: 100_000 });
    // the first 100 kB go at once (burst), the other 900 kB at 250 kB/s
    expect(clock).toBeGreaterThanOrEqual(3_600);
    expect(clock).toBeLessThan(3_700);
  });
});
