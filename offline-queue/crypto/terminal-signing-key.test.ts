import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staticKeyProvider } from './key-provider';
import { nodeSuite } from './node-suites';
import { loadTerminalSigningKey, sm2PrivateKeyFromSeed, sm2PublicKeyOf } from './terminal-signing-key';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('terminal SM2 signing key', () => {
  it('derives the same public key through OpenSSL as the pure-JS suite signs with', () => {
    const sm = nodeSuite('sm');
    for (let i = 0; i < 8; i++) {
      const d = sm2PrivateKeyFromSeed(crypto.randomBytes(32));
      expect(Buffer.from(sm2PublicKeyOf(d)).toString('hex')).toBe(Buffer.from(sm.publicKeyOf(d)).toString('hex'));
    }
  });

  it('loads a key pair whose signatures verify under its public key, and writes that key for the technician', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signing-key-'));
    dirs.push(dir);
    const pubFile = path.join(dir, 'terminal.sm2.pub');
    const k = loadTerminalSigningKey(staticKeyProvider(crypto.randomBytes(32)), pubFile);
    const sm = nodeSuite('sm');
    const msg = new TextEncoder().encode('POST\n/v1/heartbeats');
    expect(sm.verify(k.keyPair.publicKey, msg, sm.sign(k.keyPair, msg))).toBe(true);
    expect(fs.readFileSync(pubFile, 'utf8').trim()).toBe(k.publicKeyHex);
    expect(k.publicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
  });
});
