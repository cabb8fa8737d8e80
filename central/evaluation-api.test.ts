// 一次一评 at central: one rating per case and occasion. The acceptance (the visit the case was
// handed in, which the journey rates right after submitting) may be rated at once; the result
// only once the case is concluded. A repeat under the same key is the same rating.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../common/uuidv7';
import { centralHarness, OTHER_TERMINAL, type CentralHarness } from './test-support/central-harness';

let h: CentralHarness;
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => h.close());

const rate = (caseNo: string, o: { key?: string; stage?: 'acceptance' | 'result'; rating?: number } = {}) =>
  h.call({ method: 'POST', path: '/v1/evaluations', json: { idempotencyKey: o.key ?? uuidv7(), caseNo, rating: o.rating ?? 4, comment: null, ...(o.stage ? { stage: o.stage } : {}) } });

describe('evaluations (一次一评)', () => {
  it('takes one rating of a case under a new key; five more under new keys are refused with a reason', async () => {
    const caseNo = await h.submit();
    const key = uuidv7();
    const first = await rate(caseNo, { key, rating: 5 });
    expect(first.status).toBe(200);
    const { evaluationId } = await first.json();
    expect(await (await rate(caseNo, { key, rating: 5 })).json()).toEqual({ evaluationId, duplicate: true });
    for (let i = 0; i < 5; i++) {
      const again = await rate(caseNo, { rating: 1 });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ error: 'already-rated', message: expect.stringContaining('一次一评') });
    }
    expect(h.store.stats().evaluations).toBe(1);
    expect(h.store.evaluationList()).toEqual([expect.objectContaining({ caseNo, rating: 5 })]);
  });

  it('refuses a rating of the result before 办结, takes one after it, once', async () => {
    const caseNo = await h.submit();
    expect((await rate(caseNo)).status).toBe(200); // the acceptance, right after submitting
    const early = await rate(caseNo, { stage: 'result' });
    expect(early.status).toBe(409);
    expect((await early.json()).error).toBe('not-concluded');
    await h.advance(caseNo, { status: 'accepted' });
    await h.advance(caseNo, { status: 'concluded', decision: 'approved', documents: [] });
    expect((await rate(caseNo, { stage: 'result' })).status).toBe(200);
    expect((await rate(caseNo, { stage: 'result' })).status).toBe(409);
    expect(h.store.stats().evaluations).toBe(2);
  });

  it('lets no other terminal rate the case', async () => {
    const caseNo = await h.submit();
    const r = await h.call({ ...OTHER_TERMINAL, method: 'POST', path: '/v1/evaluations', json: { idempotencyKey: uuidv7(), caseNo, rating: 1, comment: null } });
    expect(r.status).toBe(404);
    expect(h.store.stats().evaluations).toBe(0);
  });
});
