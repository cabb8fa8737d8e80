// The crypto suites central computes with, built once each with node:crypto as the fast path
// (SM3 and SHA-256 from OpenSSL): attachment digests, receipt-claim checks, central's own MACs.
import crypto from 'node:crypto';
import { createCryptoSuite } from '../common/crypto-suite/create-suite';
import type { CryptoSuite, SuiteTag } from '../common/crypto-suite/suite';

const built = new Map<SuiteTag, CryptoSuite>();

export function centralSuite(tag: SuiteTag): CryptoSuite {
  let s = built.get(tag);
  if (!s) built.set(tag, (s = createCryptoSuite(tag, { nodeCrypto: crypto })));
  return s;
}
