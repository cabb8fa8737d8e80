// 远程帮办 and 呼叫帮助 at central (issue 15): a terminal places a call and is told its place in
// the queue and the estimated wait, a signed-in staff member answers it in the console, the two
// exchange signalling through central, and either hangs up; calls nobody answers become callbacks
// whose numbers only signed-in staff see and which are purged when done or expired; 呼叫帮助
// reaches the console and the fleet view with terminal, screen and waiting time. And the
// attacker's side: another terminal, an anonymous browser and another staff member get nothing.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helpCallStartedSchema, helpCallStatusSchema, helpSignalListSchema } from '../common/help-desk';
import { CALLBACK_KEEP_SEC, HELP_MAX_WAIT_SEC } from './help/help-desk';
import { estimateWaitSec, PICK_UP_SEC } from './help/wait-estimate';
import { CentralStore } from './store';
import { testCentralApp, type CheckedApp } from './test-support/checked-app';
import { signedRequest } from './test-support/signed-client';

const ADMIN = 'admin-token-for-help-tests-0123456789';
const T = { terminalId: 'KSK0001', secret: crypto.randomBytes(32).toString('base64url') };
const T2 = { terminalId: 'KSK0002', secret: crypto.randomBytes(32).toString('base64url') };
const STAFF_A = { staffId: 'HB-001', name: '周海燕', township: '耿车镇', idNumber: '32130219860914262X', pin: '135790' };
const STAFF_B = { staffId: 'HB-002', name: '孙立军', township: '耿车镇', idNumber: '321302197902031538', pin: '135790' };
const TURN = { urls: ['turn:127.0.0.1:3478?transport=udp'], secret: 'turn-shared-secret', relayOnly: true };
const SCREEN = { screen: 'apply', step: 'materials', serviceName: '社会保障卡申领' };
const PHONE = '13912345678';

let store: CentralStore;
let app: CheckedApp;
let clock: number;

