// Pages of large submissions kept as sealed files next to the database (issue 12): read back
// exactly, sealed (nothing of a page in clear on disk), private, never left behind by a failed
// commit or a crash, and a database from before page files still reads its pages.
// SIGKILL trials of this layout: crash.test.ts (odd trials write page files); a full disk:
// disk-full.test.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../common/uuidv7';
import { Sealer } from './crypto/sealer';
import { Outbox, PAGE_FILE_THRESHOLD } from './outbox';
import { openDatabase } from './store/database';
import { migrations } from './store/migrations';
import { PageFiles } from './store/page-files';
import { Store } from './store/store';
import { openQueue, tempDir, TEST_SUITE } from './test-support/harness';
import { sampleSubmission, testIdNumber } from './test-support/sample-submission';

let dir: string;
beforeEach(() => {
  dir = tempDir('page-files-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const key = crypto.randomBytes(32);

function open() {
  const dbFile = path.join(dir, 'kiosk.db');
  const store = Store.open(dbFile);
  return { store, dbFile, pagesDir: PageFiles.dirOf(dbFile), outbox: new Outbox({ store, sealer: new Sealer(key), terminalId: 'KSK0042', dbFile }) };
}

const big = (o: Parameters<typeof sampleSubmission>[0] = {}) => sampleSubmission({ pages: 3, pageBytes: 60_000, ...o });

describe('page files', () => {
  it('keeps the pages of a large submission sealed in one private file and reads each back exactly', () => {
    const { store, outbox, pagesDir } = open();
    const idNumber = testIdNumber(515);
    const input = big({ idNumber, name: '欧阳明月' });
    const r = outbox.enqueue(input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const small = outbox.enqueue(sampleSubmission({ pages: 1, pageBytes: 2000 }));
    expect(small.ok).toBe(true);
    // only the large one has a file; the small one's page stayed in its row
    expect(fs.readdirSync(pagesDir)).toEqual([`${r.value.idempotencyKey}.international.pages`]);
    const file = path.join(pagesDir, fs.readdirSync(pagesDir)[0]!);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(pagesDir).mode & 0o777).toBe(0o700);
    const raw = fs.readFileSync(file);
    for (const p of input.materials[0]!.pages) expect(raw.includes(Buffer.from(p.data).subarray(1000, 1032))).toBe(false);
    for (const clear of [Buffer.from(idNumber), Buffer.from('欧阳明月')]) expect(raw.includes(clear)).toBe(false);
    const row = store.outbox.byReceipt(r.value.receiptNo)!;
    input.materials[0]!.pages.forEach((p, seq) => expect(outbox.pageBytes(row, seq).equals(Buffer.from(p.data))).toBe(true));
    // a page file copied under another submission's name does not open as that submission's pages
    const other = outbox.enqueue(big());
    if (!other.ok) throw new Error(JSON.stringify(other.error));
    fs.copyFileSync(file, path.join(pagesDir, `${other.value.idempotencyKey}.international.pages`));
    expect(() => outbox.pageBytes(store.outbox.byReceipt(other.value.receiptNo)!, 0)).toThrow(/decrypt/);
    store.close();
  });

  it('stores pages below the threshold in the database and above it in a file', () => {
    const { store, outbox } = open();
    const at = (pageBytes: number) => {
      const r = outbox.enqueue(sampleSubmission({ pages: 1, pageBytes }));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const stored = store.outbox.pageStored(store.outbox.byReceipt(r.value.receiptNo)!.id, 0)!;
      return 'file' in stored ? 'file' : 'database';
    };
    expect(at(PAGE_FILE_THRESHOLD - 1024)).toBe('database');
    expect(at(PAGE_FILE_THRESHOLD + 1)).toBe('file');
    store.close();
  });

  it('leaves no file behind when the commit fails after the file was written, and issues no receipt', () => {
    const { store, outbox, pagesDir } = open();
    store.db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON submissions BEGIN SELECT RAISE(ABORT, 'simulated I/O error'); END");
    const r = outbox.enqueue(big());
    expect(r).toMatchObject({ ok: false, error: { kind: 'storage' } });
    expect(fs.readdirSync(pagesDir)).toEqual([]);
    store.db.exec('DROP TRIGGER refuse');
    const again = outbox.enqueue(big());
    expect(again.ok && again.value.receiptNo.endsWith('-0001')).toBe(true);
    store.close();
  });

  it('removes at start what a crash left between a file and its row, keeps every file a row names, and leaves all while a quarantined database is next to it', async () => {
    const first = openQueue(dir, 'http://127.0.0.1:9');
    const r = first.queue.enqueue(big());
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    await first.close();
    const pagesDir = PageFiles.dirOf(first.dbFile);
    const kept = `${r.value.idempotencyKey}.${TEST_SUITE}.pages`;
    // what a kill between the file's fsync and the commit leaves: a file no row names
    const orphan = `${uuidv7()}.international.pages`;
    fs.writeFileSync(path.join(pagesDir, orphan), crypto.randomBytes(1000), { mode: 0o600 });

    const quarantined = `${first.dbFile}.corrupt-${Date.now()}`;
    fs.writeFileSync(quarantined, 'a quarantined copy whose rows may name the orphan');
    const held = openQueue(dir, 'http://127.0.0.1:9');
    expect(fs.readdirSync(pagesDir).sort()).toEqual([kept, orphan].sort());
    expect(held.logs).toContainEqual({ event: 'queue.page-files-swept', fields: { removed: 0, skipped: true } });
    await held.close();

    fs.rmSync(quarantined);
    const second = openQueue(dir, 'http://127.0.0.1:9');
    try {
      expect(fs.readdirSync(pagesDir)).toEqual([kept]);
      expect(second.logs).toContainEqual({ event: 'queue.page-files-swept', fields: { removed: 1, skipped: false } });
      const row = second.store.outbox.byReceipt(r.value.receiptNo)!;
      expect(second.queue.outbox.pageBytes(row, 2).length).toBe(60_000);
    } finally {
      await second.close();
    }
  });

  it('writes each page as the pieces it was sealed into, back to back, and opens each whole (and the same as sealed in one piece)', () => {
    const pagesDir = path.join(dir, 'kiosk.db.pages');
    const files = new PageFiles(pagesDir);
    const sealer = new Sealer(key, { suite: TEST_SUITE });
    const plain = [crypto.randomBytes(70_000), crypto.randomBytes(1), crypto.randomBytes(131_073)];
    const sealed = plain.map((p, i) => sealer.sealParts(p, `page:k:${i}`));
    // an empty piece and a piece split in two change nothing about where each page is
    const [head, ...rest] = sealed[2]!;
    const pieces = [sealed[0]!, [Buffer.alloc(0), ...sealed[1]!], [head!.subarray(0, 3), head!.subarray(3), ...rest]];
    const places = files.write('k.pages', pieces);
    expect(places.map((p) => p.size)).toEqual(sealed.map((parts) => Buffer.concat(parts).length));
    expect(places.map((p) => p.offset)).toEqual([0, places[0]!.size, places[0]!.size + places[1]!.size]);
    expect(fs.statSync(path.join(pagesDir, 'k.pages')).size).toBe(places.reduce((n, p) => n + p.size, 0));
    plain.forEach((p, i) => expect(sealer.open(files.read('k.pages', places[i]!), `page:k:${i}`).equals(p)).toBe(true));
    // what seal() keeps in a row opens the same way
    expect(sealer.open(sealer.seal(plain[0]!, 'page:k:0'), 'page:k:0').equals(plain[0]!)).toBe(true);
  });

  it('says so when a page file is shorter than its rows say (a damaged disk), instead of sending a cut page', () => {
    const { store, outbox, pagesDir } = open();
    const r = outbox.enqueue(big());
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const file = path.join(pagesDir, fs.readdirSync(pagesDir)[0]!);
    fs.truncateSync(file, fs.statSync(file).size - 10);
    const row = store.outbox.byReceipt(r.value.receiptNo)!;
    expect(outbox.pageBytes(row, 0).length).toBe(60_000);
    expect(() => outbox.pageBytes(row, 2)).toThrow(/page file .* is shorter than recorded/);
    store.close();
  });

  it('still reads the pages of a database made before page files, whose pages are all in the database', () => {
    const dbFile = path.join(dir, 'kiosk.db');
    const old = openDatabase(
      dbFile,
      migrations.filter((m) => m.version <= 9),
    ).db;
    const sealer = new Sealer(key);
    const k = uuidv7();
    const page = crypto.randomBytes(200_000);
    const doc = sealer.sealJson({ hello: 'old' }, `submission:${k}`);
    old
      .prepare(
        `INSERT INTO submissions (idempotency_key, receipt_no, terminal_id, service_code, channel, created_at, content_mac, document, page_count, total_bytes)
         VALUES (?, 'KSK0042-20261201-0001', 'KSK0042', '320100-TEST-0001', 'kiosk', '2026-12-01T00:00:00Z', 'mac', ?, 1, ?)`,
      )
      .run(k, doc, page.length);
    old
      .prepare("INSERT INTO submission_pages (submission_id, seq, material_id, mime, size, sha256, data) VALUES (1, 0, 'id-card', 'image/jpeg', ?, 'x', ?)")
      .run(page.length, sealer.seal(page, `page:${k}:0`));
    old.close();

    const { store, outbox } = open();
    expect(store.opened.applied.map((m) => m.version)).toEqual([10]);
    expect(store.outbox.counts()).toEqual({ pending: 1, sent: 0, dead: 0 });
    expect(outbox.pageBytes(store.outbox.byKey(k)!, 0).equals(page)).toBe(true);
    // rebuilt once so retention can give space back
    expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    store.close();
  });
});
