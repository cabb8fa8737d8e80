// 远程帮办 and 呼叫帮助 for terminals (signed): place a video call, follow it, exchange its
// signalling, hang up, leave a number for a callback, and call someone from the hall to the
// kiosk. Every call route answers only the terminal that placed the call (central/help/).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { helpCallbackRequestSchema, helpCallIdSchema, helpCallStartSchema, helpRequestSchema, helpSignalSchema, helpSignalsQuerySchema } from '../../common/help-desk';
import type { AuthVariables } from '../auth/terminal-auth';
import type { HelpDesk, HelpDeskError } from '../help/help-desk';
import { parseJsonBody, parseWith, problem } from '../http-helpers';

export function helpRefusal(c: Context, e: HelpDeskError) {
  switch (e.kind) {
    case 'not-found':
      return problem(c, 404, 'not-found', e.message);
    case 'not-waiting':
      return problem(c, 409, 'not-waiting', e.message);
    case 'over':
      return problem(c, 409, 'call-over', e.message);
    case 'too-many-signals':
      return problem(c, 409, 'too-many-signals', e.message);
  }
}

const callParam = z.object({ callId: helpCallIdSchema });

export function helpRoutes(desk: HelpDesk) {
  return new Hono<{ Variables: AuthVariables }>()
    .post('/help/calls', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), helpCallStartSchema);
      if (!body.ok) return body.response;
      return c.json(desk.startCall(c.get('terminalId'), body.value.screen));
    })
    .get('/help/calls/:callId', (c) => {
      const p = parseWith(c, c.req.param(), callParam);
      if (!p.ok) return p.response;
      const r = desk.callOfTerminal(c.get('terminalId'), p.value.callId);
      return r.ok ? c.json(r.value) : helpRefusal(c, r.error);
    })
    .get('/help/calls/:callId/signals', (c) => {
      const p = parseWith(c, c.req.param(), callParam);
      if (!p.ok) return p.response;
      const q = parseWith(c, c.req.query(), helpSignalsQuerySchema);
      if (!q.ok) return q.response;
      const r = desk.signals('kiosk', c.get('terminalId'), p.value.callId, q.value.after);
      return r.ok ? c.json(r.value) : helpRefusal(c, r.error);
    })
    .post('/help/calls/:callId/signals', (c) => {
      const p = parseWith(c, c.req.param(), callParam);
      if (!p.ok) return p.response;
      const body = parseJsonBody(c, c.get('rawBody'), helpSignalSchema);
      if (!body.ok) return body.response;
      const r = desk.postSignal('kiosk', c.get('terminalId'), p.value.callId, body.value);
      return r.ok ? c.json(r.value) : helpRefusal(c, r.error);
    })
    .post('/help/calls/:callId/hangup', (c) => {
      const p = parseWith(c, c.req.param(), callParam);
      if (!p.ok) return p.response;
      const r = desk.hangUp('kiosk', c.get('terminalId'), p.value.callId);
      return r.ok ? c.json(r.value) : helpRefusal(c, r.error);
    })
    .post('/help/calls/:callId/callback', (c) => {
      const p = parseWith(c, c.req.param(), callParam);
      if (!p.ok) return p.response;
      const body = parseJsonBody(c, c.get('rawBody'), helpCallbackRequestSchema);
      if (!body.ok) return body.response;
      const r = desk.leaveCallback(c.get('terminalId'), p.value.callId, body.value.phone);
      return r.ok ? c.json({ ok: true as const, callbackBy: r.value.callbackBy }) : helpRefusal(c, r.error);
    })
    .post('/help/requests', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), helpRequestSchema);
      if (!body.ok) return body.response;
      return c.json(desk.requestHelp(c.get('terminalId'), body.value.screen, body.value.waitingSec));
    });
}
