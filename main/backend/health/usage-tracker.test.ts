import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../../offline-queue/store/store';
import { UsageTracker } from './usage-tracker';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('usage statistics', () => {
  it('counts each step reached, the last step of an abandoned session, and nothing for a finished one', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'usage-'));
    const store = Store.open(path.join(dir, 'k.db'));
    let clock = Date.parse('2026-11-22T02:00:00Z');
    const u = new UsageTracker(store.maintenance, 120_000, () => clock);
    // A finishes; B stops at materials and walks away; C moves on to follow-up and walks away there.
    for (const s of ['identity', 'form', 'materials', 'submitted']) u.step('sessionAAAA', 'apply', s);
    u.step('sessionBBBB', 'apply', 'identity');
    u.step('sessionBBBB', 'apply', 'materials');
    u.step('sessionBBBB', 'apply', 'materials'); // a repeat is not a second visit
    u.step('sessionCCCC', 'apply', 'identity');
    u.step('sessionCCCC', 'followup', 'lookup');
    clock += 121_000;
    const r = u.report(1);
    const by = Object.fromEntries(r.steps.map((s) => [`${s.journey}.${s.step}`, [s.reached, s.abandoned]]));
    expect(by).toEqual({
      'apply.identity': [3, 0],
      'apply.form': [1, 0],
      'apply.materials': [2, 1],
      'apply.submitted': [1, 0],
      'followup.lookup': [1, 1],
    });
    expect(r.days).toEqual(['2026-11-22']);
    // Rating after the receipt is optional: leaving at the rating screen is not abandonment.
    u.step('sessionDDDD', 'apply', 'review');
    u.step('sessionDDDD', 'apply', 'receipt');
    u.step('sessionDDDD', 'apply', 'rate');
    u.end('sessionDDDD');
    expect(
      u
        .report(1)
        .steps.filter((s) => s.abandoned > 0)
        .map((s) => `${s.journey}.${s.step}`),
    ).toEqual(['apply.materials', 'followup.lookup']);
    // Submissions by channel (自助办 / 代办) and whether the result needs a counter visit.
    u.recordSubmission({ receiptNo: 'DEV0001-20261122-0001', serviceCode: 'SVC-00000001', channel: 'kiosk', delivery: 'post' });
    u.recordSubmission({ receiptNo: 'DEV0001-20261122-0002', serviceCode: 'SVC-00000001', channel: 'helper', delivery: 'counter' });
    u.recordSubmission({ receiptNo: 'DEV0001-20261122-0002', serviceCode: 'SVC-00000001', channel: 'helper', delivery: 'counter' }); // counted once
    expect(u.report(1).submissions).toEqual([
      { day: '2026-11-22', serviceCode: 'SVC-00000001', channel: 'helper', count: 1, noVisit: 0 },
      { day: '2026-11-22', serviceCode: 'SVC-00000001', channel: 'kiosk', count: 1, noVisit: 1 },
    ]);
    store.close();
  });
});
