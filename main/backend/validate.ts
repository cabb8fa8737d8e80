// zod validation at the API boundary with one error shape for every route.
import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { refuse } from './http/refusals';

/** `invalid-request` with zod's issues (where and what), for whoever calls the API. */
export function invalidRequest(c: Context, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return refuse(c, 'http', { kind: 'invalid-request', issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) });
}

export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return invalidRequest(c, result.error);
  });
}
