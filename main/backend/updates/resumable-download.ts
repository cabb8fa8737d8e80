// Downloads a release artifact in byte ranges into a partial file that survives restarts: a
// download cut by a pulled cable or a reboot goes on from the last byte written, not from zero.
// Ranges are appended in order; the file is fsynced when complete. A crash may cost the last
// ranges written, never correctness: the whole file is checked against the signed SHA-512 before
// anything runs it. The bandwidth cap is taken before each range.
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../../../common/result';
import type { TokenBucket } from './token-bucket';

/** One range of the artifact as central answered it (total: the artifact's full size). */
export type RangeFetcher = (start: number, endInclusive: number, signal?: AbortSignal) => Promise<Result<{ bytes: Uint8Array; total: number }, string>>;

export interface DownloadProgress {
  received: number;
  total: number;
}

export const DEFAULT_RANGE_BYTES = 256 * 1024;

/** Where a release's bytes are kept while they arrive (named by its SHA-512, so two releases never share one). */
export function partialFile(dir: string, sha512: string): string {
  return path.join(dir, `${sha512.slice(0, 32)}.part`);
}

export async function downloadResumable(o: {
  file: string;
  size: number;
  fetchRange: RangeFetcher;
  bucket: TokenBucket;
  rangeBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
}): Promise<Result<DownloadProgress, string>> {
  fs.mkdirSync(path.dirname(o.file), { recursive: true, mode: 0o700 });
  let received = fs.existsSync(o.file) ? fs.statSync(o.file).size : 0;
  // More bytes than the release has: not ours to resume from.
  if (received > o.size) {
    fs.rmSync(o.file);
    received = 0;
  }
  const fd = fs.openSync(o.file, 'a', 0o600);
  try {
    while (received < o.size) {
      const end = Math.min(o.size, received + (o.rangeBytes ?? DEFAULT_RANGE_BYTES)) - 1;
      await o.bucket.take(end - received + 1, o.signal);
      const r = await o.fetchRange(received, end, o.signal);
      if (!r.ok) return { ok: false, error: r.error };
      if (r.value.total !== o.size) return { ok: false, error: `中心的制品大小 ${r.value.total} 与清单 ${o.size} 不符 / central's artifact size differs from the manifest` };
      if (r.value.bytes.length === 0) return { ok: false, error: '中心返回空数据 / central sent an empty range' };
      fs.writeSync(fd, r.value.bytes);
      received += r.value.bytes.length;
      o.onProgress?.({ received, total: o.size });
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { ok: true, value: { received, total: o.size } };
}
