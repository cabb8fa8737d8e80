import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import type { KioskEvent } from '../../common/events';
import type { SubmissionWire } from '../../common/submission';
import { uuidv7 } from '../../common/uuidv7';
import { testIdNumber } from '../../offline-queue/test-support/sample-submission';
import { tempKiosk, type TempKiosk } from './test-support/temp-kiosk';

const open: TempKiosk[] = [];
// devTools mounts the raw queue API (/api/submissions) these tests seed and inspect cases through.
async function kiosk(opts: Parameters<typeof tempKiosk>[0] = {}) {
  const k = await tempKiosk({ ...opts, overrides: { devTools: true, ...opts.overrides } });
  open.push(k);
  return k;
}
afterEach(async () => {
  while (open.length) {
    const k = open.pop()!;
    await k.close();
    fs.rmSync(k.dataDir, { recursive: true, force: true });
  }
});

const service = sampleCatalog.services.find((s) => s.kioskFull)!;

function wire(over: Partial<SubmissionWire> = {}): SubmissionWire {
  return {
    idempotencyKey: uuidv7(),
    serviceCode: service.code,
    applicant: { name: '李小龙', idNumber: testIdNumber(42), phone: '13912345678' },
    form: { reason: '自助机申请' },
    materials: [{ materialId: service.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(3000).toString('base64') }] }],
    channel: 'kiosk',
    delivery: 'kiosk_print',
    ...over,
  };
}

