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
  const submissions = store.outbox.purgeAcknowledgedBefore(cutoff, at);
  const documents = store.outbox.purgeDocumentsFetchedBefore(cutoff, at);
  store.outbox.clearNoticesOfPurged();
  // Old WAL frames still hold the sealed bytes until a checkpoint rewrites them.
  if (submissions || documents) store.outbox.checkpoint();
  return { submissions, documents };
}