beforeEach(async () => {
  store = new CentralStore(':memory:');
  store.registerTerminal(T.terminalId, T.secret);
  store.registerTerminal(T2.terminalId, T2.secret);
  clock = Date.parse('2026-12-02T02:00:00Z');
  app = testCentralApp({ store, adminToken: ADMIN, staffScryptCost: { N: 1024, r: 8, p: 1 }, now: () => clock, turn: TURN });
  for (const s of [STAFF_A, STAFF_B]) {
    const { staffId, ...body } = s;
    const r = await app.fetch(
      new Request(`http://central.test/v1/admin/staff/${staffId}`, { method: 'PUT', headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    );
    expect(r.status).toBe(200);
  }
});
afterEach(() => store.close());

async function kiosk(method: string, path: string, json?: unknown, who = T) {
  const res = await app.fetch(await signedRequest('http://central.test', { ...who, method, path, json, timestamp: clock }));
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Signs a staff member in at the console as a browser would (form post) and returns their cookie. */
async function signIn(s: { idNumber: string; pin: string }): Promise<{ status: number; cookie: string | null }> {
  const res = await app.fetch(
    new Request('http://central.test/console/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idNumber: s.idNumber, pin: s.pin }).toString(),
    }),
  );
  const set = res.headers.get('set-cookie');
  return { status: res.status, cookie: set ? set.split(';')[0]! : null };
}

async function consoleCall(cookie: string | null, method: string, path: string, json?: unknown) {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.fetch(new Request(`http://central.test/console${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) }));
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = { html: text };
  }
  return { status: res.status, body, headers: res.headers };
}

async function staffCookie(s = STAFF_A): Promise<string> {
  const r = await signIn(s);
  expect(r.status).toBe(303);
  return r.cookie!;
}

type ConsoleState = {
  queue: { callId: string; terminalId: string; position: number; waitedSec: number; screen: typeof SCREEN }[];
  notices: { noticeId: string; terminalId: string; screen: string; waitingSec: number }[];
  callbacks: { seq: number; terminalId: string; phone: string }[];
  log: { callId: string; staffId: string | null; waitedSec: number; talkedSec: number | null; endReason: string | null }[];
  staffOnDuty: number;
};
const state = async (cookie: string) => (await consoleCall(cookie, 'GET', '/api/state')).body as unknown as ConsoleState;

async function placeCall(who = T) {
  const r = await kiosk('POST', '/v1/help/calls', { screen: SCREEN }, who);
  expect(r.status).toBe(200);
  return helpCallStartedSchema.parse(r.body);
}

describe('a video call from the queue to the hang-up', () => {
  it('queues the call with its position, estimated wait and time-limited TURN credentials, and connects the two sides through central', async () => {
    const cookie = await staffCookie();
    await state(cookie); // the staff member is on duty
    const call = await placeCall();
    expect(call).toMatchObject({ state: 'waiting', position: 1, estimatedWaitSec: PICK_UP_SEC, staffName: null });
    // TURN REST credentials: the username carries the expiry, the password is its HMAC under the shared secret
    const server = call.ice.iceServers[0]!;
    expect(call.ice.iceTransportPolicy).toBe('relay');
    expect(server.urls).toEqual(TURN.urls);
    const [expiry, who] = server.username!.split(':');
    expect(who).toBe(T.terminalId);
    expect(Number(expiry) * 1000).toBe(Date.parse(call.ice.expiresAt));
    expect(Number(expiry) * 1000 - clock).toBe(3600_000);
    expect(server.credential).toBe(crypto.createHmac('sha1', TURN.secret).update(server.username!).digest('base64'));

    // a second terminal's call queues behind it
    const second = await placeCall(T2);
    expect(second.position).toBe(2);

    const s = await state(cookie);
    expect(s.queue.map((q) => [q.terminalId, q.position])).toEqual([
      ['KSK0001', 1],
      ['KSK0002', 2],
    ]);
    expect(s.queue[0]!.screen).toEqual(SCREEN);

    clock += 20_000;
    const answered = await consoleCall(cookie, 'POST', `/api/calls/${call.callId}/answer`, {});
    expect(answered.status).toBe(200);
    expect((answered.body!.ice as { iceServers: { username: string }[] }).iceServers[0]!.username).toMatch(/:HB-001$/);
    // a colleague cannot take the same call
    const colleague = await staffCookie(STAFF_B);
    expect((await consoleCall(colleague, 'POST', `/api/calls/${call.callId}/answer`, {})).status).toBe(409);

    const st = helpCallStatusSchema.parse((await kiosk('GET', `/v1/help/calls/${call.callId}`)).body);
    expect(st).toMatchObject({ state: 'answered', position: null, staffName: '周海燕' });
    // the second call moved up
    expect(helpCallStatusSchema.parse((await kiosk('GET', `/v1/help/calls/${second.callId}`, undefined, T2)).body).position).toBe(1);

    // signalling: the staff's offer reaches the kiosk, the kiosk's answer and candidate reach the staff
    expect((await consoleCall(cookie, 'POST', `/api/calls/${call.callId}/signals`, { kind: 'offer', data: 'v=0 offer-sdp' })).status).toBe(200);
    const atKiosk = helpSignalListSchema.parse((await kiosk('GET', `/v1/help/calls/${call.callId}/signals?after=0`)).body);
    expect(atKiosk.signals.map((x) => [x.kind, x.data])).toEqual([['offer', 'v=0 offer-sdp']]);
    expect((await kiosk('POST', `/v1/help/calls/${call.callId}/signals`, { kind: 'answer', data: 'v=0 answer-sdp' })).status).toBe(200);
    expect((await kiosk('POST', `/v1/help/calls/${call.callId}/signals`, { kind: 'candidate', data: '{"candidate":"c"}' })).status).toBe(200);
    const atStaff = helpSignalListSchema.parse((await consoleCall(cookie, 'GET', `/api/calls/${call.callId}/signals?after=0`)).body);
    expect(atStaff.signals.map((x) => x.kind)).toEqual(['answer', 'candidate']);
    // each side reads only what the other sent, from where it left off
    const last = atStaff.signals.at(-1)!.seq;
    expect(helpSignalListSchema.parse((await consoleCall(cookie, 'GET', `/api/calls/${call.callId}/signals?after=${last}`)).body).signals).toEqual([]);

    // the staff member hangs up: the kiosk sees it at its next poll, and the log has who, when, how long
    clock += 240_000;
    expect((await consoleCall(cookie, 'POST', `/api/calls/${call.callId}/hangup`, {})).status).toBe(200);
    expect(helpSignalListSchema.parse((await kiosk('GET', `/v1/help/calls/${call.callId}/signals?after=0`)).body).state).toBe('ended');
    expect(helpCallStatusSchema.parse((await kiosk('GET', `/v1/help/calls/${call.callId}`)).body)).toMatchObject({ state: 'ended', endReason: 'staff-hung-up' });
    expect((await kiosk('POST', `/v1/help/calls/${call.callId}/signals`, { kind: 'candidate', data: '{}' })).status).toBe(409);
    const log = (await state(cookie)).log.find((l) => l.callId === call.callId)!;
    expect(log).toMatchObject({ staffId: 'HB-001', waitedSec: 20, talkedSec: 240, endReason: 'staff-hung-up' });

    // the next citizen's estimate now uses how long that call took
    const third = await placeCall();
    expect(third.position).toBe(2);
    // one call ahead, one staff member on duty (the colleague's console has been quiet for minutes)
    expect(third.estimatedWaitSec).toBe(240 + PICK_UP_SEC);
  });

  it('a citizen hanging up while waiting leaves the queue and tells the console', async () => {
    const cookie = await staffCookie();
    const call = await placeCall();
    const r = await kiosk('POST', `/v1/help/calls/${call.callId}/hangup`);
    expect(helpCallStatusSchema.parse(r.body)).toMatchObject({ state: 'missed', endReason: 'citizen-hung-up' });
    expect((await state(cookie)).queue).toEqual([]);
    expect((await consoleCall(cookie, 'POST', `/api/calls/${call.callId}/answer`, {})).status).toBe(409);
  });
});

describe('nobody else gets into a call', () => {
  it('another terminal cannot see, signal, hang up or leave a number on a call, whatever it knows of its id', async () => {
    const call = await placeCall();
    const cookie = await staffCookie();
    await consoleCall(cookie, 'POST', `/api/calls/${call.callId}/answer`, {});
    await consoleCall(cookie, 'POST', `/api/calls/${call.callId}/signals`, { kind: 'offer', data: 'v=0 secret-sdp' });
    for (const [method, path, json] of [
      ['GET', `/v1/help/calls/${call.callId}`, undefined],
      ['GET', `/v1/help/calls/${call.callId}/signals?after=0`, undefined],
      ['POST', `/v1/help/calls/${call.callId}/signals`, { kind: 'answer', data: 'v=0 hijack' }],
      ['POST', `/v1/help/calls/${call.callId}/hangup`, undefined],
      ['POST', `/v1/help/calls/${call.callId}/callback`, { phone: PHONE }],
    ] as const) {
      const r = await kiosk(method, path, json, T2);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('secret-sdp');
    }
    // the call is untouched
    expect(helpCallStatusSchema.parse((await kiosk('GET', `/v1/help/calls/${call.callId}`)).body).state).toBe('answered');
    expect(helpSignalListSchema.parse((await consoleCall(cookie, 'GET', `/api/calls/${call.callId}/signals?after=0`)).body).signals).toEqual([]);
  });

  it('an anonymous caller, a forged cookie and a wrong PIN get no console, no call and no callback number', async () => {
    const call = await placeCall();
    await kiosk('POST', `/v1/help/calls/${call.callId}/callback`, { phone: PHONE });
    const forged = `central_staff=${Buffer.from(JSON.stringify({ v: 1, k: 'session', sid: 'HB-001', tid: 'help-console', iat: clock, exp: clock + 1e9 })).toString('base64url')}.${'A'.repeat(43)}`;
    const wrongPin = await signIn({ idNumber: STAFF_A.idNumber, pin: '000000' });
    expect(wrongPin.status).toBe(401);
    expect(wrongPin.cookie).toBeNull();
    for (const cookie of [null, forged]) {
      for (const [method, path, json] of [
        ['GET', '/api/state', undefined],
        ['POST', `/api/calls/${call.callId}/answer`, {}],
        ['GET', `/api/calls/${call.callId}/signals?after=0`, undefined],
        ['POST', `/api/calls/${call.callId}/signals`, { kind: 'offer', data: 'x' }],
        ['POST', '/api/callbacks/1/done', {}],
      ] as const) {
        const r = await consoleCall(cookie, method, path, json);
        expect(r.status, `${method} ${path}`).toBe(401);
        expect(JSON.stringify(r.body)).not.toContain(PHONE.slice(3));
      }
      const page = await consoleCall(cookie, 'GET', '');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/console/login');
    }
    // a helper's kiosk session proof is no console session either
    const helper = await kiosk('POST', '/v1/helpers/sign-in', { idNumber: STAFF_A.idNumber, pin: STAFF_A.pin });
    const proof = (helper.body!.session as { token: string }).token;
    expect((await consoleCall(`central_staff=${proof}`, 'GET', '/api/state')).status).toBe(401);
  });

  it('a staff member who did not answer a call cannot read or send its signalling', async () => {
    const call = await placeCall();
    const a = await staffCookie();
    const b = await staffCookie(STAFF_B);
    await consoleCall(a, 'POST', `/api/calls/${call.callId}/answer`, {});
    expect((await consoleCall(b, 'GET', `/api/calls/${call.callId}/signals?after=0`)).status).toBe(404);
    expect((await consoleCall(b, 'POST', `/api/calls/${call.callId}/signals`, { kind: 'offer', data: 'x' })).status).toBe(404);
    expect((await consoleCall(b, 'POST', `/api/calls/${call.callId}/hangup`, {})).status).toBe(404);
  });

  it('a staff member made inactive loses the console at once', async () => {
    const cookie = await staffCookie();
    expect((await consoleCall(cookie, 'GET', '/api/state')).status).toBe(200);
    const { staffId, ...body } = STAFF_A;
    await app.fetch(
      new Request(`http://central.test/v1/admin/staff/${staffId}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...body, active: false }),
      }),
    );
    expect((await consoleCall(cookie, 'GET', '/api/state')).status).toBe(401);
  });

  it('the console page allows no inline script and has no submit control', async () => {
    const page = await consoleCall(await staffCookie(), 'GET', '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = (page.body as { html: string }).html;
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
    // no control submits anything for the citizen (the sign-out form is the page's only form)
    expect(html.match(/<form[^>]*>/g)).toEqual(['<form method="post" action="/console/logout">']);
    expect(html).not.toMatch(/<button[^>]*>[^<]*(提交|Submit)/);
  });
});

