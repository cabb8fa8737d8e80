// 远程帮办 and 呼叫帮助 for terminals (signed): place a video call, follow it, exchange its
// signalling, hang up, leave a number for a callback, and call someone from the hall to the
// kiosk. Every call route answers only the terminal that placed the call (central/help/).
import { Hono } from 'hono';
import { helpCallbackRequestSchema, helpCallStartSchema, helpRequestSchema, helpSignalSchema, helpSignalsQuerySchema } from '../../common/help-desk';
import type { AuthVariables } from '../auth/terminal-auth';
import type { HelpDesk } from '../help/help-desk';
import { parseJsonBody, parseWith } from '../http-helpers';
import { helpAnswer, helpRefusal, onCall } from './help-answers';

type Vars = { Variables: AuthVariables };

export function helpRoutes(desk: HelpDesk) {
  return new Hono<Vars>()
    .post('/help/calls', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), helpCallStartSchema);
      if (!body.ok) return body.response;
      return c.json(desk.startCall(c.get('terminalId'), body.value.screen));
    })
    .get(
      '/help/calls/:callId',
      onCall<Vars>((c, callId) => helpAnswer(c, desk.callOfTerminal(c.get('terminalId'), callId))),
    )
    .get(
      '/help/calls/:callId/signals',
      onCall<Vars>((c, callId) => {
        const q = parseWith(c, c.req.query(), helpSignalsQuerySchema);
        return q.ok ? helpAnswer(c, desk.signals('kiosk', c.get('terminalId'), callId, q.value.after)) : q.response;
      }),
    )
    .post(
      '/help/calls/:callId/signals',
      onCall<Vars>((c, callId) => {
        const body = parseJsonBody(c, c.get('rawBody'), helpSignalSchema);
        return body.ok ? helpAnswer(c, desk.postSignal('kiosk', c.get('terminalId'), callId, body.value)) : body.response;
      }),
    )
    .post(
      '/help/calls/:callId/hangup',
      onCall<Vars>((c, callId) => helpAnswer(c, desk.hangUp('kiosk', c.get('terminalId'), callId))),
    )
    .post(
      '/help/calls/:callId/callback',
      onCall<Vars>((c, callId) => {
        const body = parseJsonBody(c, c.get('rawBody'), helpCallbackRequestSchema);
        if (!body.ok) return body.response;
        const r = desk.leaveCallback(c.get('terminalId'), callId, body.value.phone);
        return r.ok ? c.json({ ok: true as const, callbackBy: r.value.callbackBy }) : helpRefusal(c, r.error);
      }),
    )
    .post('/help/requests', (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), helpRequestSchema);
      if (!body.ok) return body.response;
      return c.json(desk.requestHelp(c.get('terminalId'), body.value.screen, body.value.waitingSec));
    });
}
