// The one way to get a suite: by the tag in the validated config (kiosk) or in a terminal's
// registration (central), with node:crypto as an optional fast path handed in by the Node side.
import { nodeFastPath, type NodeCryptoLike } from './fast-path';
import { internationalSuite } from './international';
import { smSuite } from './sm';
import type { CryptoSuite, SuiteTag } from './suite';

export type SuiteOptions = {
  /** `node:crypto`, to speed up what Node's OpenSSL has; leave out (Electron renderer, tests of the pure path) for pure JS. */
  readonly nodeCrypto?: NodeCryptoLike;
  /** The SM2 signer ID that goes into Z (default GB/T 35276's 1234567812345678); kiosk and central must agree. */
  readonly sm2UserId?: string;
};

export function createCryptoSuite(tag: SuiteTag, options: SuiteOptions = {}): CryptoSuite {
  switch (tag) {
    case 'international':
      return internationalSuite(options.nodeCrypto ? nodeFastPath(options.nodeCrypto, 'sha256', 'aes-256-gcm') : {});
    case 'sm':
      return smSuite(options.nodeCrypto ? nodeFastPath(options.nodeCrypto, 'sm3', 'sm4-gcm') : {}, options.sm2UserId);
  }
}
