// Moving a terminal between crypto suites (issue 16): with `crypto.suite: "sm"` nothing
// personal is in clear in the database or its WAL and every sealed cell is SM4-GCM; a terminal
// switched from international with a backlog reads both suites, re-seals in the background,
// finds its citizens' receipts throughout, delivers everything once, and afterwards refuses
// what the old suite made; an sm terminal refuses central's answers made otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { CENTRAL_SUITE_HEADER } from '../common/request-signing';
import { DecryptError, suiteOfSealed, WrongSuiteError } from './crypto/sealer';
import { DROPPED_AT_SWITCH_END, SEALED_COLUMNS } from './store/reseal-tables';
import { Store } from './store/store';
import { openQueue, SERVICE_CODE, tempDir, testCentral, waitFor } from './test-support/harness';
import { sampleSubmission, testIdNumber } from './test-support/sample-submission';

let dir: string;
let central: RunningCentral;
beforeEach(() => {
  dir = tempDir('suite-switch-');
});
afterEach(async () => {
  await central?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Q = ReturnType<typeof openQueue>;

function sealedSuites(q: Q): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of SEALED_COLUMNS)
    for (const row of q.store.db.prepare(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.column} IS NOT NULL`).all() as { v: Buffer }[]) {
      const s = `${suiteOfSealed(row.v)}`;
      out[s] = (out[s] ?? 0) + 1;
    }
  return out;
}

describe('crypto suite sm at rest', () => {
  it('keeps no name, ID number, phone or page bytes in clear in the database, WAL or page files, and seals every cell and page with SM4-GCM', async () => {
    central = await testCentral(dir, 'sm');
    const q = openQueue(dir, central.url, { suite: 'sm' });
    try {
      const idNumber = testIdNumber(77);
      const s = sampleSubmission({ serviceCode: SERVICE_CODE, idNumber, name: '欧阳明月', pages: 1, pageBytes: 2048 });
      const page = Buffer.from(s.materials[0]!.pages[0]!.data).subarray(0, 64);
      const r = q.queue.enqueue(s);
      expect(r.ok).toBe(true);
      q.queue.evaluate(r.ok ? r.value.receiptNo : '', { rating: 2, comment: '欧阳明月说排队太久' });
      // a large submission: its pages go to a page file, which is sealed in sm too
      const large = sampleSubmission({ serviceCode: SERVICE_CODE, idNumber, name: '欧阳明月', pages: 2, pageBytes: 100_000 });
      const largePages = large.materials[0]!.pages.map((p) => Buffer.from(p.data).subarray(5000, 5064));
      const rl = q.queue.enqueue(large);
      if (!rl.ok) throw new Error(JSON.stringify(rl.error));
      const pagesDir = `${q.dbFile}.pages`;
      const pageFiles = fs.readdirSync(pagesDir).map((f) => path.join(pagesDir, f));
      expect(pageFiles.map((f) => path.basename(f))).toEqual([`${rl.value.idempotencyKey}.sm.pages`]);
      const files = [q.dbFile, `${q.dbFile}-wal`].filter((f) => fs.existsSync(f));
      expect(files).toContain(`${q.dbFile}-wal`);
      const raw = Buffer.concat([...files, ...pageFiles].map((f) => fs.readFileSync(f)));
      for (const clear of [Buffer.from(idNumber), Buffer.from(idNumber, 'utf16le'), Buffer.from('欧阳明月'), Buffer.from('13812345678'), Buffer.from('排队太久'), page, ...largePages])
        expect(raw.includes(clear)).toBe(false);
      expect(sealedSuites(q)).toEqual({ sm: 6 }); // 2 documents, 2 claims, the small page, comment
      const row = q.store.outbox.byKey(rl.value.idempotencyKey)!;
      for (const seq of [0, 1]) {
        const stored = q.store.outbox.pageStored(row.id, seq)!;
        if (!('file' in stored)) throw new Error('the large submission’s pages are in a page file');
        expect(suiteOfSealed(q.store.pageFiles.read(`${rl.value.idempotencyKey}.sm.pages`, stored.file.place))).toBe('sm');
      }
      // …and it is delivered, signed with SM2, to a central that holds the terminal to sm.
      q.queue.start();
      await waitFor(() => q.queue.status().sent === 2, 10_000, 'delivery');
      expect(central.store.countCases()).toBe(2);
      expect(q.queue.receiptsOfApplicant(idNumber)).toEqual([rl.value.receiptNo, r.ok && r.value.receiptNo]);
    } finally {
      await q.close();
    }
  });
});

describe('switching from international to sm', () => {
  it('knows every BLOB column of the schema: each is re-sealed or dropped at the end of a switch', () => {
    const store = Store.open(path.join(dir, 'schema.db'));
    try {
      const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      const blobs = tables.flatMap((t) =>
        (store.db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(t) as { name: string; type: string }[]).filter((c) => c.type === 'BLOB').map((c) => `${t}.${c.name}`),
      );
      expect(blobs.sort()).toEqual([...SEALED_COLUMNS, ...DROPPED_AT_SWITCH_END].map((c) => `${c.table}.${c.column}`).sort());
    } finally {
      store.close();
    }
  });

  it('reads both suites while it re-seals a backlog, delivers each submission once, then refuses the old suite', async () => {
    central = await testCentral(dir, 'international');
    central.faults.update({ downForSec: 600 });
    const ids = [1, 2, 3, 4, 5].map((n) => testIdNumber(200 + n));
    const before = openQueue(dir, central.url, { suite: 'international' });
    const receipts: string[] = [];
    for (const id of ids) {
      const r = before.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, idNumber: id, pages: 2, pageBytes: 3000 }));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      receipts.push(r.value.receiptNo);
    }
    expect(sealedSuites(before)).toEqual({ international: 20 });
    const oldBlob = before.store.db.prepare('SELECT claim, idempotency_key AS k FROM submissions LIMIT 1').get() as { claim: Buffer; k: string };
    await before.close();

    // The terminal is configured for sm; central registers it for sm with a transition window.
    central.store.setTerminalSuite('KSK0001', { suite: 'sm', transitionUntil: Date.now() + 60_000 });
    const after = openQueue(dir, central.url, { suite: 'sm', suiteSwitch: { batch: 2, pauseMs: 30 } });
    try {
      after.queue.start();
      // Mid-switch: both suites are on disk, and a citizen's card still finds every receipt.
      await waitFor(() => (sealedSuites(after).sm ?? 0) > 0, 5_000, 'the re-seal to begin');
      const mid = sealedSuites(after);
      expect(mid.international).toBeGreaterThan(0);
      ids.forEach((id, i) => expect(after.queue.receiptsOfApplicant(id)).toEqual([receipts[i]]));
      // The same application sent again under its key is still recognised (content MAC in either suite).
      await waitFor(() => after.queue.suiteSwitch.done, 10_000, 'the re-seal to finish');
      expect(sealedSuites(after)).toEqual({ sm: 20 });
      expect(after.logs.map((l) => l.event)).toEqual(expect.arrayContaining(['crypto.suite.switch-started', 'crypto.suite.switch-finished']));
      ids.forEach((id, i) => expect(after.queue.receiptsOfApplicant(id)).toEqual([receipts[i]]));

      central.faults.update({ downForSec: 0 });
      void after.queue.syncNow();
      await waitFor(() => after.queue.status().sent === 5, 15_000, 'delivery').catch((e) => {
        throw new Error(`${e}: ${JSON.stringify(after.queue.deadLetters())} ${JSON.stringify(after.queue.status())}`);
      });
      const cases = central.store.cases({ terminalId: 'KSK0001', limit: 100 });
      expect(cases.map((c) => c.receipt_no).sort()).toEqual([...receipts].sort());

      // No silent downgrade: an item the old suite made is refused now that the switch is over.
      let refused: unknown = null;
      try {
        // (an old-suite item put back into the database, e.g. from a backup taken before the switch)
        after.store.db.prepare('UPDATE submissions SET claim = ? WHERE idempotency_key = ?').run(oldBlob.claim, oldBlob.k);
        after.queue.outbox.claim(after.store.outbox.byKey(oldBlob.k)!);
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(WrongSuiteError);
      expect(refused).toBeInstanceOf(DecryptError);
    } finally {
      await after.close();
    }
    // A restart after the switch does not start another one.
    const again = openQueue(dir, central.url, { suite: 'sm' });
    expect(again.queue.suiteSwitch.done).toBe(true);
    await again.close();
  });

  it('an sm terminal refuses an answer central did not check in sm, and keeps the submission to send again', async () => {
    central = await testCentral(dir, 'sm');
    const strip: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      const headers = new Headers(res.headers);
      headers.set(CENTRAL_SUITE_HEADER, 'international');
      return new Response(res.body, { status: res.status, headers });
    };
    const q = openQueue(dir, central.url, { suite: 'sm', fetch: strip });
    try {
      const r = q.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, pages: 1, pageBytes: 1000 }));
      expect(r.ok).toBe(true);
      q.queue.start();
      await waitFor(() => q.queue.status().state === 'auth-failed', 10_000, 'the refusal');
      expect(q.queue.status()).toMatchObject({ pending: 1, sent: 0, dead: 0 });
      expect(q.logs.some((l) => l.event === 'central.suite-refused')).toBe(true);
    } finally {
      await q.close();
    }
  });
});
