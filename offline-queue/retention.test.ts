// Retention gives the space back (issue 12): after purging acknowledged submissions the database
// is no bigger than the audit rows it keeps need, and their page files are gone. (The purge of
// personal data itself, and that its bytes are gone from the files: downstream-retention.test.ts.)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sealer } from './crypto/sealer';
import { Outbox } from './outbox';
import { COMPACT_AFTER_PURGED, purgeExpired } from './retention';
import { Store } from './store/store';
import { tempDir } from './test-support/harness';
import { sampleSubmission } from './test-support/sample-submission';

let dir: string;
beforeEach(() => {
  dir = tempDir('retention-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('retention', () => {
  it(`gives the space of ${COMPACT_AFTER_PURGED} purged submissions back: the database ends no bigger than the rows it keeps, compacted`, () => {
    const dbFile = path.join(dir, 'kiosk.db');
    const store = Store.open(dbFile);
    const outbox = new Outbox({ store, sealer: new Sealer(crypto.randomBytes(32)), terminalId: 'KSK0042', dbFile });
    // filling is not what is tested: without an fsync per submission
    store.db.pragma('synchronous = OFF');
    for (let i = 0; i < COMPACT_AFTER_PURGED; i++) expect(outbox.enqueue(sampleSubmission({ pages: 1, pageBytes: i % 100 ? 2000 : 140_000 })).ok).toBe(true);
    store.db.pragma('synchronous = FULL');
    const due = store.outbox.due(Date.now(), COMPACT_AFTER_PURGED);
    const ackedAt = new Date().toISOString();
    store.outbox.markSentAll(
      due.map((r, i) => ({ id: r.id, caseNo: `CASE-${i}` })),
      ackedAt,
    );
    store.outbox.checkpoint();
    const queued = fs.statSync(dbFile).size;
    expect(fs.readdirSync(`${dbFile}.pages`)).toHaveLength(COMPACT_AFTER_PURGED / 100);

    expect(purgeExpired(store, 7, new Date(Date.now() + 8 * 86_400_000))).toEqual({ submissions: COMPACT_AFTER_PURGED, documents: 0 });
    const after = fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);
    store.db.prepare('VACUUM INTO ?').run(path.join(dir, 'compact.db'));
    const compact = fs.statSync(path.join(dir, 'compact.db')).size;
    expect(after).toBeLessThanOrEqual(compact * 1.1);
    expect(after).toBeLessThan(queued / 4);
    expect(fs.readdirSync(`${dbFile}.pages`)).toEqual([]);
    // every audit row is still there
    expect(store.outbox.counts()).toEqual({ pending: 0, sent: COMPACT_AFTER_PURGED, dead: 0 });
    store.close();
  });
});
