// Central's answers hold personal data (case lookups, documents, helper sign-in): no HTTP
// cache may keep them. Only the public catalog is cacheable, revalidated with its ETag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralHarness, type CentralHarness } from './test-support/central-harness';

let h: CentralHarness;
beforeEach(() => {
  h = centralHarness();
});
afterEach(() => h.close());

const signed = (method: string, p: string, json?: unknown) => h.call({ method, path: p, json });
const admin = (p: string) => h.admin(p, 'GET');

describe('central Cache-Control', () => {
  it('marks every API answer no-store: data, errors, admin and fleet', async () => {
    const answers = {
      retiredStaffRegistry: await signed('GET', '/v1/staff'),
      lookup: await signed('POST', '/v1/cases/lookup', { by: 'receipt', receiptNo: 'KSK0001-20261122-0001' }),
      unsigned: await h.app.fetch(new Request('http://central.test/v1/cases/feed')),
      notFound: await signed('GET', '/v1/nope'),
      adminCases: await admin('/v1/admin/cases'),
      health: await h.app.fetch(new Request('http://central.test/v1/health')),
      fleet: await admin('/fleet/json'),
    };
    for (const [name, r] of Object.entries(answers)) expect(r.headers.get('cache-control'), `${name} (${r.status})`).toBe('no-store');
    expect(answers.unsigned.status).toBe(401);
  });

  it('keeps the public catalog revalidatable (no-cache with an ETag)', async () => {
    const r = await h.app.fetch(new Request('http://central.test/v1/catalog'));
    expect(r.headers.get('cache-control')).toBe('no-cache');
    const again = await h.app.fetch(new Request('http://central.test/v1/catalog', { headers: { 'If-None-Match': r.headers.get('etag')! } }));
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('no-cache');
  });
});
