// Follow-up through the real backend: simulators (ID card, code scanner, cups-pdf A4, face), the
// embedded central advanced through its admin API, the kiosk's sync engine in between.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../../central/catalog/sample-catalog';
import { caseManifest } from '../../../central/test-support/case-manifest';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';
import type { SimState } from '../../../devices/sim/sim-actions';
import { pdfText } from '../../../devices/test-support/poppler';
import { waitFor } from '../../../devices/test-support/wait';
import { newReceiptClaim, receiptClaimDigest, receiptQrPayload } from '../../../common/receipt-claim';
import { uuidv7 } from '../../../common/uuidv7';
import { bootBackend, type Backend } from '../boot';
import { createLogger } from '../log/logger';

const A4_QUEUE = 'kiosk-a4-followup';
const service = sampleCatalog.services.find((s) => s.kioskFull)!;
const card = SAMPLE_CARDS.resident;
let dataDir: string;
let backend: Backend;
const logLines: string[] = [];

const call = async (p: string, init: RequestInit = {}) => backend.fetch(new Request(`http://kiosk.test${p}`, init));
const post = async (p: string, body: unknown) => {
  const res = await call(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};
const admin = async (p: string, body: unknown, method = 'POST') => {
  const c = backend.central!;
  const res = await fetch(`${c.url}/v1/admin${p}`, { method, headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
};
const simState = async () => ((await (await call('/api/dev/sim')).json()) as { state: SimState }).state;

async function submitAndSync(): Promise<{ receiptNo: string; caseNo: string }> {
  const r = await post('/api/submissions', {
    idempotencyKey: uuidv7(),
    serviceCode: service.code,
    applicant: { name: card.name, idNumber: card.idNumber, phone: '13912345678' },
    form: {},
    materials: [{ materialId: service.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(2000).toString('base64') }] }],
    channel: 'kiosk',
    delivery: 'kiosk_print',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  await backend.ctx.queue.syncNow();
  const caseNo = backend.ctx.queue.caseStatus(r.body.receiptNo)!.caseNo!;
  expect(caseNo).toMatch(/^AJ/);
  return { receiptNo: r.body.receiptNo, caseNo };
}

/** What the receipt this kiosk printed holds in its QR: the number and the claim drawn at enqueue. */
function qrOf(receiptNo: string): string {
  const row = backend.ctx.store.outbox.byReceipt(receiptNo)!;
  return receiptQrPayload(receiptNo, backend.ctx.queue.outbox.claim(row)!);
}

/** The citizen holds a QR to the scanner: the paper receipt's (proof that the case is theirs) unless another text is given. */
async function present(receiptNo: string, text = qrOf(receiptNo)): Promise<void> {
  const wait = call('/api/progress/wait?timeoutMs=5000');
  await waitFor(() => backend.ctx.citizen.inputs.waiting > 0, 5000, 'listening');
  expect((await post('/api/dev/sim/actions', { device: 'code-scanner', action: 'scan', text })).status).toBe(200);
  expect(await (await wait).json()).toMatchObject({ kind: 'receipt', receiptNo });
}

/** The citizen takes the card off the reader and places it again, the screen listening. */
async function placeCardAgain(): Promise<void> {
  await post('/api/dev/sim/actions', { device: 'id-card-reader', action: 'remove' });
  await new Promise((res) => setTimeout(res, 400));
  const wait = call('/api/progress/wait?timeoutMs=8000');
  await waitFor(() => backend.ctx.citizen.inputs.waiting > 0, 5000, 'listening');
  await post('/api/dev/sim/actions', { device: 'id-card-reader', action: 'insert', card: 'resident' });
  expect(await (await wait).json()).toMatchObject({ kind: 'card' });
}

async function printedPdf(jobId: number): Promise<string> {
  const dir = (await simState()).a4.outputDir!;
  const file = await waitFor(() => fs.readdirSync(dir).find((f) => f.endsWith(`-job_${jobId}.pdf`)), 15_000, 'cups-pdf output');
  // cups-pdf may still be writing when the file appears: read until the text is there
  return waitFor(
    () => {
      try {
        const text = pdfText(path.join(dir, file));
        return text.trim().length > 0 ? text : null;
      } catch {
        return null;
      }
    },
    10_000,
    'pdf written',
  );
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-followup-'));
  backend = await bootBackend({
    dataDir,
    configFile: null,
    rendererDir: null,
    version: '0.0.0-test',
    firstSyncWaitMs: 2000,
    logger: createLogger({ sink: (l) => logLines.push(l), minLevel: 'debug' }),
    configOverrides: {
      devTools: true,
      devices: [
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 300 },
        { kind: 'a4-printer', mode: 'simulator', queue: A4_QUEUE },
        { kind: 'code-scanner', mode: 'simulator' },
      ],
    },
  });
  await backend.ctx.devices.settled();
  await waitFor(() => backend.ctx.catalog.service(service.code), 10_000, 'catalog');
}, 60_000);

afterAll(async () => {
  await backend?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('follow-up at the kiosk (real backend, simulators, embedded central)', () => {
  let first: { receiptNo: string; caseNo: string };

  it('scanning the receipt QR finds the case live as 受理 and prints the 受理通知书 on A4', async () => {
    first = await submitAndSync();
    await admin(`/cases/${first.caseNo}/status`, { status: 'accepted' });
    await present(first.receiptNo);

    const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
    expect(r.status).toBe(200);
    expect(r.body.source).toBe('live');
    const c = r.body.cases[0];
    expect(c).toMatchObject({ receiptNo: first.receiptNo, caseNo: first.caseNo, status: 'accepted', serviceName: service.name });
    expect(c.timeline.map((t: { status: string }) => t.status)).toEqual(['received', 'accepted']);
    const notice = c.documents.find((d: { name: string }) => d.name === '受理通知书.pdf');
    expect(notice).toMatchObject({ kind: 'notice', printable: true });

    const p = await post('/api/progress/print', { receiptNo: first.receiptNo, documentId: notice.id });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const text = await printedPdf(p.body.jobId);
    expect(text).toContain('Notice of Acceptance');
    expect(text).toContain(first.caseNo);
    // a notice may be printed again (lost it, needs a copy)
    expect((await post('/api/progress/print', { receiptNo: first.receiptNo, documentId: notice.id })).status).toBe(200);
  }, 60_000);

  it('placing the ID card finds the same person’s cases; the number is never logged in clear', async () => {
    const wait = call('/api/progress/wait?timeoutMs=8000');
    await waitFor(() => backend.ctx.citizen.inputs.waiting > 0, 5000, 'listening');
    await post('/api/dev/sim/actions', { device: 'id-card-reader', action: 'insert', card: 'resident' });
    expect(await (await wait).json()).toMatchObject({ kind: 'card' });
    const r = await post('/api/progress/lookup', { by: 'card' });
    expect(r.status).toBe(200);
    expect(r.body.cases.map((c: { receiptNo: string }) => c.receiptNo)).toContain(first.receiptNo);
    expect(JSON.stringify(r.body)).not.toContain(card.idNumber);
    expect(logLines.join('\n')).not.toContain(card.idNumber);
  }, 30_000);

  it('人证核验 against the card photo: match, no match, verifier down (simulator driven like the panel)', async () => {
    const live = { mime: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...crypto.randomBytes(400)]).toString('base64') };
    const ok = await post('/api/face/verify', { image: live });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.decision).toBe('match');
    await post('/api/dev/sim/actions', { device: 'face-verifier', action: 'no-match' });
    expect((await post('/api/face/verify', { image: live })).body.decision).toBe('no-match');
    await post('/api/dev/sim/actions', { device: 'face-verifier', action: 'unavailable' });
    const down = await post('/api/face/verify', { image: live });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ error: 'unavailable', retryable: false });
    await post('/api/dev/sim/actions', { device: 'face-verifier', action: 'match' });
    const garbage = await post('/api/face/verify', { image: { mime: 'image/jpeg', data: Buffer.from('not a picture at all, just text bytes '.repeat(5)).toString('base64') } });
    expect(garbage.status).toBe(422);
    expect(garbage.body.error).toBe('bad-image');
    // the session ends: the card is forgotten
    await post('/api/progress/end', {});
    expect((await post('/api/face/verify', { image: live })).status).toBe(409);
    expect((await post('/api/progress/lookup', { by: 'card' })).status).toBe(409);
  }, 30_000);

  it('补正: the correction notice lists every item with the deadline', async () => {
    const c = await submitAndSync();
    const ev = (await admin(`/cases/${c.caseNo}/status`, {
      status: 'correction',
      items: [
        { materialId: 'id-card', description: '身份证复印件不清晰' },
        { materialId: 'photo', description: '照片背景应为白色' },
      ],
      deadline: '2026-12-20',
    })) as { update: { documents: { id: string }[] } };
    const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo: c.receiptNo });
    expect(r.body.cases[0].status).toBe('correction');
    // a number typed (or guessed) shows status only: printing needs the receipt's QR or the card
    expect(r.body.cases[0]).toMatchObject({ access: 'status', mayHandle: false, documents: [] });
    const notice = ev.update.documents[0]!;
    const refused = await post('/api/progress/print', { receiptNo: c.receiptNo, documentId: notice.id });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'not-yours', area: 'followup' }); // 请扫描回执上的二维码… (i18n/refusals.ts)
    await present(c.receiptNo);
    expect((await post('/api/progress/lookup', { by: 'receipt', receiptNo: c.receiptNo })).body.cases[0].mayHandle).toBe(true);
    const p = await post('/api/progress/print', { receiptNo: c.receiptNo, documentId: notice.id });
    expect(p.status).toBe(200);
    const text = await printedPdf(p.body.jobId);
    expect(text).toContain('Items: 2');
    expect(text).toContain('[id-card]');
    expect(text).toContain('[photo]');
    expect(text).toContain('Deadline: 2026-12-20');
  }, 60_000);

  it('办结: the result prints once, a second print is refused and says so, central hears of the print', async () => {
    await admin(`/cases/${first.caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] });
    await backend.ctx.queue.syncNow();
    await present(first.receiptNo);
    const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
    const result = r.body.cases[0].documents.find((d: { kind: string }) => d.kind === 'result');
    expect(result).toMatchObject({ printable: true, printedAt: null });
    expect(r.body.cases[0].canRequestPost).toBe(true);
    const p = await post('/api/progress/print', { receiptNo: first.receiptNo, documentId: result.id });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(await printedPdf(p.body.jobId)).toContain(first.caseNo);
    const again = await post('/api/progress/print', { receiptNo: first.receiptNo, documentId: result.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'refused', area: 'followup', why: 'already-printed', printedAt: expect.any(String) });
    await waitFor(
      async () => {
        const live = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
        return live.body.cases[0].documents.find((d: { id: string }) => d.id === result.id).printedAt !== null && backend.ctx.store.followup.unreportedPrints().length === 0;
      },
      10_000,
      'print reported to central',
    );
    expect(logLines.some((l) => l.includes('"followup.result-printed"'))).toBe(true);
    expect(logLines.some((l) => l.includes('"followup.print-reported"'))).toBe(true);
    // printed here: postal delivery is no longer offered
    const after = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
    expect(after.body.cases[0].canRequestPost).toBe(false);
  }, 60_000);

  it('postal delivery: the address is validated, sent to central, and the tracking number shows once set', async () => {
    const c = await submitAndSync();
    await admin(`/cases/${c.caseNo}/status`, { status: 'accepted' });
    await admin(`/cases/${c.caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '证照.pdf' }] });
    await present(c.receiptNo);
    const address = { recipient: '王小明', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '幸福路 1 号', postcode: '223800' };
    expect((await post('/api/progress/delivery', { receiptNo: c.receiptNo, address: { ...address, phone: '12345' } })).status).toBe(400);
    const r = await post('/api/progress/delivery', { receiptNo: c.receiptNo, address });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.delivery).toMatchObject({ trackingNo: null });
    expect(logLines.join('\n')).not.toContain('幸福路');
    // asked again (another request, another key): central's 409 reaches the screen as its code; its words go to the log only
    const again = await post('/api/progress/delivery', { receiptNo: c.receiptNo, address });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'refused', area: 'followup', why: 'central', code: 'already-requested' });
    expect(logLines.some((l) => l.includes('"followup.central-refused"') && l.includes('"already-requested"') && l.includes('postal delivery was already requested'))).toBe(true);
    await admin(`/cases/${c.caseNo}/tracking`, { carrier: 'EMS', trackingNo: 'EA123456789CN' });
    const l = await post('/api/progress/lookup', { by: 'receipt', receiptNo: c.receiptNo });
    expect(l.body.cases[0].delivery).toMatchObject({ carrier: 'EMS', trackingNo: 'EA123456789CN' });
    const result = l.body.cases[0].documents.find((d: { kind: string }) => d.kind === 'result');
    expect(result.printable).toBe(false);
    expect((await post('/api/progress/print', { receiptNo: c.receiptNo, documentId: result.id })).status).toBe(409);
  }, 60_000);

  it('a stopped A4 printer: the citizen is told, and the result’s one print is not used up', async () => {
    const c = await submitAndSync();
    await admin(`/cases/${c.caseNo}/status`, { status: 'accepted' });
    await admin(`/cases/${c.caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '证照.pdf' }] });
    await backend.ctx.queue.syncNow();
    await present(c.receiptNo);
    const result = (await post('/api/progress/lookup', { by: 'receipt', receiptNo: c.receiptNo })).body.cases[0].documents.find((d: { kind: string }) => d.kind === 'result');
    expect((await post('/api/dev/sim/actions', { device: 'a4-printer', action: 'stop', reason: 'jam' })).status).toBe(200);
    const failed = await post('/api/progress/print', { receiptNo: c.receiptNo, documentId: result.id });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ error: 'printer', area: 'followup', failure: expect.stringMatching(/^stopped/) });
    expect(backend.ctx.store.followup.printedAt(result.id)).toBeNull();
    expect((await post('/api/dev/sim/actions', { device: 'a4-printer', action: 'resume' })).status).toBe(200);
    await waitFor(() => backend.ctx.devices.list().find((d) => d.device === 'a4-printer')?.health === 'ok', 10_000, 'printer back');
    const ok = await post('/api/progress/print', { receiptNo: c.receiptNo, documentId: result.id });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await printedPdf(ok.body.jobId)).toContain(c.caseNo);
  }, 60_000);

  it('送达 by post recorded at central shows its tracking number', async () => {
    const c = await submitAndSync();
    await admin(`/cases/${c.caseNo}/status`, { status: 'accepted' });
    await admin(`/cases/${c.caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [] });
    // 送达 by post needs the citizen's postal request first (central's transition table).
    backend.central!.store.requestDelivery(
      c.caseNo,
      'KSK0001',
      uuidv7(),
      JSON.stringify({ recipient: '张三', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '幸福路1号', postcode: '223800' }),
    );
    await admin(`/cases/${c.caseNo}/status`, { status: 'delivered', method: 'post', trackingNo: 'SF1234567890' });
    await present(c.receiptNo);
    const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo: c.receiptNo });
    expect(r.body.cases[0]).toMatchObject({ status: 'delivered', delivery: { trackingNo: 'SF1234567890' } });
  }, 30_000);

  it('a case taken at another terminal: its receipt QR and the applicant’s card find it here, and its notice prints from central’s copy', async () => {
    const c = backend.central!;
    c.store.registerTerminal('KSK0002', 'y'.repeat(40));
    const receiptNo = `KSK0002-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-0001`;
    const claim = newReceiptClaim();
    const m = { ...caseManifest({ receiptNo, serviceCode: service.code, idNumber: card.idNumber, name: card.name }), claimDigest: await receiptClaimDigest(claim) };
    const taken = c.store.intake('KSK0002', m, crypto.randomBytes(32).toString('hex'));
    expect(taken.kind).toBe('created');
    const caseNo = (taken as { caseNo: string }).caseNo;
    await admin(`/cases/${caseNo}/status`, { status: 'accepted' });

    await present(receiptNo, receiptQrPayload(receiptNo, claim));
    const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo });
    expect(r.body).toMatchObject({ source: 'live', cases: [{ receiptNo, caseNo, status: 'accepted', mayHandle: true }] });
    const notice = r.body.cases[0].documents.find((d: { name: string }) => d.name === '受理通知书.pdf');
    expect(backend.ctx.queue.resultDocument(notice.id)).toBeNull(); // not this kiosk's case: nothing downloaded here
    const p = await post('/api/progress/print', { receiptNo, documentId: notice.id });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(await printedPdf(p.body.jobId)).toContain(caseNo);

    // the card finds this kiosk's cases and the other terminal's alike
    await placeCardAgain();
    const byCard = await post('/api/progress/lookup', { by: 'card' });
    expect(byCard.body.cases.map((x: { receiptNo: string }) => x.receiptNo)).toEqual(expect.arrayContaining([receiptNo, first.receiptNo]));
    await post('/api/progress/end', {});
  }, 60_000);

  it('a self-made QR with a guessed receipt number shows status only — no notices, documents, print or post — and the genuine QR opens them', async () => {
    const c = await submitAndSync();
    await admin(`/cases/${c.caseNo}/status`, { status: 'accepted' });
    const done = (await admin(`/cases/${c.caseNo}/status`, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] })) as {
      update: { documents: { id: string }[] };
    };
    const resultId = done.update.documents[0]!.id;
    await backend.ctx.queue.syncNow(); // the result is downloaded here too: a forged QR must not print the local copy either
    const address = { recipient: '李四', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '陌生路 9 号', postcode: '223800' };
    for (const forged of [`GK2|${c.receiptNo}|${newReceiptClaim()}`, c.receiptNo, `https://example.test/q?r=${c.receiptNo}`]) {
      await present(c.receiptNo, forged);
      const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo: c.receiptNo });
      expect(r.status).toBe(200);
      expect(r.body.cases).toHaveLength(1);
      expect(r.body.cases[0]).toMatchObject({ receiptNo: c.receiptNo, status: 'concluded', access: 'status', mayHandle: false, caseNo: null, documents: [], delivery: null, canRequestPost: false });
      const text = JSON.stringify(r.body);
      for (const secret of [c.caseNo, '准予许可决定书', resultId, card.name]) expect(text).not.toContain(secret);
      const p = await post('/api/progress/print', { receiptNo: c.receiptNo, documentId: resultId });
      expect(p.status).toBe(403);
      expect(p.body).toMatchObject({ error: 'not-yours', area: 'followup' });
      expect((await post('/api/progress/delivery', { receiptNo: c.receiptNo, address })).status).toBe(403);
    }
    // nothing reached central: the result's one print and the postal choice are the citizen's still
    const central = backend.central!.store;
    expect(central.delivery(c.caseNo)).toBeNull();
    expect(central.documentsOf(c.caseNo).find((d) => d.id === resultId)!.printedAt).toBeNull();
    expect(backend.ctx.store.followup.printedAt(resultId)).toBeNull();
    expect(logLines.some((l) => l.includes('"followup.proof-refused"'))).toBe(true);

    await present(c.receiptNo);
    const genuine = await post('/api/progress/lookup', { by: 'receipt', receiptNo: c.receiptNo });
    expect(genuine.body.cases[0]).toMatchObject({ caseNo: c.caseNo, access: 'full', mayHandle: true, canRequestPost: true });
    expect(genuine.body.cases[0].documents.map((d: { id: string }) => d.id)).toContain(resultId);
    const printed = await post('/api/progress/print', { receiptNo: c.receiptNo, documentId: resultId });
    expect(printed.status, JSON.stringify(printed.body)).toBe(200);
    await waitFor(() => central.documentsOf(c.caseNo).find((d) => d.id === resultId)!.printedAt !== null, 10_000, 'central heard of the print');
    await post('/api/progress/end', {});
  }, 60_000);

  it('central refuses further lookups from this terminal for a while: the citizen is told to try again later', async () => {
    const central = backend.central!.store;
    const terminalId = backend.ctx.config.terminalId;
    for (let i = 0; i < 60; i++) central.auditLookup({ terminalId, at: Date.now(), action: 'lookup', by: 'receiptNo', found: false, proofOk: false, limited: false });
    const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ error: 'busy', area: 'followup' });
    expect(logLines.some((l) => l.includes('"followup.lookup-limited"'))).toBe(true);
    central.db.prepare('DELETE FROM lookup_audit').run();
    expect((await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo })).status).toBe(200);
  }, 30_000);

  it('offline: the last known state from the local store, with the time it dates from', async () => {
    await backend.ctx.queue.syncNow();
    await fetch(`${backend.central!.url}/v1/admin/faults`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${backend.central!.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ downForSec: 30 }),
    }).catch(() => null); // central goes away mid-answer
    const r = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
    expect(r.status).toBe(200);
    expect(r.body.source).toBe('local');
    expect(Date.parse(r.body.asOf)).toBeGreaterThan(Date.now() - 120_000);
    // the result was printed here, which central recorded as 送达 and this kiosk pulled
    expect(r.body.cases[0]).toMatchObject({ status: 'delivered', canRequestPost: false, access: 'status' });
    // offline the kiosk checks the claim itself: its own receipt's QR opens its copy, a self-made one does not
    await present(first.receiptNo, `GK2|${first.receiptNo}|${newReceiptClaim()}`);
    const forged = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
    expect(forged.body).toMatchObject({ source: 'local', cases: [{ access: 'status', mayHandle: false, documents: [] }] });
    await present(first.receiptNo);
    const genuine = await post('/api/progress/lookup', { by: 'receipt', receiptNo: first.receiptNo });
    expect(genuine.body).toMatchObject({ source: 'local', cases: [{ access: 'full', mayHandle: true }] });
    expect(genuine.body.cases[0].documents.map((d: { kind: string }) => d.kind)).toContain('result');
    // offline by card too: found by the keyed MAC of the number
    await placeCardAgain();
    const byCard = await post('/api/progress/lookup', { by: 'card' });
    expect(byCard.body.source).toBe('local');
    expect(byCard.body.cases.length).toBe(6);
    const post2 = await post('/api/progress/delivery', {
      receiptNo: first.receiptNo,
      address: { recipient: '王小明', phone: '13812345678', region: '江苏省宿迁市', detail: '幸福路 1 号', postcode: '223800' },
    });
    expect(post2.status).toBe(503);
  }, 60_000);
});
