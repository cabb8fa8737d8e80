// Central refuses names and texts that read differently from what they are (controls, bidi
// overrides, look-alike slashes, device names), whichever route they arrive by, storing nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../common/uuidv7';
import { centralHarness, type CentralHarness } from './test-support/central-harness';

let h: CentralHarness;
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => h.close());

describe('names and free text at central', () => {
  it('refuses attachment names with C1 controls, bidi overrides, look-alike slashes and device names', async () => {
    for (const name of ['page\u00851.jpg', 'invoice\u202egpj.exe', 'a\u2066b.jpg', '..\u2215..\u2215etc.jpg', 'x\uff0fy.jpg', 'a\u2044b.jpg', 'CON', 'con.jpg', 'LPT1.pdf', 'nul .png', 'page.jpg.']) {
      const r = await h.call({ method: 'POST', path: '/v1/attachments', json: { sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', name } });
      expect(r.status, JSON.stringify(name)).toBe(400);
    }
    expect(h.store.stats().attachments).toBe(0);
    expect((await h.call({ method: 'POST', path: '/v1/attachments', json: { sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', name: 'id-card-1.jpg' } })).status).toBe(200);
  });

  it('rejects a submission whose applicant name or form text hides controls or bidi marks', async () => {
    await expect(h.submit({ applicant: { name: '张\u202e三', idNumber: '320102199003070013', phone: null } })).rejects.toThrow(/applicant\.name/);
    await expect(h.submit({ form: { purpose: '申请\u0085证明' } })).rejects.toThrow(/form\.purpose/);
    expect(h.store.countCases()).toBe(0);
    expect(await h.submit({ form: { purpose: '申请证明（第一份）：急用！', note: '第一行\n第二行' } })).toMatch(/^AJ/);
  });

  it('refuses hidden characters in an evaluation comment, a postal address and a notice the office writes', async () => {
    const caseNo = await h.submit();
    const ev = await h.call({ method: 'POST', path: '/v1/evaluations', json: { idempotencyKey: uuidv7(), caseNo, rating: 1, comment: '很差\u202e评好' } });
    expect(ev.status).toBe(400);
    expect(h.store.stats().evaluations).toBe(0);
    const notice = await h.advance(caseNo, { status: 'not-accepted', reasons: ['不属于\u2067本部门\u2069职权范围'] });
    expect(notice.status).toBe(400);
    expect(h.store.caseRow(caseNo)!.status).toBe('received');
    await h.advance(caseNo, { status: 'accepted' });
    await h.advance(caseNo, { status: 'concluded', decision: 'approved', documents: [] });
    const address = { recipient: '张三', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '幸福路1号\u202e', postcode: '223800' };
    const post = await h.call({ method: 'POST', path: `/v1/cases/${caseNo}/delivery`, json: { idempotencyKey: uuidv7(), address } });
    expect(post.status).toBe(400);
    expect(h.store.delivery(caseNo)).toBeNull();
  });
});
