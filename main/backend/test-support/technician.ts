// A technician PIN for tests (a cheap scrypt cost, so sign-in is fast) and sign-in helpers.
import { hashPin } from '../maintenance/pin';

export const TEST_PIN = '24681357';
export const TEST_PIN_HASH = hashPin(TEST_PIN, { N: 1024 });

export function technicianSettings(over: Partial<{ maxFailures: number; lockoutSec: number; sessionIdleSec: number; exportRoots: string[] }> = {}) {
  return { pinHash: TEST_PIN_HASH, maxFailures: 5, lockoutSec: 300, sessionIdleSec: 300, exportRoots: ['/media', '/mnt', '/run/media'], ...over };
}

/** Signs in with the PIN and returns the Cookie header value of the technician session. */
export async function signInTechnician(get: (p: string, init?: RequestInit) => Promise<Response>, pin = TEST_PIN): Promise<string> {
  const res = await get('/api/maintenance/session', { method: 'POST', body: JSON.stringify({ pin }), headers: { 'Content-Type': 'application/json' } });
  if (res.status !== 200) throw new Error(`technician sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}
