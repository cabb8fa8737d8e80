// Retention: once central has acknowledged a submission, its personal data stays on the kiosk
// only for the configured number of days (for a reprint or a question at the counter), then it
// is removed, leaving the non-personal audit row: receipt number, service, times, status.
import type { Store } from './store/store';

export interface PurgeResult {
  submissions: number;
  documents: number;
}

const PURGED_SINCE_COMPACT = 'purged_since_compact';
/**
 * Purged submissions after which the database is rebuilt (VACUUM). A purge empties columns of
 * rows that stay (the audit row), which leaves their pages mostly empty without freeing them:
 * measured on 2,000 small submissions, the table kept 3.6 MB of pages for 0.6 MB of rows. So at
 * most this many submissions' worth of such slack (about 1.3 MB) is ever carried.
 */
export const COMPACT_AFTER_PURGED = 1000;

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
    let since = Number(store.outbox.getMeta(PURGED_SINCE_COMPACT) ?? 0) + submissions;
    if (since >= COMPACT_AFTER_PURGED && store.outbox.compact()) since = 0;
    store.outbox.setMeta(PURGED_SINCE_COMPACT, String(since));
    store.outbox.checkpoint();
  }
  return { submissions, documents };
}
