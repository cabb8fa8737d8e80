// The kiosk's crypto suites, built once with node:crypto as the fast path (SHA-256, SM3, their
// HMACs and AES-256-GCM from OpenSSL; SM4-GCM from OpenSSL's SM4-CTR plus GHASH, sm4-gcm-node.ts;
// SM2 stays pure JS, see common/crypto-suite). KIOSK_CRYPTO_FAST_PATH=off runs all of it pure JS.
import nodeCrypto from 'node:crypto';
import { createCryptoSuite } from '../../common/crypto-suite/create-suite';
import { fastPathWanted, nodeFastPath } from '../../common/crypto-suite/fast-path';
import { smSuite } from '../../common/crypto-suite/sm';
import type { CryptoSuite, SuiteTag } from '../../common/crypto-suite/suite';
import { nodeSm4Gcm } from './sm4-gcm-node';

const built = new Map<SuiteTag, CryptoSuite>();

export function nodeSuite(tag: SuiteTag): CryptoSuite {
  let s = built.get(tag);
  if (!s) {
    const fast = fastPathWanted(process.env);
    if (tag === 'sm' && fast) s = smSuite({ ...nodeFastPath(nodeCrypto, 'sm3', null), aead: nodeSm4Gcm() ?? undefined });
    else s = createCryptoSuite(tag, fast ? { nodeCrypto } : {});
    built.set(tag, s);
  }
  return s;
}
