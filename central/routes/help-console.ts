// The hall's help desk console (HTML + JSON, outside the kiosk contract like /fleet): staff sign
// in with their helper card number and PIN (central's own check and lockout), see the 呼叫帮助
// notices, the queue of 远程帮办 calls, the callbacks to make and the session log, answer a call
// and exchange its signalling. Every JSON route needs the session cookie (HttpOnly, SameSite
// Strict); every POST needs an application/json body, which a cross-site form cannot send.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { helpNoticeIdSchema, helpSignalSchema, helpSignalsQuerySchema } from '../../common/help-desk';
import { CONSOLE_COOKIE, CONSOLE_SESSION_SEC, type ConsoleSessions } from '../help/console-session';
import { CONSOLE_CSP, consoleLoginPage, consolePage } from '../help/console-page';
import { CONSOLE_SCRIPT } from '../help/console-script';
import { CONSOLE_STYLE } from '../help/console-style';
import type { HelpDesk, StaffRef } from '../help/help-desk';
import { openCallbacks, openNotices, sessionLog } from '../help/help-views';
import { parseWith, problem, readJsonBody } from '../http-helpers';
import type { CentralStore } from '../store';
import { helpAnswer, onCall } from './help-answers';

type Vars = { Variables: { staff: StaffRef } };

const loginSchema = z.object({ idNumber: z.string().trim().max(32), pin: z.string().max(32) });
const emptyBody = z.object({}).strict();

function withCsp(c: Context, body: string, type: 'html' | 'js' | 'css') {
  const types = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
  return c.body(body, 200, { 'Content-Type': types[type], 'Content-Security-Policy': CONSOLE_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
}

export function helpConsoleRoutes(deps: { store: CentralStore; desk: HelpDesk; sessions: ConsoleSessions; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const { desk, sessions, store } = deps;
  const cookie = { httpOnly: true, sameSite: 'Strict' as const, path: '/console', maxAge: CONSOLE_SESSION_SEC };

  const app = new Hono<Vars>();
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => problem(c, 413, 'too-large', '请求过大 / body too large') }));
  app.get('/console.js', (c) => withCsp(c, CONSOLE_SCRIPT, 'js'));
  app.get('/console.css', (c) => withCsp(c, CONSOLE_STYLE, 'css'));
  app.get('/login', (c) => withCsp(c, consoleLoginPage(null), 'html'));
  app.post('/login', async (c) => {
    const form = loginSchema.safeParse(await c.req.parseBody());
    if (!form.success) return c.html(consoleLoginPage('请填写证件号码和密码 / enter the card number and the PIN'), 400, { 'Content-Security-Policy': CONSOLE_CSP });
    const r = sessions.open(form.data.idNumber, form.data.pin);
    if (!r.ok) return c.html(consoleLoginPage(r.error.message), r.error.kind === 'locked' ? 423 : 401, { 'Content-Security-Policy': CONSOLE_CSP });
    setCookie(c, CONSOLE_COOKIE, r.value.token, cookie);
    return c.redirect('/console', 303);
  });

  // Everything below needs a signed-in staff member.
  app.use(async (c, next) => {
    const staff = sessions.check(getCookie(c, CONSOLE_COOKIE));
    if (!staff) {
      if (c.req.method === 'GET' && !c.req.path.startsWith('/console/api/')) return c.redirect('/console/login', 303);
      return problem(c, 401, 'unauthorized', '请先登录 / sign in first');
    }
    c.set('staff', staff);
    desk.staffPresent(staff);
    await next();
  });
  app.get('/', (c) => withCsp(c, consolePage(c.get('staff')), 'html'));
  app.post('/logout', (c) => {
    deleteCookie(c, CONSOLE_COOKIE, { path: '/console' });
    return c.redirect('/console/login', 303);
  });

  const api = new Hono<Vars>()
    .get('/state', (c) => {
      const t = now();
      return c.json({ staff: c.get('staff'), staffOnDuty: desk.staffOnDuty(), queue: desk.queue(), notices: openNotices(store, t), callbacks: openCallbacks(store, t), log: sessionLog(store, t) });
    })
    .post(
      '/calls/:callId/answer',
      onCall<Vars>(async (c, callId) => {
        const body = await readJsonBody(c, emptyBody);
        return body.ok ? helpAnswer(c, desk.answer(c.get('staff'), callId)) : body.response;
      }),
    )
    .get(
      '/calls/:callId/signals',
      onCall<Vars>((c, callId) => {
        const q = parseWith(c, c.req.query(), helpSignalsQuerySchema);
        return q.ok ? helpAnswer(c, desk.signals('staff', c.get('staff').staffId, callId, q.value.after)) : q.response;
      }),
    )
    .post(
      '/calls/:callId/signals',
      onCall<Vars>(async (c, callId) => {
        const body = await readJsonBody(c, helpSignalSchema);
        return body.ok ? helpAnswer(c, desk.postSignal('staff', c.get('staff').staffId, callId, body.value)) : body.response;
      }),
    )
    .post(
      '/calls/:callId/hangup',
      onCall<Vars>(async (c, callId) => {
        const body = await readJsonBody(c, z.object({ reason: z.enum(['hung-up', 'connection-lost']).default('hung-up') }).strict());
        if (!body.ok) return body.response;
        const staffId = c.get('staff').staffId;
        return helpAnswer(c, body.value.reason === 'connection-lost' ? desk.connectionLost('staff', staffId, callId) : desk.hangUp('staff', staffId, callId));
      }),
    )
    .post('/notices/:noticeId/ack', async (c) => {
      const p = parseWith(c, c.req.param(), z.object({ noticeId: helpNoticeIdSchema }));
      if (!p.ok) return p.response;
      const body = await readJsonBody(c, emptyBody);
      if (!body.ok) return body.response;
      if (!store.acknowledgeHelpNotice(p.value.noticeId, c.get('staff').staffId, now())) return problem(c, 409, 'taken', '已有同事处理 / a colleague already took it');
      return c.json({ ok: true as const });
    })
    .post('/callbacks/:seq/done', async (c) => {
      const p = parseWith(c, c.req.param(), z.object({ seq: z.coerce.number().int().min(1) }));
      if (!p.ok) return p.response;
      const body = await readJsonBody(c, emptyBody);
      if (!body.ok) return body.response;
      if (!store.finishHelpCallback(p.value.seq, c.get('staff').staffId, now())) return problem(c, 409, 'taken', '已回拨或已过期 / already called back or expired');
      return c.json({ ok: true as const });
    });
  app.route('/api', api);
  app.all('*', (c) => problem(c, 404, 'not-found', '无此页面 / no such page'));
  return app;
}
