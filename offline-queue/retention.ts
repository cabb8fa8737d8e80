// Retention: once central has acknowledged a submission, its personal data stays on the kiosk
// only for the configured number of days (for a reprint or a question at the counter), then it
// is removed, leaving the non-personal audit row: receipt number, service, times, status.
import type { Store } from './store/store';

export interface PurgeResult {
  submissions: number;
  documents: number;
}

export function purgeExpired(store: Store, retentionDays: number, now = new Date()): PurgeResult {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const at = now.toISOString();
  const { submissions, pageFiles } = store.outbox.purgeAcknowledgedBefore(cutoff, at);
  // only after the commit: until then the rows still name these files
  store.pageFiles.remove(pageFiles);
  const documents = store.outbox.purgeDocumentsFetchedBefore(cutoff, at);
  store.outbox.clearNoticesOfPurged();
  if (submissions || documents) {
    // The freed pages go back to the file system instead of waiting for reuse, and old WAL
    // frames, which still hold the sealed bytes, are rewritten by the checkpoint.
    store.outbox.reclaimFreePages();
    store.outbox.checkpoint();
  }
  return { submissions, documents };
}
