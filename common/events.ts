// Events the backend streams to the renderer (over SSE at /api/events).
// Each new producer adds its variant here so the renderer's switch stays exhaustive.
export type KioskEvent =
  | QueueEvent
  | { type: 'hello'; bootId: string }
  | { type: 'catalog.updated'; version: string }
  | { type: 'catalog.sync'; state: 'ok' | 'offline' | 'rejected'; message?: string };

// Offline queue and sync (offline-queue/ via ctx.queue). Receipt numbers are not personal data.
export type QueueSyncState = 'idle' | 'syncing' | 'offline' | 'backoff' | 'auth-failed' | 'stopped';
export type QueueProgressEvent = {
  type: 'queue.progress';
  state: QueueSyncState;
  pending: number;
  sent: number;
  dead: number;
  lastSyncAt: string | null;
  nextAttemptAt: string | null;
  /** the submission whose pages are uploading now */
  upload: { receiptNo: string; sentBytes: number; totalBytes: number } | null;
};
export type QueueEvent =
  | QueueProgressEvent
  | { type: 'queue.dead-letter'; receiptNo: string; code: string; reason: string }
  | { type: 'queue.alert'; kind: 'integrity' | 'key' | 'auth' | 'disk-full'; message: string }
  | { type: 'case.status'; receiptNo: string; caseNo: string; status: string; at: string };

export type KioskEventType = KioskEvent['type'];
