// Uploads one page as resumable chunks: asks central how much of it central holds, sends the
// rest from there, and reports the page done only when central says it is complete (central
// verifies the whole page's digest: SHA-256, or SM3 from an sm terminal). A page that fits in one
// chunk is declared by that chunk (contract 1.3.0): one request instead of two, and the same
// resume rules, as central answers a page it holds in part with the offset to go on from; a
// central older than 1.3.0 answers "declare first" and the page is declared alone, as before.
// `upload-pipeline.ts` runs several pages at once.
import { attachmentStateSchema, queryFileNameSchema, type AttachmentState } from '../../common/central-api';
import type { Outbox } from '../outbox';
import type { PageMeta, SubmissionRow } from '../store/outbox-tables';
import type { CallFailure, CentralClient } from './central-client';

export type UploadOutcome = { kind: 'done' } | { kind: 'failed'; failure: CallFailure } | { kind: 'rejected'; code: string; reason: string };

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export async function uploadPage(deps: {
  outbox: Outbox;
  client: CentralClient;
  row: SubmissionRow;
  page: PageMeta;
  /** the page's digest on the wire, in the terminal's suite (wire-digests.ts) */
  digest: string;
  /** the page's place within its material (1-based), for the file name central keeps */
  nth: number;
  chunkBytes: number;
  signal?: AbortSignal;
  /** bytes of this page central holds so far */
  onProgress?: (receivedBytes: number) => void;
}): Promise<UploadOutcome> {
  const { outbox, client, row, page: p, digest, nth, chunkBytes, signal } = deps;
  const declaration = { size: p.size, mime: p.mime, name: `${p.material_id}-${nth}.${EXT[p.mime] ?? 'bin'}` };
  const declare = async (): Promise<{ state: AttachmentState } | { outcome: UploadOutcome }> => {
    const init = await client.call('attachmentInit', { json: { sha256: digest, ...declaration }, signal });
    if (init.ok) return { state: init.body };
    return { outcome: init.failure.kind === 'rejected' ? { kind: 'rejected', code: init.failure.error, reason: init.failure.message } : { kind: 'failed', failure: init.failure } };
  };
  // A page of several chunks is declared first: central's answer says where to go on from, so
  // nothing it holds is sent again. A one-chunk page is declared with its chunk.
  let state: AttachmentState = { sha256: digest, size: p.size, received: 0, complete: false };
  let declared = false;
  if (p.size > chunkBytes || !queryFileNameSchema.safeParse(declaration.name).success) {
    const d = await declare();
    if ('outcome' in d) return d.outcome;
    state = d.state;
    declared = true;
  }
  if (state.complete) return { kind: 'done' };
  const bytes = outbox.pageBytes(row, p.seq);
  let restarts = 0;
  while (!state.complete) {
    const offset = state.received;
    const chunk = bytes.subarray(offset, Math.min(offset + chunkBytes, bytes.length));
    const whole = offset === 0 && chunk.byteLength === bytes.byteLength;
    const r = await client.call('attachmentChunk', {
      params: { sha256: digest },
      query: declared ? { offset } : { offset, ...declaration },
      bytes: chunk,
      ...(whole ? { bytesDigest: digest } : {}),
      signal,
    });
    if (!r.ok && r.failure.kind === 'rejected' && r.failure.status === 404 && !declared) {
      // A central before 1.3.0 does not take a declaration with the chunk.
      const d = await declare();
      if ('outcome' in d) return d.outcome;
      state = d.state;
      declared = true;
      continue;
    }
    if (r.ok) {
      state = r.body;
      declared = true;
    } else if (r.failure.kind === 'rejected' && (r.failure.error === 'offset-mismatch' || r.failure.error === 'hash-mismatch')) {
      // Resume where central says it is (a lost answer, or a restart after a bad hash).
      const resume = attachmentStateSchema.safeParse(r.failure.body);
      if (!resume.success) return { kind: 'rejected', code: r.failure.error, reason: r.failure.message };
      if (r.failure.error === 'hash-mismatch' && ++restarts > 2)
        return { kind: 'rejected', code: 'hash-mismatch', reason: `第 ${p.seq + 1} 页多次校验失败 / page ${p.seq + 1} failed digest verification repeatedly` };
      state = resume.data;
      declared = true;
    } else if (r.failure.kind === 'rejected') {
      return { kind: 'rejected', code: r.failure.error, reason: r.failure.message };
    } else {
      return { kind: 'failed', failure: r.failure };
    }
    deps.onProgress?.(state.received);
  }
  return { kind: 'done' };
}
