// Uploads one submission's pages as resumable chunks: asks central how much of each page it
// holds, sends the rest from there, and marks a page done only when central says it is
// complete (central verifies the whole page's digest: SHA-256, or SM3 from an sm terminal).
import { attachmentStateSchema } from '../../common/central-api';
import type { Outbox } from '../outbox';
import type { SubmissionRow } from '../store/outbox-tables';
import type { Store } from '../store/store';
import type { CallFailure, CentralClient } from './central-client';
import type { WireDigests } from './wire-digests';

export type UploadOutcome = { kind: 'done' } | { kind: 'failed'; failure: CallFailure } | { kind: 'rejected'; code: string; reason: string };

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export async function uploadPages(deps: {
  store: Store;
  outbox: Outbox;
  client: CentralClient;
  row: SubmissionRow;
  /** each page's digest in the terminal's suite (wire-digests.ts) */
  wire: WireDigests;
  chunkBytes: number;
  signal?: AbortSignal;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}): Promise<UploadOutcome> {
  const { store, outbox, client, row, chunkBytes, signal } = deps;
  const pages = store.outbox.pages(row.id);
  const total = pages.reduce((n, p) => n + p.size, 0);
  let sent = pages.filter((p) => p.uploaded_at).reduce((n, p) => n + p.size, 0);
  const perMaterial = new Map<string, number>();
  for (const p of pages) {
    const nth = (perMaterial.get(p.material_id) ?? 0) + 1;
    perMaterial.set(p.material_id, nth);
    if (p.uploaded_at) continue;
    const digest = deps.wire.get(p.sha256);
    if (!digest) return { kind: 'rejected', code: 'internal', reason: `第 ${p.seq + 1} 页没有摘要 / page ${p.seq + 1} has no digest` };
    const init = await client.call('attachmentInit', {
      json: { sha256: digest, size: p.size, mime: p.mime, name: `${p.material_id}-${nth}.${EXT[p.mime] ?? 'bin'}` },
      signal,
    });
    if (!init.ok) return init.failure.kind === 'rejected' ? { kind: 'rejected', code: init.failure.error, reason: init.failure.message } : { kind: 'failed', failure: init.failure };
    let state = init.body;
    if (!state.complete) {
      const bytes = outbox.pageBytes(row, p.seq);
      let restarts = 0;
      while (!state.complete) {
        const offset = state.received;
        const chunk = bytes.subarray(offset, Math.min(offset + chunkBytes, bytes.length));
        const r = await client.call('attachmentChunk', { params: { sha256: digest }, query: { offset }, bytes: chunk, signal });
        if (r.ok) {
          state = r.body;
        } else if (r.failure.kind === 'rejected' && (r.failure.error === 'offset-mismatch' || r.failure.error === 'hash-mismatch')) {
          // Resume where central says it is (a lost answer, or a restart after a bad hash).
          const resume = attachmentStateSchema.safeParse(r.failure.body);
          if (!resume.success) return { kind: 'rejected', code: r.failure.error, reason: r.failure.message };
          if (r.failure.error === 'hash-mismatch' && ++restarts > 2)
            return { kind: 'rejected', code: 'hash-mismatch', reason: `第 ${p.seq + 1} 页多次校验失败 / page ${p.seq + 1} failed digest verification repeatedly` };
          state = resume.data;
        } else if (r.failure.kind === 'rejected') {
          return { kind: 'rejected', code: r.failure.error, reason: r.failure.message };
        } else {
          return { kind: 'failed', failure: r.failure };
        }
        deps.onProgress?.(sent + state.received, total);
      }
    }
    store.outbox.markPageUploaded(row.id, p.seq, new Date().toISOString());
    sent += p.size;
    deps.onProgress?.(sent, total);
  }
  return { kind: 'done' };
}