describe('missed calls and callbacks', () => {
  it('a call nobody answers in time is missed; the number left is shown to signed-in staff only and purged once called back', async () => {
    const call = await placeCall();
    clock += (HELP_MAX_WAIT_SEC + 1) * 1000;
    expect(helpCallStatusSchema.parse((await kiosk('GET', `/v1/help/calls/${call.callId}`)).body)).toMatchObject({ state: 'missed', endReason: 'no-answer' });
    expect((await kiosk('POST', `/v1/help/calls/${call.callId}/callback`, { phone: '12345' })).status).toBe(400);
    const left = await kiosk('POST', `/v1/help/calls/${call.callId}/callback`, { phone: PHONE });
    expect(left.status).toBe(200);
    const cookie = await staffCookie();
    const cbs = (await state(cookie)).callbacks;
    expect(cbs).toMatchObject([{ terminalId: 'KSK0001', phone: PHONE }]);
    expect((await consoleCall(cookie, 'POST', `/api/callbacks/${cbs[0]!.seq}/done`, {})).status).toBe(200);
    expect((await state(cookie)).callbacks).toEqual([]);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM help_callbacks').all())).not.toContain(PHONE);
  });

  it('a number nobody called back is purged when it expires', async () => {
    const call = await placeCall();
    await kiosk('POST', `/v1/help/calls/${call.callId}/callback`, { phone: PHONE });
    expect(helpCallStatusSchema.parse((await kiosk('GET', `/v1/help/calls/${call.callId}`)).body).state).toBe('missed');
    clock += (CALLBACK_KEEP_SEC + 1) * 1000;
    const cookie = await staffCookie();
    expect((await state(cookie)).callbacks).toEqual([]);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM help_callbacks').all())).not.toContain(PHONE);
  });

  it('a call that was answered takes no callback', async () => {
    const call = await placeCall();
    await consoleCall(await staffCookie(), 'POST', `/api/calls/${call.callId}/answer`, {});
    expect((await kiosk('POST', `/v1/help/calls/${call.callId}/callback`, { phone: PHONE })).status).toBe(409);
  });
});

