// Central as its API tests call it: every answer is held to the OpenAPI document (strict; see
// openapi-validator.ts) and a mismatch fails the request with ContractViolation. Central's API
// tests build their app with testCentralApp, so each response they see is checked.
import { createCentralApp, type CentralDeps } from '../app';
import { ContractViolation, responseValidator, type ResponseCheck } from './openapi-validator';

export interface CheckedApp {
  fetch(req: Request): Promise<Response>;
}

let shared: ResponseCheck | null = null;

export function contractChecked(app: { fetch: (req: Request) => Response | Promise<Response> }): CheckedApp {
  const check = (shared ??= responseValidator());
  return {
    async fetch(req) {
      const { method, url } = req;
      const res = await app.fetch(req);
      const problems = await check(method, url, res);
      if (problems.length) throw new ContractViolation(problems);
      return res;
    },
  };
}

export function testCentralApp(deps: CentralDeps): CheckedApp {
  return contractChecked(createCentralApp(deps));
}
