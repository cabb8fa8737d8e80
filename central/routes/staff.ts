// 帮办代办 staff registry: the admin enrols helpers (central hashes the card number and PIN),
// terminals pull the registry signed and cache it so helpers can sign in offline.
import crypto from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { staffEnrolmentSchema, staffIdSchema } from '../../common/staff-registry';
import type { AuthVariables } from '../auth/terminal-auth';
import { parseWith, problem, readJsonBody } from '../http-helpers';
import { normaliseIdNumber, scryptHash, STAFF_SCRYPT_COST, type ScryptCost } from '../staff/staff-hash';
import type { CentralStore } from '../store';

/** PUT /v1/admin/staff/{staffId}, GET /v1/admin/staff/{staffId}/cases (admin token). */
export function staffAdminRoutes(deps: { store: CentralStore; adminToken: string; cost?: ScryptCost }) {
  const expected = Buffer.from(`Bearer ${deps.adminToken}`);
  const cost = deps.cost ?? STAFF_SCRYPT_COST;
  return new Hono()
    .use(async (c, next) => {
      const got = Buffer.from(c.req.header('authorization') ?? '');
      if (got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) return problem(c, 401, 'unauthorized', '需要管理令牌 / admin token required');
      await next();
    })
    .put('/:staffId', async (c) => {
      const p = parseWith(c, c.req.param(), z.object({ staffId: staffIdSchema }));
      if (!p.ok) return p.response;
      const body = await readJsonBody(c, staffEnrolmentSchema);
      if (!body.ok) return body.response;
      const e = body.value;
      deps.store.putStaff({
        staffId: p.value.staffId,
        name: e.name,
        township: e.township,
        idNumberHash: scryptHash(normaliseIdNumber(e.idNumber), cost),
        pinHash: scryptHash(e.pin, cost),
        active: e.active,
      });
      // The answer never echoes the number or the PIN.
      return c.json({ staffId: p.value.staffId, name: e.name, township: e.township, active: e.active, version: deps.store.staffRegistry()!.version });
    })
    .get('/:staffId/cases', (c) => {
      const p = parseWith(c, c.req.param(), z.object({ staffId: staffIdSchema }));
      if (!p.ok) return p.response;
      return c.json({
        cases: deps.store.casesOfHelper(p.value.staffId).map((r) => {
          const m = JSON.parse(r.manifest) as { authorisation?: { signedAt: string } | null };
          return { caseNo: r.case_no, receiptNo: r.receipt_no, terminalId: r.terminal_id, serviceCode: r.service_code, status: r.status, authorisedAt: m.authorisation?.signedAt ?? null };
        }),
      });
    });
}

/** GET /v1/staff (signed): the registry, revalidated with If-None-Match. */
export function staffRegistryRoutes(store: CentralStore) {
  return new Hono<{ Variables: AuthVariables }>().get('/staff', (c) => {
    const r = store.staffRegistry();
    if (!r) return problem(c, 404, 'no-registry', '尚未登记帮办人员 / no helpers enrolled yet');
    const etag = `"${r.version}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    const inm = c.req.header('If-None-Match');
    if (inm && inm.split(',').some((t) => t.trim() === etag)) return c.body(null, 304);
    return c.json(r);
  });
}
