// How a 远程帮办 call route answers, for the terminals' routes (help.ts) and the hall staff's
// console (help-console.ts) alike: the call id it names is checked before anything else, and the
// desk's result goes out as JSON or as its refusal.
import type { Context, Env } from 'hono';
import { z } from 'zod';
import { helpCallIdSchema } from '../../common/help-desk';
import type { Result } from '../../common/result';
import type { HelpDeskError } from '../help/help-desk';
import { parseWith, problem } from '../http-helpers';

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

/** The desk's result: its value as JSON, or its refusal. */
export function helpAnswer(c: Context, r: Result<object, HelpDeskError>) {
  return r.ok ? c.json(r.value) : helpRefusal(c, r.error);
}

const callParam = z.object({ callId: helpCallIdSchema });

/** A route under `calls/:callId`: a malformed call id is refused (400) before `handle` runs. */
export function onCall<E extends Env>(handle: (c: Context<E>, callId: string) => Response | Promise<Response>) {
  return (c: Context<E>) => {
    const p = parseWith(c, c.req.param(), callParam);
    return p.ok ? handle(c, p.value.callId) : p.response;
  };
}
