// For the kiosk's tests that talk to a real central over loopback: the global fetch (which the
// kiosk's central client, catalog sync and the tests' admin calls all use) is wrapped once, and
// every answer from a central registered here is held to the OpenAPI document. The kiosk would
// treat a thrown fetch as a network failure and retry quietly, so violations are collected
// instead and the test fails after it (see checkContractAfterEach).
import { afterEach } from 'vitest';
import { OBSERVED_FETCH } from '../../common/observed-fetch';
import { ContractViolation, responseValidator, type ResponseCheck } from './openapi-validator';

const origins = new Set<string>();
const violations: string[] = [];
let check: ResponseCheck | null = null;

function install(): void {
  if (check) return;
  check = responseValidator();
  const real = globalThis.fetch;
  const watching = async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const res = await real(input, init);
    if (origins.has(new URL(url).origin)) violations.push(...(await check!(method, url, res)));
    return res;
  };
  // The kiosk's sync sends through a global fetch only when it is marked as watching it.
  globalThis.fetch = Object.assign(watching, { [OBSERVED_FETCH]: true as const });
}

/** Holds every answer of the central at this URL to the document from now on. */
export function checkCentralAnswers(centralUrl: string): void {
  install();
  origins.add(new URL(centralUrl).origin);
}

export function takeContractViolations(): string[] {
  return violations.splice(0);
}

/** Call at the top level of a test-support module: each test fails if central answered off-contract during it. */
export function checkContractAfterEach(): void {
  afterEach(() => {
    const v = takeContractViolations();
    if (v.length) throw new ContractViolation(v);
  });
}
