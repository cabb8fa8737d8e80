// NetidIdentify with a verifier double: a verifier that throws is a refusal the citizen is told
// about (netid-unverifiable), and the next scan is still verified.
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../common/events';
import { netidNonce, signTestNetid } from '../../../common/netid-test-issuer';
import { ok } from '../../../common/result';
import { EventBus } from '../event-bus';
import { createLogger } from '../log/logger';
import { NetidIdentify } from './netid-identify';
import type { NetidVerifier } from './netid-verifier';

describe('NetidIdentify', () => {
  it('refuses when the verifier throws, and verifies the next scan', async () => {
    const bus = new EventBus();
    const events: KioskEvent[] = [];
    bus.subscribe((e) => events.push(e));
    let calls = 0;
    const verifier: NetidVerifier = {
      verify: async () => {
        if (++calls === 1) throw new Error('socket hang up');
        return ok({ identity: { name: '王小明', idNumber: '110101199003074578' }, expiresAt: new Date().toISOString() });
      },
    };
    const netid = new NetidIdentify({ bus, verifier, logger: createLogger({ sink: () => undefined }) });
    const iat = Math.floor(Date.now() / 1000);
    const text = () => signTestNetid({ v: 1, nonce: netidNonce(), iat, exp: iat + 60, name: '王小明', idNumber: '110101199003074578' });
    bus.emit({ type: 'code.scanned', text: await text(), source: 'serial' });
    bus.emit({ type: 'code.scanned', text: await text(), source: 'serial' });
    await netid.settled();
    expect(events.filter((e) => e.type === 'netid.refused')).toEqual([{ type: 'netid.refused', reason: 'netid-unverifiable' }]);
    const read = events.find((e) => e.type === 'idcard.read');
    expect(read?.type === 'idcard.read' && read.identity).toEqual({ cardType: 'netid', name: '王小明', idNumber: '110101199003074578', gender: 'unknown', birthDate: null });
    netid.close();
  });
});
