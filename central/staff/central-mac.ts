// Central's own keyed MACs — helper proofs, console sessions, helper card lookups — in the suite
// central runs (CENTRAL_CRYPTO_SUITE, recorded in its database with the instant it started):
// HMAC-SM3 for `sm`, HMAC-SHA256 for `international`. Each algorithm has its own key
// (central_keys `<name>` for HMAC-SHA256, as before issue 16, and `<name>.sm3`), so a switch
// never uses one key under two hashes. A MAC of the other algorithm is central's own only if it
// was made before central switched: after that, nothing central makes uses it (no downgrade).
import type { SuiteTag } from '../../common/crypto-suite/suite';
import { centralSuite } from '../crypto-suites';
import type { CentralStore } from '../store';

export const MAC_ALGS = ['hmac-sha256', 'hmac-sm3'] as const;
export type MacAlg = (typeof MAC_ALGS)[number];

const SUITE_OF: Record<MacAlg, SuiteTag> = { 'hmac-sha256': 'international', 'hmac-sm3': 'sm' };
const MAC_OF: Record<SuiteTag, MacAlg> = { international: 'hmac-sha256', sm: 'hmac-sm3' };

export interface CentralMac {
  /** the MAC central makes now */
  readonly alg: MacAlg;
  /** the algorithm central made its MACs with before it switched (none to accept if it never did) */
  readonly previous: MacAlg;
  mac(alg: MacAlg, data: string): Buffer;
  /** Whether a MAC made with `alg` at `madeAt` (ms, central's clock) is one central may have made. */
  mayHaveMade(alg: MacAlg, madeAt: number): boolean;
}

/** The keyed MAC named `keyName` (e.g. 'helper-token'), as the central of this database runs it now. */
export function centralMac(store: CentralStore, keyName: string): CentralMac {
  const { suite, since } = store.centralSuite();
  const alg = MAC_OF[suite];
  return {
    alg,
    previous: alg === 'hmac-sm3' ? 'hmac-sha256' : 'hmac-sm3',
    mac(a, data) {
      const key = store.centralKey(a === 'hmac-sha256' ? keyName : `${keyName}.sm3`);
      return Buffer.from(centralSuite(SUITE_OF[a]).hmac(key, Buffer.from(data, 'utf8')));
    },
    mayHaveMade: (a, madeAt) => a === alg || madeAt < since,
  };
}