const post = (k: TempKiosk, body: unknown) => k.get('/api/submissions', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

describe('submissions API (real store, sync engine and embedded central)', () => {
  it('returns a receipt after commit, delivers it to central, and shows the case status with its result PDF', async () => {
    const k = await kiosk();
    const res = await post(k, wire());
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt.receiptNo).toMatch(/^DEV0001-\d{8}-0001$/);

    const synced = await (await k.asTechnician('/api/queue/sync', { method: 'POST' })).json();
    expect(synced).toMatchObject({ pending: 0, sent: 1, dead: 0 });
    expect(synced.lastSyncAt).not.toBeNull();
    const status = await (await k.get(`/api/submissions/${receipt.receiptNo}`)).json();
    expect(status).toMatchObject({ delivery: 'sent', status: 'received', caseNo: expect.stringMatching(/^AJ/) });

    // central processes the case (admin API of the embedded central), the kiosk pulls it
    const advance = (body: unknown) =>
      fetch(`${k.central!.url}/v1/admin/cases/${status.caseNo}/status`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${k.central!.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await advance({ status: 'accepted' })).status).toBe(200);
    expect((await advance({ status: 'concluded', decision: 'approved', documents: [{ name: '结果文书.pdf' }] })).status).toBe(200);
    await k.asTechnician('/api/queue/sync', { method: 'POST' });
    const after = await (await k.get(`/api/submissions/${receipt.receiptNo}`)).json();
    expect(after.events.map((e: { status: string }) => e.status)).toEqual(['received', 'accepted', 'concluded']);
    // the 受理通知书 central issued with 受理, then the result
    expect(after.documents).toEqual([
      expect.objectContaining({ name: '受理通知书.pdf', selfPrint: true, available: true }),
      expect.objectContaining({ name: '结果文书.pdf', selfPrint: true, available: true }),
    ]);
    const pdf = await k.get(`/api/submissions/${receipt.receiptNo}/documents/${after.documents[1].id}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // 好差评 at the end of the visit
    const evaluation = await k.get(`/api/submissions/${receipt.receiptNo}/evaluation`, {
      method: 'POST',
      body: JSON.stringify({ rating: 5, comment: '很方便' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(evaluation.status).toBe(201);
    expect((await k.get(`/api/submissions/${receipt.receiptNo}/evaluation`, { method: 'POST', body: JSON.stringify({ rating: 9 }), headers: { 'Content-Type': 'application/json' } })).status).toBe(
      400,
    );
    await k.asTechnician('/api/queue/sync', { method: 'POST' });
    expect(k.central!.store.stats().evaluations).toBe(1);
  });

  it('is not served on a production terminal (devTools off): citizens submit through the journey, documents need the card or QR', async () => {
    const k = await tempKiosk();
    open.push(k);
    const res = await post(k, wire());
    expect(res.status).toBe(404);
    expect(k.ctx.queue.status().pending).toBe(0);
    expect((await k.get('/api/submissions/DEV0001-20261122-0001')).status).toBe(404);
    expect((await k.get('/api/submissions/DEV0001-20261122-0001/documents/0123456789abcdef')).status).toBe(404);
    expect((await k.get('/api/submissions/DEV0001-20261122-0001/evaluation', { method: 'POST', body: JSON.stringify({ rating: 5 }), headers: { 'Content-Type': 'application/json' } })).status).toBe(
      404,
    );
  });

  it('answers a repeated POST with the same receipt, and refuses bad submissions with reasons', async () => {
    const k = await kiosk();
    const body = wire();
    const a = await (await post(k, body)).json();
    const again = await post(k, body);
    expect(again.status).toBe(200);
    expect((await again.json()).receiptNo).toBe(a.receiptNo);

    const bad = await post(k, { ...wire(), applicant: { name: '王', idNumber: '123' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues.map((i: { path: string }) => i.path)).toContain('applicant.idNumber');
    expect((await post(k, wire({ serviceCode: 'NOPE-00000000' }))).status).toBe(400);
    const wrongMaterial = await post(k, wire({ materials: [{ materialId: 'not-a-material', provision: 'shared', pages: [] }] }));
    expect((await wrongMaterial.json()).error).toBe('unknown-material');
    expect((await post(k, { ...body, form: { reason: 'changed' } })).status).toBe(409);
    const st = await (await k.asTechnician('/api/queue/status')).json();
    expect(st.pending + st.sent).toBe(1);
  });

  it('lists a submission central rejects as a dead letter with the reason, and sends it again on a technician retry', async () => {
    const k = await kiosk();
    const seen: KioskEvent[] = [];
    k.ctx.bus.subscribe((e) => seen.push(e));
    // Central withdraws the service after this kiosk cached the catalog.
    const without = { ...sampleCatalog, version: 'withdrawn', services: sampleCatalog.services.filter((s) => s.code !== service.code) };
    k.central!.store.publishCatalog(without);
    const receipt = await (await post(k, wire())).json();
    await k.asTechnician('/api/queue/sync', { method: 'POST' });
    const { deadLetters } = await (await k.asTechnician('/api/queue/dead-letters')).json();
    expect(deadLetters).toEqual([expect.objectContaining({ receiptNo: receipt.receiptNo, code: 'unknown-service', reason: expect.stringContaining(service.code) })]);
    expect((await (await k.asTechnician('/api/queue/status')).json()).dead).toBe(1);
    expect(seen).toContainEqual(expect.objectContaining({ type: 'queue.dead-letter', receiptNo: receipt.receiptNo }));
    expect(seen.some((e) => e.type === 'queue.progress')).toBe(true);
    // central publishes the service again; the technician retries
    k.central!.store.publishCatalog({ ...sampleCatalog, version: 'restored' });
    expect((await k.asTechnician('/api/queue/dead-letters/999/retry', { method: 'POST' })).status).toBe(404);
    expect((await k.asTechnician(`/api/queue/dead-letters/${deadLetters[0].id}/retry`, { method: 'POST' })).status).toBe(200);
    const after = await (await k.asTechnician('/api/queue/sync', { method: 'POST' })).json();
    expect(after).toMatchObject({ pending: 0, sent: 1, dead: 0 });
    expect(k.central!.store.countCases()).toBe(1);
  });

  it('keeps the terminal secret and at-rest key in 0600 files under the data dir', async () => {
    const k = await kiosk();
    for (const f of ['terminal.secret', 'outbox.key']) expect(fs.statSync(path.join(k.dataDir, 'keys', f)).mode & 0o777).toBe(0o600);
    expect(k.logLines.some((l) => l.includes('"queue.opened"'))).toBe(true);
  });
});
