// The helper sign-in's answers from central as the central client returns them: a malformed
// answer must be a refusal, never "unreachable" (which would let an offline ticket sign in without a PIN).
import { describe, expect, it } from 'vitest';
import { CentralClient } from '../../../offline-queue/sync/central-client';
import { centralHelperSignIn } from './central-sign-in';

function centralAnswering(status: number, body: unknown) {
  return centralHelperSignIn(
    new CentralClient({
      baseUrl: 'http://central.test',
      terminalId: 'KSK0009',
      secret: 's'.repeat(43),
      fetch: () => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
    }),
  );
}

describe('helper sign-in at central, through the central client', () => {
  it('refuses a 200 answer that is not a sign-in answer, instead of treating central as unreachable', async () => {
    const central = centralAnswering(200, { signedIn: 'yes' });
    expect(await central.signIn('11010519491231002X', '135790')).toEqual({ kind: 'refused', reason: 'malformed-answer' });
    expect(await central.identify('11010519491231002X')).toEqual({ kind: 'refused', reason: 'malformed-answer' });
  });

  it('still counts a 503 as unreachable', async () => {
    expect(await centralAnswering(503, { error: 'unavailable', message: 'down' }).signIn('11010519491231002X', '135790')).toMatchObject({ kind: 'unreachable' });
  });
});
