// Instants a terminal reports must be ones that could be true: a first print dated 2999 would be
// kept for good, a submission dated 9999 (or 1970) would sort and count wrongly forever.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_OFFLINE_DAYS } from '../common/plausible-time';
import { testIdNumber } from '../offline-queue/test-support/sample-submission';
import { sampleCatalog } from './catalog/sample-catalog';
import { caseManifest } from './test-support/case-manifest';
import { centralHarness, type CentralHarness } from './test-support/central-harness';

let h: CentralHarness;
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => h.close());

const DAY = 86_400_000;

async function concludedDocument(): Promise<{ caseNo: string; docId: string }> {
  const caseNo = await h.submit();
  expect((await h.advance(caseNo, { status: 'accepted' })).status).toBe(200);
  const done = await h.advance(caseNo, { status: 'concluded', decision: 'approved', documents: [{ name: '准予许可决定书.pdf' }] });
  return { caseNo, docId: (done.body as { update: { documents: { id: string }[] } }).update.documents[0]!.id };
}

const printed = (docId: string, printedAt: string) => h.call({ method: 'POST', path: `/v1/documents/${docId}/printed`, json: { printedAt, proof: h.proof(h.store.document(docId)!.caseNo) } });

describe('plausible instants from terminals', () => {
  it('refuses a first print dated in the future, and a later honest report is the one kept', async () => {
    const { docId } = await concludedDocument();
    const bogus = await printed(docId, '2999-12-31T00:00:00.000Z');
    expect(bogus.status).toBe(422);
    expect((await bogus.json()).error).toBe('implausible-time');
    expect(h.store.documentsOf((await h.store.document(docId))!.caseNo).find((d) => d.id === docId)!.printedAt).toBeNull();
    const honest = new Date().toISOString();
    expect(await (await printed(docId, honest)).json()).toMatchObject({ first: true, printedAt: honest });
  });

  it('refuses a print dated before the document existed', async () => {
    const { docId } = await concludedDocument();
    const r = await printed(docId, new Date(Date.now() - DAY).toISOString());
    expect(r.status).toBe(422);
    // within the clock skew a terminal is allowed, it is taken
    expect((await printed(docId, new Date(Date.now() + 60_000).toISOString())).status).toBe(200);
  });

  it('refuses a submission dated in the future or older than a terminal may stay offline, creating no case', async () => {
    for (const submittedAt of [
      '9999-12-31T00:00:00.000Z',
      new Date(Date.now() + 3_600_000).toISOString(),
      new Date(Date.now() - (MAX_OFFLINE_DAYS + 1) * DAY).toISOString(),
      '1970-01-01T00:00:00.000Z',
    ]) {
      await expect(h.submit({ submittedAt }), submittedAt).rejects.toThrow(/submittedAt/);
    }
    expect(h.store.countCases()).toBe(0);
  });

  it('takes a submission that waited weeks in an offline terminal, and its resend after the window', async () => {
    const m = {
      ...caseManifest({ receiptNo: 'KSK0001-20261122-0001', serviceCode: sampleCatalog.services[0]!.code, idNumber: testIdNumber(7) }),
      submittedAt: new Date(Date.now() - (MAX_OFFLINE_DAYS - 1) * DAY).toISOString(),
    };
    const send = async () => {
      const body = (await (await h.call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } })).json()) as { results?: { outcome: string; caseNo?: string }[] };
      if (!body.results) throw new Error(JSON.stringify(body));
      return body.results[0]!;
    };
    const first = await send();
    expect(first.outcome).toBe('created');
    // The answer was lost and the terminal resends days later, now past the window: the same case.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * DAY);
    try {
      expect(await send()).toMatchObject({ outcome: 'duplicate', caseNo: first.caseNo });
    } finally {
      vi.useRealTimers();
    }
  });
});
