// 帮办代办 staff: the admin enrols helpers (central hashes the card number and PIN); terminals ask
// central to identify a helper's card and to verify the PIN (the hashes never leave central).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { helperIdentifyRequestSchema, helperSignInRequestSchema, staffEnrolmentSchema, staffIdSchema } from '../../common/staff-registry';
import type { AuthVariables } from '../auth/terminal-auth';
import { parseJsonBody, parseWith, problem, readJsonBody } from '../http-helpers';
import { HELPER_TOKEN_KEY, HelperSignIn, staffIdLookup, type HelperSignInError } from '../staff/helper-sign-in';
import { centralMac } from '../staff/central-mac';
import { verifyHelperToken } from '../staff/helper-tokens';
import { normaliseIdNumber, scryptHash, STAFF_SCRYPT_COST, type ScryptCost } from '../staff/staff-hash';
import type { CentralStore } from '../store';
import { requireAdminToken } from '../auth/admin-token';

/** PUT /v1/admin/staff/{staffId}, GET /v1/admin/staff/{staffId}/cases (admin token). */
export function staffAdminRoutes(deps: { store: CentralStore; adminToken: string; cost?: ScryptCost }) {
  const cost = deps.cost ?? STAFF_SCRYPT_COST;
  return new Hono()
    .use(requireAdminToken(deps.adminToken))
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
        idLookup: staffIdLookup(deps.store, e.idNumber),
      });
      // The answer never echoes the number or the PIN.
      return c.json({ staffId: p.value.staffId, name: e.name, township: e.township, active: e.active, version: deps.store.staffVersion()! });
    })
    .get('/:staffId/cases', (c) => {
      const p = parseWith(c, c.req.param(), z.object({ staffId: staffIdSchema }));
      if (!p.ok) return p.response;
      return c.json({
        cases: deps.store.casesOfHelper(p.value.staffId).map((r) => {
          const m = JSON.parse(r.manifest) as { authorisation?: { signedAt: string } | null; helperProof?: string | null };
          // how the helper had signed in: online (PIN verified by central) or offline (card + ticket)
          const claims = m.helperProof ? verifyHelperToken(centralMac(deps.store, HELPER_TOKEN_KEY), m.helperProof) : null;
          const signIn = claims ? (claims.k === 'session' ? 'online' : 'offline') : null;
          return { caseNo: r.case_no, receiptNo: r.receipt_no, terminalId: r.terminal_id, serviceCode: r.service_code, status: r.status, authorisedAt: m.authorisation?.signedAt ?? null, signIn };
        }),
      });
    });
}

function refusal(c: Context, e: HelperSignInError) {
  switch (e.kind) {
    case 'unknown-card':
      return problem(c, 404, 'unknown-card', e.message);
    case 'wrong-pin':
      // 422, not 401: a 401 from central means "this terminal's credentials are broken".
      return c.json({ error: 'wrong-pin' as const, message: e.message, attemptsLeft: e.attemptsLeft }, 422);
    case 'locked':
      return c.json({ error: 'locked' as const, message: e.message, lockedUntil: e.lockedUntil }, 423);
  }
}

/** POST /v1/helpers/identify and /v1/helpers/sign-in (signed by the terminal). */
export function helperSignInRoutes(store: CentralStore, now?: () => number) {
  const auth = new HelperSignIn(store, now);
  return new Hono<{ Variables: AuthVariables }>()
    .post('/helpers/identify', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), helperIdentifyRequestSchema);
      if (!body.ok) return body.response;
      const r = auth.identify(body.value.idNumber);
      return r.ok ? c.json(r.value) : refusal(c, r.error);
    })
    .post('/helpers/sign-in', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), helperSignInRequestSchema);
      if (!body.ok) return body.response;
      const r = auth.signIn(c.get('terminalId'), body.value.idNumber, body.value.pin);
      return r.ok ? c.json(r.value) : refusal(c, r.error);
    });
}
