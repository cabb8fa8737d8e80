// Uploads the pages of a batch of submissions with several requests in flight at once.
// One page at a time left the link idle while central committed each chunk (an fsync per
// request on either side) and while the kiosk opened the next sealed page: `--cpu-prof` of
// both processes in the sync bench showed them idle most of the wall time, waiting on each
// other. With a few pages in flight (each page's chunks still strictly in order, as central's
// offsets demand) those waits overlap.
// Idempotency is unchanged: each page is still declared by its digest and resumed from the
// offset central reports, so a dropped connection or a crash mid-pipeline at worst re-sends
// bytes central then refuses or already holds; a page two submissions share is sent once.
import type { Outbox } from '../outbox';
import type { PageMeta, SubmissionRow } from '../store/outbox-tables';
import type { Store } from '../store/store';
import type { CallFailure, CentralClient } from './central-client';
import { uploadPage, type UploadOutcome } from './uploader';
import type { WireDigests } from './wire-digests';

interface RowProgress {
  row: SubmissionRow;
  total: number;
  /** bytes of pages central confirmed complete */
  done: number;
  /** bytes central holds of pages still under way, by page */
  partial: Map<number, number>;
  remaining: number;
  uploaded: number[];
  outcome: UploadOutcome | null;
}

interface PageTask {
  at: RowProgress;
  page: PageMeta;
  /** the page's digest on the wire (the terminal's suite) */
  digest: string;
  nth: number;
}

export async function uploadSubmissions(deps: {
  store: Store;
  outbox: Outbox;
  client: CentralClient;
  rows: SubmissionRow[];
  /** each row's page digests in the terminal's suite, by the row's index */
  wires: WireDigests[];
  chunkBytes: number;
  /** pages in flight at once */
  concurrency: number;
  signal?: AbortSignal;
  /** progress of the oldest submission still uploading */
  onProgress?: (row: SubmissionRow, sentBytes: number, totalBytes: number) => void;
}): Promise<UploadOutcome[]> {
  const { store, outbox, client, chunkBytes, signal } = deps;
  const progress: RowProgress[] = [];
  const tasks: PageTask[] = [];
  for (const [i, row] of deps.rows.entries()) {
    const wire = deps.wires[i]!;
    const pages = store.outbox.pages(row.id);
    const at: RowProgress = { row, total: 0, done: 0, partial: new Map(), remaining: 0, uploaded: [], outcome: null };
    progress.push(at);
    const perMaterial = new Map<string, number>();
    for (const page of pages) {
      at.total += page.size;
      const nth = (perMaterial.get(page.material_id) ?? 0) + 1;
      perMaterial.set(page.material_id, nth);
      if (page.uploaded_at) at.done += page.size;
      else {
        const digest = wire.get(page.sha256);
        if (!digest) at.outcome ??= { kind: 'rejected', code: 'internal', reason: `page ${page.seq + 1} has no digest` };
        at.remaining++;
        tasks.push({ at, page, digest: digest ?? '', nth });
      }
    }
    if (at.remaining === 0) at.outcome ??= { kind: 'done' };
  }

  const report = () => {
    const head = progress.find((p) => p.outcome === null);
    if (head) deps.onProgress?.(head.row, head.done + [...head.partial.values()].reduce((n, b) => n + b, 0), head.total);
  };
  // Marks are a shortcut for the next pass (central answers "complete" to a page it holds
  // anyway), so the pages of every submission are marked in one transaction at the end of the
  // upload, not one fsync per page or per submission: a crash before it costs at most pages sent again.
  const keepMarks = () =>
    store.outbox.markPagesUploaded(
      progress.map((at) => ({ submissionId: at.row.id, seqs: at.uploaded.splice(0) })),
      new Date().toISOString(),
    );

  let linkFailure: CallFailure | null = null;
  const byDigest = new Map<string, Promise<UploadOutcome>>();
  let next = 0;
  const worker = async (pages = Infinity) => {
    let taken = 0;
    while (!linkFailure && next < tasks.length && taken < pages) {
      const { at, page, digest, nth } = tasks[next++]!;
      if (at.outcome) continue; // its submission was refused already
      taken++;
      let job = byDigest.get(digest);
      if (!job) {
        job = uploadPage({
          outbox,
          client,
          row: at.row,
          page,
          digest,
          nth,
          chunkBytes,
          signal,
          onProgress: (received) => {
            at.partial.set(page.seq, received);
            report();
          },
        });
        byDigest.set(digest, job);
      }
      const r = await job;
      at.partial.delete(page.seq);
      if (r.kind === 'failed') linkFailure ??= r.failure;
      else if (r.kind === 'rejected') at.outcome ??= r;
      else if (!at.outcome) {
        at.done += page.size;
        at.uploaded.push(page.seq);
        if (--at.remaining === 0) at.outcome = { kind: 'done' };
        report();
      }
    }
  };
  // One page alone first: while central is unreachable a pass then costs one failed request (one
  // signature: pure-JS SM2 under the sm suite), not one per worker, and an offline kiosk stays idle.
  try {
    await worker(1);
    await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, tasks.length)) }, () => worker()));
  } finally {
    keepMarks(); // what got through stays through for the next pass
  }
  return progress.map((at) => at.outcome ?? { kind: 'failed', failure: linkFailure ?? { kind: 'network', message: 'upload stopped' } });
}
