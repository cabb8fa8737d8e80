// A submission queued before central refused hidden characters (by an older kiosk version) is not
// lost when central now refuses it: it stays in the outbox as a dead letter naming the field, and
// the technician is told, while the rest of the queue goes on.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { submissionSchema } from '../common/submission';
import { openQueue, SERVICE_CODE, tempDir, testCentral } from './test-support/harness';
import { sampleSubmission, testIdNumber } from './test-support/sample-submission';

let dir: string;
let central: RunningCentral;
let k: ReturnType<typeof openQueue>;
beforeEach(async () => {
  dir = tempDir('refused-text-');
  central = await testCentral(dir);
  k = openQueue(dir, central.url);
});
afterEach(async () => {
  await k.close();
  await central.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a queued item central now refuses', () => {
  it('becomes a dead letter with the reason, kept for the technician, and does not hold up the others', async () => {
    // As the previous version queued it: its own validation did not know the rule yet.
    const old = submissionSchema.parse(sampleSubmission({ serviceCode: SERVICE_CODE, idNumber: testIdNumber(41) }));
    old.form = { ...old.form, purpose: '申请\u0085证明' };
    expect(submissionSchema.safeParse(old).success).toBe(false); // today's kiosk would refuse it up front
    const queued = k.queue.outbox.enqueueValid(old);
    if (!queued.ok) throw new Error(JSON.stringify(queued.error));
    const fine = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, idNumber: testIdNumber(42) }));
    if (!fine.ok) throw new Error(JSON.stringify(fine.error));

    k.queue.start();
    await k.queue.syncNow();

    expect(k.queue.caseStatus(fine.value.receiptNo)!.delivery, JSON.stringify(k.logs)).toBe('sent');
    expect(k.queue.caseStatus(queued.value.receiptNo)!.delivery).toBe('dead');
    const dead = k.queue.deadLetters().find((d) => d.receiptNo === queued.value.receiptNo);
    expect(dead).toMatchObject({ code: 'invalid', reason: expect.stringContaining('form.purpose') });
    expect(k.events).toContainEqual(expect.objectContaining({ type: 'queue.dead-letter', receiptNo: queued.value.receiptNo }));
    expect(k.logs.map((l) => l.event)).toContain('queue.dead-letter');
    // still in the outbox, sealed, for a person to look at
    expect(k.store.outbox.byReceipt(queued.value.receiptNo)!.document).not.toBeNull();
  });
});
