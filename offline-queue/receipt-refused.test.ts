// A submission central refuses for its receipt number (issue 10, finding 2: numbers are bound to
// their terminal and unique at central) is neither retried forever nor lost: it becomes a dead
// letter with central's reason, which the technician sees. Here a kiosk whose database was
// replaced starts its daily sequence again and issues a number central already holds.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { caseManifest } from '../central/test-support/case-manifest';
import { chinaDay } from './china-time';
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
    if (!first.ok) throw new Error(first.error.message);
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
});
