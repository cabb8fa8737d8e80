// The kiosk's crypto suites, built once with node:crypto as the fast path (SHA-256, SM3, their
// HMACs, AES-256-GCM and SM4-GCM from OpenSSL; SM2 stays pure JS, see common/crypto-suite).
// KIOSK_CRYPTO_FAST_PATH=off runs all of it pure JS, as inside Electron.
import nodeCrypto from 'node:crypto';
import { createCryptoSuite } from '../../common/crypto-suite/create-suite';
import { fastPathWanted } from '../../common/crypto-suite/fast-path';
import type { CryptoSuite, SuiteTag } from '../../common/crypto-suite/suite';

const built = new Map<SuiteTag, CryptoSuite>();

export function nodeSuite(tag: SuiteTag): CryptoSuite {
  let s = built.get(tag);
  if (!s) {
    s = createCryptoSuite(tag, fastPathWanted(process.env) ? { nodeCrypto } : {});
    built.set(tag, s);
  }
  return s;
}
