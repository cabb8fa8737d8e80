// The terminal's SM2 key pair for signing requests to central in the `sm` suite (issue 16).
// The keystore holds a 32-byte seed exactly like the outbox key (OS keystore where there is one,
// see keystore-choice.ts, else a 0600 file), and the private scalar is derived from it, so every
// keystore that can hold the outbox key can hold this one too. The public key is written next to
// it (`terminal.sm2.pub`, hex 04‖x‖y): not secret, it is what a technician registers at central.
import nodeCrypto from 'node:crypto';
import fs from 'node:fs';
import type { SigningKeyPair } from '../../common/crypto-suite/suite';
import type { KeyProvider } from './key-provider';
import { writeKeyFile } from './key-provider';
import { nodeSuite } from './node-suites';

/** The order n of the SM2 curve (GB/T 32918.5); a private key d must lie in [1, n − 2]. */
const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

/** d = 1 + (HMAC-SM3(seed, label) mod (n − 2)): uniform enough (the bias is below 2^-222) and never 0. */
export function sm2PrivateKeyFromSeed(seed: Uint8Array): Uint8Array {
  const sm = nodeSuite('sm');
  const h = sm.hmac(seed, new TextEncoder().encode('gov-kiosk sm2 request signing key v1'));
  const d = 1n + (BigInt('0x' + Buffer.from(h).toString('hex')) % (SM2_N - 2n));
  return Uint8Array.from(Buffer.from(d.toString(16).padStart(64, '0'), 'hex'));
}

/**
 * The public key of `privateKey`: OpenSSL's SM2 curve where Node has it, else the suite's pure JS
 * (Electron's BoringSSL has no SM2). Why: the pure-JS first multiplication by the base point
 * builds its precomputed table, and `--cpu-prof` of the production bundle's cold start showed it
 * as half of the boot (1.3 s of 2.3 s on the loaded build machine) — at every start, in either
 * suite. Signing in the sm suite stays pure JS; the two derivations agree (test).
 */
export function sm2PublicKeyOf(privateKey: Uint8Array): Uint8Array {
  if (nodeCrypto.getCurves().includes('SM2')) {
    const ecdh = nodeCrypto.createECDH('SM2');
    ecdh.setPrivateKey(privateKey);
    return new Uint8Array(ecdh.getPublicKey());
  }
  return nodeSuite('sm').publicKeyOf(privateKey);
}

export interface TerminalSigningKey {
  keyPair: SigningKeyPair;
  /** hex 04‖x‖y, as central's admin API registers it */
  publicKeyHex: string;
  created: boolean;
}

/** Loads (or on first start creates) the SM2 key pair; writes its public key to `publicKeyFile` when given. */
export function loadTerminalSigningKey(keys: KeyProvider, publicKeyFile?: string): TerminalSigningKey {
  const { key: seed, created } = keys.loadKey();
  const privateKey = sm2PrivateKeyFromSeed(seed);
  const publicKey = sm2PublicKeyOf(privateKey);
  const publicKeyHex = Buffer.from(publicKey).toString('hex');
  if (publicKeyFile && (!fs.existsSync(publicKeyFile) || fs.readFileSync(publicKeyFile, 'utf8').trim() !== publicKeyHex)) writeKeyFile(publicKeyFile, Buffer.from(publicKeyHex + '\n'));
  return { keyPair: { suite: 'sm', privateKey, publicKey }, publicKeyHex, created };
}
