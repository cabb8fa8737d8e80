// A minimal signed caller for central tests: builds requests exactly as a kiosk would, or with
// chosen faults (wrong secret, stale timestamp, replayed nonce, another suite than registered).
import nodeCrypto from 'node:crypto';
import { createCryptoSuite } from '../../common/crypto-suite/create-suite';
import type { SigningKeyPair } from '../../common/crypto-suite/suite';
import { bodyDigestHex, canonicalRequest, signCanonical, signCanonicalWithKey, SIGNING_HEADERS } from '../../common/request-signing';

export interface SignedCallOptions {
  terminalId: string;
  secret: string;
  method: string;
  path: string;
  json?: unknown;
  bytes?: Uint8Array;
  rawBody?: string;
  /** a number, or the exact header text (to send malformed ones) */
  timestamp?: number | string;
  nonce?: string;
  contentType?: string;
  /** sign with SM2 (the `sm` suite) with this key pair instead of the HMAC secret */
  sm2?: SigningKeyPair;
}

const sm = createCryptoSuite('sm', { nodeCrypto });

/** A fresh SM2 key pair and its public key in the hex form central registers. */
export function testSm2KeyPair(): { keyPair: SigningKeyPair; publicKeyHex: string } {
  const keyPair = sm.generateSigningKeyPair();
  return { keyPair, publicKeyHex: Buffer.from(keyPair.publicKey).toString('hex') };
}

export async function signedRequest(base: string, o: SignedCallOptions): Promise<Request> {
  const body: Uint8Array | null = o.bytes ?? (o.rawBody !== undefined ? new TextEncoder().encode(o.rawBody) : o.json !== undefined ? new TextEncoder().encode(JSON.stringify(o.json)) : null);
  const ts = String(o.timestamp ?? Date.now());
  const nonce = o.nonce ?? crypto.randomUUID().replace(/-/g, '');
  const url = new URL(o.path, base);
  const suite = o.sm2 ? 'sm' : 'international';
  const canonical = canonicalRequest(o.method, url.pathname + url.search, ts, nonce, await bodyDigestHex(o.sm2 ? sm : null, body ?? ''), suite);
  const sig = o.sm2 ? signCanonicalWithKey(sm, o.sm2, canonical) : await signCanonical(o.secret, canonical);
  return new Request(url, {
    method: o.method,
    headers: {
      [SIGNING_HEADERS.terminal]: o.terminalId,
      [SIGNING_HEADERS.timestamp]: ts,
      [SIGNING_HEADERS.nonce]: nonce,
      [SIGNING_HEADERS.signature]: sig,
      ...(o.sm2 ? { [SIGNING_HEADERS.suite]: 'sm' } : {}),
      ...(body ? { 'Content-Type': o.contentType ?? (o.bytes ? 'application/octet-stream' : 'application/json') } : {}),
    },
    body: body as BodyInit | null,
  });
}
