// A full disk (ENOSPC on a small tmpfs): the citizen is told clearly before any receipt, nothing
// already queued is damaged, and enqueueing works again once space returns. API level:
// main/backend/submissions-disk-full.test.ts.
// Needs root for `mount -t tmpfs`; where that is impossible this test FAILS with the reason.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sealer } from './crypto/sealer';
import { fileKeyProvider } from './crypto/key-provider';
import { Outbox, type EnqueueError } from './outbox';
import { Store } from './store/store';
import { tempDir } from './test-support/harness';
import { sampleSubmission } from './test-support/sample-submission';
import { fillVolume as fill, mountTmpfs as mount } from './test-support/tmpfs';

const unmounts: (() => void)[] = [];
let root: string;

function mountTmpfs(name: string, size: string): string {
  const dir = path.join(root, name);
  unmounts.push(mount(dir, size));
  return dir;
}

beforeAll(() => {
  root = tempDir('diskfull-');
});
afterAll(() => {
  for (const u of unmounts.reverse()) u();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('disk full', () => {
  // 'page file': submissions big enough for their pages to go to a page file, which meets ENOSPC
  for (const mode of ['early check', 'SQLite SQLITE_FULL', 'page file'] as const) {
    it(`refuses before a receipt, keeps what was queued, and recovers when space returns (${mode})`, () => {
      const dir = mountTmpfs({ 'early check': 'a', 'SQLite SQLITE_FULL': 'b', 'page file': 'c' }[mode], '4m');
      const pageBytes = mode === 'page file' ? 100_000 : 60_000;
      const dbFile = path.join(dir, 'kiosk.db');
      const store = Store.open(dbFile);
      const { key } = fileKeyProvider(path.join(dir, 'keys', 'outbox.key')).loadKey();
      const outbox = new Outbox({ store, sealer: new Sealer(key), terminalId: 'KSK0001', dbFile, freeSpaceCheck: mode === 'early check' });
      const pagesDir = path.join(dir, 'kiosk.db.pages');
      const filler = fill(dir, 1_200_000);
      const receipts: string[] = [];
      let refusal: EnqueueError | null = null;
      for (let i = 0; i < 40 && !refusal; i++) {
        const r = outbox.enqueue(sampleSubmission({ pages: 2, pageBytes }));
        if (r.ok) receipts.push(r.value.receiptNo);
        else refusal = r.error;
      }
      expect(refusal).toEqual({ kind: 'disk-full' });
      expect(receipts.length).toBeGreaterThan(0);
      // nothing half-written: exactly the receipted submissions, all readable, database intact
      expect(store.outbox.counts().pending).toBe(receipts.length);
      for (const row of store.outbox.due(Date.now(), 1000)) {
        expect(outbox.manifest(row).receiptNo).toBe(row.receipt_no);
        expect(outbox.pageBytes(row, 1).length).toBe(pageBytes);
      }
      // no half-written page file of the refused submission: one file per receipted one (or none)
      expect(fs.readdirSync(pagesDir).length).toBe(mode === 'page file' ? receipts.length : 0);
      expect((store.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      // space returns → the next citizen gets the next receipt number
      fs.rmSync(filler);
      const again = outbox.enqueue(sampleSubmission({ pages: 2, pageBytes }));
      expect(again.ok).toBe(true);
      if (again.ok) expect(again.value.receiptNo.slice(-4)).toBe(String(receipts.length + 1).padStart(4, '0'));
      store.close();
      // and the file reopens cleanly (no quarantine)
      const reopened = Store.open(dbFile);
      expect(reopened.opened.quarantinedTo).toBeNull();
      expect(reopened.outbox.counts().pending).toBe(receipts.length + 1);
      reopened.close();
      const raw = new Database(dbFile, { readonly: true });
      expect((raw.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      raw.close();
    });
  }
});
