import { describe, expect, it } from 'vitest';
import { parseKioskEvent } from '../system/events';

describe('queue events on the SSE stream (maintenance sync progress)', () => {
  it('accepts queue.progress with an upload in flight and queue.dead-letter', () => {
    const p = {
      type: 'queue.progress',
      state: 'syncing',
      pending: 2,
      sent: 5,
      dead: 0,
      lastSyncAt: null,
      nextAttemptAt: null,
      upload: { receiptNo: 'DEV0001-20261122-0001', sentBytes: 10, totalBytes: 20 },
    };
    expect(parseKioskEvent(JSON.stringify(p))).toEqual(p);
    expect(parseKioskEvent(JSON.stringify({ ...p, upload: null }))).toEqual({ ...p, upload: null });
    const d = { type: 'queue.dead-letter', receiptNo: 'DEV0001-20261122-0002', code: 'unknown-service', reason: 'gone' };
    expect(parseKioskEvent(JSON.stringify(d))).toEqual(d);
  });
  it('refuses malformed progress', () => {
    const p = { type: 'queue.progress', state: 'syncing', pending: 2, sent: 5, dead: 0, lastSyncAt: null, nextAttemptAt: null, upload: null };
    expect(parseKioskEvent(JSON.stringify({ ...p, state: 'dancing' }))).toBeNull();
    expect(parseKioskEvent(JSON.stringify({ ...p, pending: -1 }))).toBeNull();
    expect(parseKioskEvent(JSON.stringify({ ...p, lastSyncAt: 'yesterday' }))).toBeNull();
    expect(parseKioskEvent(JSON.stringify({ ...p, upload: { receiptNo: 1 } }))).toBeNull();
  });
});