describe('呼叫帮助', () => {
  it('reaches the console and the fleet view with terminal, screen and waiting time, until a staff member takes it', async () => {
    const cookie = await staffCookie();
    await state(cookie);
    const r = await kiosk('POST', '/v1/help/requests', { screen: SCREEN, waitingSec: 45 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ staffOnDuty: 1 });
    clock += 30_000;
    const notices = (await state(cookie)).notices;
    expect(notices).toMatchObject([{ terminalId: 'KSK0001', screen: 'apply · materials · 社会保障卡申领', waitingSec: 75 }]);
    const fleet = await app.fetch(new Request('http://central.test/fleet', { headers: { Authorization: `Bearer ${ADMIN}` } }));
    const html = await fleet.text();
    expect(html).toContain('data-testid="fleet-help-notice" data-terminal="KSK0001"');
    expect(html).toContain('1 min 15 s');
    expect((await consoleCall(cookie, 'POST', `/api/notices/${notices[0]!.noticeId}/ack`, {})).status).toBe(200);
    expect((await consoleCall(cookie, 'POST', `/api/notices/${notices[0]!.noticeId}/ack`, {})).status).toBe(409);
    expect((await state(cookie)).notices).toEqual([]);
  });

  it('says how many staff are on duty, so the kiosk can offer the hotline when nobody is', async () => {
    const r = await kiosk('POST', '/v1/help/requests', { screen: SCREEN, waitingSec: 0 });
    expect(r.body).toMatchObject({ staffOnDuty: 0 });
  });
});

describe('estimated wait', () => {
  it('is the rounds of calls ahead shared among the staff on duty, times recent handling time', () => {
    expect(estimateWaitSec({ ahead: 0, staffOnDuty: 1, recentHandlingSec: [600] })).toBe(PICK_UP_SEC);
    expect(estimateWaitSec({ ahead: 2, staffOnDuty: 1, recentHandlingSec: [100, 200] })).toBe(2 * 150 + PICK_UP_SEC);
    expect(estimateWaitSec({ ahead: 3, staffOnDuty: 2, recentHandlingSec: [120] })).toBe(120 + PICK_UP_SEC);
    // nobody on duty still gives an estimate (as if one), never a division by zero
    expect(estimateWaitSec({ ahead: 1, staffOnDuty: 0, recentHandlingSec: [] })).toBe(180 + PICK_UP_SEC);
  });
});
