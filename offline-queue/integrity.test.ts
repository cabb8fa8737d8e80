import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQueue, SERVICE_CODE, tempDir, testCentral } from './test-support/harness';
import { sampleSubmission } from './test-support/sample-submission';

let dir: string;
beforeEach(() => {
  dir = tempDir('integrity-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function receiptsOf(n: number, k: ReturnType<typeof openQueue>): string[] {
  return Array.from({ length: n }, () => {
    const r = k.queue.enqueue(sampleSubmission({ pages: 1, pageBytes: 30_000 }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.receiptNo;
  });
}

describe('database integrity', () => {
  for (const damage of ['pages overwritten', 'header destroyed'] as const) {
    it(`quarantines a corrupt database (${damage}), alerts, and never reissues a receipt number`, async () => {
      const first = openQueue(dir, 'http://127.0.0.1:9');
      const before = receiptsOf(5, first);
      first.store.db.pragma('wal_checkpoint(TRUNCATE)');
      await first.close();
      const file = first.dbFile;
      const fd = fs.openSync(file, 'r+');
      if (damage === 'header destroyed') fs.writeSync(fd, Buffer.alloc(100, 0xee), 0, 100, 0);
      else fs.writeSync(fd, Buffer.alloc(8192, 0xee), 0, 8192, 4096 * 3);
      fs.closeSync(fd);

      const second = openQueue(dir, 'http://127.0.0.1:9');
      try {
        expect(second.store.opened.quarantinedTo).toMatch(/kiosk\.db\.corrupt-\d+$/);
        expect(fs.existsSync(second.store.opened.quarantinedTo!)).toBe(true); // moved aside, not deleted
        expect(second.queue.status().alerts.map((a) => a.kind)).toContain('integrity');
        expect(second.events).toContainEqual(expect.objectContaining({ type: 'queue.alert', kind: 'integrity', code: 'quarantined' }));
        const after = receiptsOf(3, second);
        for (const r of after) expect(before).not.toContain(r);
      } finally {
        await second.close();
      }
    });
  }

  it('recovers the readable submissions of a quarantined database, so receipted ones still reach central', async () => {
    const first = openQueue(dir, 'http://127.0.0.1:9');
    const before = Array.from({ length: 4 }, () => {
      const r = first.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, pages: 2, pageBytes: 8000 }));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.receiptNo;
    });
    await first.close();
    // Damage an index (its b-tree no longer matches its definition): the tables stay readable
    // but the integrity check fails.
    const raw = new Database(first.dbFile);
    raw.unsafeMode(true);
    raw.pragma('writable_schema = ON');
    raw.prepare("UPDATE sqlite_master SET sql = 'CREATE INDEX submissions_case ON submissions (receipt_no)' WHERE name = 'submissions_case'").run();
    raw.close();

    const central = await testCentral(dir);
    const second = openQueue(dir, central.url);
    try {
      expect(second.store.opened.quarantinedTo).not.toBeNull();
      expect(second.logs.find((l) => l.event === 'queue.salvaged')?.fields).toMatchObject({ recovered: 4, unreadable: 0 });
      const next = second.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE }));
      expect(next.ok && next.value.receiptNo.endsWith('-0005')).toBe(true);
      second.queue.start();
      await second.queue.syncNow();
      expect(second.queue.status()).toMatchObject({ pending: 0, sent: 5, dead: 0 });
      const atCentral = central.store.cases({}).map((c) => c.receipt_no);
      for (const r of before) expect(atCentral).toContain(r);
    } finally {
      await second.close();
      await central.close();
    }
  });

  it('keeps the schema forward-only: reopening applies nothing and keeps every row', async () => {
    const a = openQueue(dir, 'http://127.0.0.1:9');
    receiptsOf(2, a);
    await a.close();
    const b = openQueue(dir, 'http://127.0.0.1:9');
    expect(b.store.opened.applied).toEqual([]);
    expect(b.store.outbox.counts().pending).toBe(2);
    await b.close();
  });

  it('alerts when the at-rest key is not the one the data was written with, and dead-letters what it cannot read', async () => {
    const a = openQueue(dir, 'http://127.0.0.1:9');
    receiptsOf(1, a);
    await a.close();
    fs.rmSync(path.join(dir, 'kiosk', 'keys', 'outbox.key'));
    const b = openQueue(dir, 'http://127.0.0.1:9');
    try {
      expect(b.logs.map((l) => l.event)).toEqual(expect.arrayContaining(['queue.key-created', 'queue.key-mismatch']));
      expect(b.queue.status().alerts.map((x) => x.kind)).toContain('key');
      expect(b.queue.status().alerts).toContainEqual(expect.objectContaining({ code: 'key-mismatch' }));
      b.queue.start();
      const deadline = Date.now() + 5000;
      while (b.queue.status().dead === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(b.queue.deadLetters()[0]).toMatchObject({ code: 'undecryptable' });
    } finally {
      await b.close();
    }
  });
});
