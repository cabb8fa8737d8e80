// A submission central refuses for its receipt number (issue 10, finding 2: numbers are bound to
// their terminal and unique at central) is neither retried forever nor lost: it becomes a dead
// letter with central's reason, which the technician sees. Here a kiosk whose database was
// replaced starts its daily sequence again and issues a number central already holds.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { caseManifest } from '../central/test-support/case-manifest';
import { chinaDay } from '../common/china-time';
import { openQueue, SERVICE_CODE, tempDir, testCentral } from './test-support/harness';
import { sampleSubmission, testIdNumber } from './test-support/sample-submission';

let dir: string;
let central: RunningCentral;

beforeEach(async () => {
  dir = tempDir('receipt-refused-');
  central = await testCentral(dir);
});
afterEach(async () => {
  await central.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a receipt number central refuses', () => {
  it('becomes a dead letter with the reason after one attempt, and the case already holding the number stays', async () => {
    const k = openQueue(dir, central.url);
    const first = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, idNumber: testIdNumber(41), pages: 1, pageBytes: 500 }));
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    await k.close();
    // the same number is already held at central (filed before this database was replaced)
    const held = central.store.intake(first.value.receiptNo.split('-')[0]!, caseManifest({ receiptNo: first.value.receiptNo, serviceCode: SERVICE_CODE, idNumber: testIdNumber(42) }), 'f'.repeat(64));
    expect(held.kind).toBe('created');
    expect(first.value.receiptNo).toContain(chinaDay(new Date()));

    const again = openQueue(dir, central.url);
    again.queue.start();
    await again.queue.syncNow();
    await again.queue.syncNow();
    const dead = again.queue.deadLetters();
    expect(dead.map((d) => [d.receiptNo, d.code])).toEqual([[first.value.receiptNo, 'receipt-taken']]);
    expect(dead[0]!.reason).toContain('已有案件');
    expect(again.store.outbox.counts()).toEqual({ pending: 0, sent: 0, dead: 1 });
    expect(again.logs.filter((l) => l.event === 'queue.dead-letter')).toHaveLength(1);
    // nothing was taken from the case that holds the number
    expect(central.store.caseByReceiptNo(first.value.receiptNo)!.case_no).toBe((held as { caseNo: string }).caseNo);
    expect(central.store.countCases()).toBe(1);
    await again.close();
  });

  it('a document central will not release for the claim held here is skipped, not a stalled download: the calendar still syncs', async () => {
    const k = openQueue(dir, central.url);
    const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, idNumber: testIdNumber(43), pages: 1, pageBytes: 500 }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    k.queue.start();
    await k.queue.syncNow();
    const caseNo = k.queue.caseStatus(r.value.receiptNo)!.caseNo!;
    // central lost the claim's digest (restored from an old backup): the claim held here no longer opens the case
    central.store.db.prepare('UPDATE cases SET claim_digest = NULL WHERE case_no = ?').run(caseNo);
    central.store.advanceCase(caseNo, { status: 'accepted', owed: [], note: null, documents: [] });
    central.store.advanceCase(
      caseNo,
      { status: 'concluded', decision: 'approved', documents: [{ id: 'doc-refused-0001', name: '证照.pdf', mime: 'application/pdf', size: 4, sha256: 'a'.repeat(64), selfPrint: true }], note: null },
      [{ meta: { id: 'doc-refused-0001', name: '证照.pdf', mime: 'application/pdf', size: 4, sha256: 'a'.repeat(64), selfPrint: true }, data: Buffer.from('%PDF') }],
    );
    const year = new Date().getUTCFullYear();
    central.store.publishCalendar({ year, version: 'v-test', days: [] });
    await k.queue.syncNow();
    const events = k.logs.map((l) => l.event);
    expect(new Set(k.logs.filter((l) => l.event === 'queue.document-refused').map((l) => l.fields?.documentId))).toEqual(new Set(['doc-refused-0001']));
    // a refused proof is not a refused terminal: the sync engine carries on
    expect(events).not.toContain('queue.sync.auth-failed');
    expect(k.queue.status().state).not.toBe('auth-failed');
    expect(k.queue.resultDocument('doc-refused-0001')).toBeNull();
    expect(k.store.outbox.calendar(year)?.version).toBe('v-test');
    await k.close();
  });
});
