// 送达 is recorded only with a fact behind it: by post after the citizen asked for post, by
// self-service print after a kiosk printed the result. The admin route and the follow-up routes
// share one transition table, so neither can skip it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseLookupResponseSchema } from '../common/central-api';
import { uuidv7 } from '../common/uuidv7';
import { centralHarness, type CentralHarness } from './test-support/central-harness';

let h: CentralHarness;
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => h.close());

const ADDRESS = { recipient: '张三', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '幸福路1号', postcode: '223800' };

async function concluded(): Promise<{ caseNo: string; resultId: string }> {
  const caseNo = await h.submit();
  expect((await h.advance(caseNo, { status: 'accepted' })).status).toBe(200);
  const done = await h.advance(caseNo, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] });
  expect(done.status).toBe(200);
  return { caseNo, resultId: (done.body as { update: { documents: { id: string }[] } }).update.documents[0]!.id };
}

describe('case transitions', () => {
  it('refuses 送达 by post when nobody asked for post, and allows it after a postal request', async () => {
    const { caseNo } = await concluded();
    const early = await h.advance(caseNo, { status: 'delivered', method: 'post', trackingNo: 'SF1234567890' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'bad-transition', message: expect.stringContaining('no postal delivery was requested') });
    expect(h.store.caseRow(caseNo)!.status).toBe('concluded');
    const asked = await h.call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address: ADDRESS, proof: h.proof(caseNo) } });
    expect(asked.status).toBe(200);
    expect((await h.advance(caseNo, { status: 'delivered', method: 'post', trackingNo: 'SF1234567890' })).status).toBe(200);
    expect(h.store.caseRow(caseNo)!.status).toBe('delivered');
  });

  it('refuses 送达 by self-service print when no kiosk printed the result; a reported print records it', async () => {
    const { caseNo, resultId } = await concluded();
    expect((await h.advance(caseNo, { status: 'delivered', method: 'kiosk_print' })).status).toBe(409);
    const printed = await h.call({ method: 'POST', path: `/v1/documents/${resultId}/printed`, json: { printedAt: new Date().toISOString(), proof: h.proof(caseNo) } });
    expect(printed.status).toBe(200);
    const summary = caseLookupResponseSchema.parse(await (await h.call({ method: 'POST', path: '/v1/cases/lookup', json: { by: 'idNumber', idNumber: h.proof(caseNo).idNumber } })).json()).cases[0]!;
    expect(summary.status).toBe('delivered');
    expect(summary.events.at(-1)!.update).toMatchObject({ status: 'delivered', method: 'kiosk_print' });
  });

  it('still lets the office record 送达 at the counter or online, and never twice', async () => {
    const { caseNo } = await concluded();
    expect((await h.advance(caseNo, { status: 'delivered', method: 'counter' })).status).toBe(200);
    expect((await h.advance(caseNo, { status: 'delivered', method: 'online' })).status).toBe(409);
  });
});
