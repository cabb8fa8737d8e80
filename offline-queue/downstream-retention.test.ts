import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { openQueue, SERVICE_CODE, tempDir, TEST_SUITE, testCentral } from './test-support/harness';
import { sampleSubmission, testIdNumber } from './test-support/sample-submission';

let dir: string;
let central: RunningCentral;
let k: ReturnType<typeof openQueue>;
beforeEach(async () => {
  dir = tempDir('downstream-');
  central = await testCentral(dir);
  k = openQueue(dir, central.url);
  k.queue.start();
});
afterEach(async () => {
  await k.close();
  await central.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const admin = (p: string, method: string, body: unknown) =>
  fetch(`${central.url}${p}`, { method, headers: { Authorization: `Bearer ${central.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function submitted(pageBytes = 5000): Promise<{ receiptNo: string; caseNo: string }> {
  const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, idNumber: testIdNumber(314), pages: 2, pageBytes }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  await k.queue.syncNow();
  const view = k.queue.caseStatus(r.value.receiptNo)!;
  expect(view.delivery).toBe('sent');
  return { receiptNo: r.value.receiptNo, caseNo: view.caseNo! };
}

describe('downstream', () => {
  it('pulls every status with its notice (补正 items and deadline, 不予受理 reasons) with timestamps', async () => {
    const a = await submitted();
    const b = await submitted();
    await admin(`/v1/admin/cases/${a.caseNo}/status`, 'POST', { status: 'correction', items: [{ materialId: 'id-card', description: '身份证复印件不清晰' }], deadline: '2026-12-05' });
    await admin(`/v1/admin/cases/${a.caseNo}/status`, 'POST', { status: 'accepted' });
    await admin(`/v1/admin/cases/${a.caseNo}/status`, 'POST', { status: 'reviewing' });
    await admin(`/v1/admin/cases/${a.caseNo}/status`, 'POST', { status: 'concluded', decision: 'approved', documents: [{ name: '证明.pdf' }] });
    await admin(`/v1/admin/cases/${a.caseNo}/status`, 'POST', { status: 'delivered', method: 'counter' });
    await admin(`/v1/admin/cases/${b.caseNo}/status`, 'POST', { status: 'not-accepted', reasons: ['不属于本部门职权范围'] });
    await k.queue.syncNow();
    const va = k.queue.caseStatus(a.receiptNo)!;
    expect(va.events.map((e) => e.status)).toEqual(['received', 'correction', 'accepted', 'reviewing', 'concluded', 'delivered']);
    expect(va.status).toBe('delivered');
    expect(va.events[1]!.notice).toMatchObject({ deadline: '2026-12-05', items: [{ description: '身份证复印件不清晰' }] });
    expect(va.events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    // the 补正 and 受理 notices central issued come down with the result
    expect(va.documents.map((d) => d.name)).toEqual(['补正材料通知书.pdf', '受理通知书.pdf', '证明.pdf']);
    expect(va.documents.every((d) => d.available)).toBe(true);
    expect(k.queue.resultDocument(va.documents[2]!.id)!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const vb = k.queue.caseStatus(b.receiptNo)!;
    expect(vb.status).toBe('not-accepted');
    expect(vb.events.at(-1)!.notice).toMatchObject({ reasons: ['不属于本部门职权范围'] });
    expect(k.events).toContainEqual(expect.objectContaining({ type: 'case.status', receiptNo: a.receiptNo, status: 'concluded' }));
    // notices are sealed at rest too
    const raw = Buffer.concat([k.dbFile, `${k.dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(raw.includes(Buffer.from('身份证复印件不清晰'))).toBe(false);
  });

  it('pulls the holiday / working-day calendar', async () => {
    const year = new Date().getUTCFullYear();
    const days = [
      { date: `${year}-10-01`, kind: 'holiday', name: '国庆节' },
      { date: `${year}-10-02`, kind: 'holiday', name: '国庆节' },
    ];
    // pick a Saturday in that year as a 调休 working day
    const sat = new Date(Date.UTC(year, 8, 1));
    while (sat.getUTCDay() !== 6) sat.setUTCDate(sat.getUTCDate() + 1);
    const satIso = sat.toISOString().slice(0, 10);
    const weekday = new Date(Date.UTC(year, 8, 1));
    while (weekday.getUTCDay() !== 3) weekday.setUTCDate(weekday.getUTCDate() + 1);
    days.push({ date: satIso, kind: 'workday', name: '调休上班' });
    expect((await admin(`/v1/admin/calendar/${year}`, 'PUT', { version: 'v1', days })).status).toBe(200);
    expect(k.queue.isWorkingDay(`${year}-10-01`)).toBeNull(); // not pulled yet: unknown, not guessed
    await k.queue.syncNow();
    expect(k.queue.isWorkingDay(`${year}-10-01`)).toBe(false);
    expect(k.queue.isWorkingDay(satIso)).toBe(true);
    expect(k.queue.isWorkingDay(weekday.toISOString().slice(0, 10))).toBe(true);
    expect(k.logs.map((l) => l.event)).toContain('queue.calendar-updated');
  });
});

describe('evaluations (好差评)', () => {
  it('queues an evaluation offline and sends it exactly once after the case has a number', async () => {
    central.faults.update({ downForSec: 30 });
    const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const first = k.queue.evaluate(r.value.receiptNo, { rating: 5, comment: '工作人员帮办很耐心' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(k.queue.evaluate(r.value.receiptNo, { rating: 5, comment: '工作人员帮办很耐心', idempotencyKey: first.value.idempotencyKey })).toMatchObject({ ok: true, value: { duplicate: true } });
    expect(k.queue.evaluate('KSK0001-20200101-9999', { rating: 3, comment: null }).ok).toBe(false);
    // 一次一评: a second rating under a new key is refused here already, as central would refuse it
    expect(k.queue.evaluate(r.value.receiptNo, { rating: 1, comment: null })).toMatchObject({ ok: false, error: { kind: 'already-rated' } });
    expect(k.queue.caseStatus(r.value.receiptNo)!.evaluations).toEqual([expect.objectContaining({ rating: 5, state: 'pending' })]);
    central.faults.update({ downForSec: 0 });
    await k.queue.syncNow();
    expect(k.queue.caseStatus(r.value.receiptNo)!.evaluations).toEqual([expect.objectContaining({ state: 'sent' })]);
    expect(central.store.stats().evaluations).toBe(1);
    const row = central.store.db.prepare('SELECT rating, comment FROM evaluations').get();
    expect(row).toEqual({ rating: 5, comment: '工作人员帮办很耐心' });
    const raw = Buffer.concat([k.dbFile, `${k.dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(raw.includes(Buffer.from('工作人员帮办很耐心'))).toBe(false);
  });
});

describe('retention', () => {
  it('purges personal data of acknowledged submissions after the retention, keeping the audit row', async () => {
    const a = await submitted();
    // big enough for its pages to be kept in a page file rather than in the database
    const big = await submitted(100_000);
    const pending = k.queue.enqueue(sampleSubmission({ serviceCode: 'UNSENT-00000001' })); // never acknowledged (central rejects it)
    if (!pending.ok) throw new Error(JSON.stringify(pending.error));
    const row = k.store.outbox.byReceipt(a.receiptNo)!;
    const stored = k.store.outbox.pageStored(row.id, 0)!;
    if (!('data' in stored)) throw new Error('a small submission keeps its pages in the database');
    const sealedPage = stored.data.subarray(0, 64);
    const sealedDoc = row.document!.subarray(0, 64);
    const pagesDir = `${k.dbFile}.pages`;
    expect(fs.readdirSync(pagesDir)).toEqual([`${k.store.outbox.byReceipt(big.receiptNo)!.idempotency_key}.${TEST_SUITE}.pages`]);
    expect(k.queue.receiptsOfApplicant(testIdNumber(314))).toContain(a.receiptNo);
    expect(k.queue.purge(new Date(Date.now() + 6 * 86_400_000)).submissions).toBe(0); // within 7 days: kept
    expect(k.queue.purge(new Date(Date.now() + 8 * 86_400_000)).submissions).toBe(2);
    // the page file is gone too, and the space the purge freed went back to the file system
    expect(fs.readdirSync(pagesDir)).toEqual([]);
    expect(k.store.db.pragma('freelist_count', { simple: true })).toBe(0);
    const audit = k.store.outbox.byReceipt(a.receiptNo)!;
    expect(audit).toMatchObject({ receipt_no: a.receiptNo, service_code: SERVICE_CODE, state: 'sent', case_no: a.caseNo, document: null });
    expect(audit.created_at).toBeTruthy();
    expect(audit.purged_at).toBeTruthy();
    expect(k.store.outbox.pages(row.id)).toEqual([]);
    expect(k.queue.caseStatus(a.receiptNo)).toMatchObject({ purged: true, status: 'received' });
    // nor can the purged case be found by the applicant's card any more
    expect(k.queue.receiptsOfApplicant(testIdNumber(314))).not.toContain(a.receiptNo);
    // the bytes are gone from the files, not just unlinked (secure_delete + checkpoint)
    const raw = Buffer.concat([k.dbFile, `${k.dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(raw.includes(sealedPage)).toBe(false);
    expect(raw.includes(sealedDoc)).toBe(false);
    // what was never acknowledged is never purged
    expect(k.store.outbox.byReceipt(pending.value.receiptNo)!.document).not.toBeNull();
  });
});
