// Issue 16's cryptography figures: sealing throughput of the `sm` suite (SM4-GCM) against the
// international suite's AES-256-GCM through node:crypto (what the kiosk seals with today), on the
// pure-JS path Electron runs and the node:crypto fast path; SM2 signatures and verifications per
// second against Ed25519, the international suite's signature, on the same pure-JS footing; and
// SM2 key exchanges (GB/T 32918.3, one side: ephemeral key, shared key and confirmation) per
// second against one side of an X25519 ECDH, what an international deployment would agree keys
// with, also pure JS.
import crypto from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519';
import { createCryptoSuite } from '../common/crypto-suite/create-suite';
import { sm2KeyExchange } from '../common/crypto-suite/sm2-key-exchange';
import type { CryptoSuite } from '../common/crypto-suite/suite';
import type { Report } from './report';

const MIN_MS = Number(process.env.BENCH_CRYPTO_MS ?? 2000);
const ROUNDS = 5;

/** Operations per second of `op` over `ms` milliseconds, after a warm-up. */
function perSecond(op: () => void, ms: number): number {
  for (let i = 0; i < 3; i++) op();
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    op();
    n++;
    elapsed = performance.now() - t0;
  }
  return (n * 1000) / elapsed;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Figure and baseline measured in alternating rounds (medians), so a machine that gets busier
 * or quieter during the run moves both and leaves their ratio alone.
 */
function paired(figure: () => void, baseline: () => void): { figure: number; baseline: number } {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    b.push(perSecond(baseline, MIN_MS / ROUNDS));
    a.push(perSecond(figure, MIN_MS / ROUNDS));
  }
  return { figure: median(a), baseline: median(b) };
}

function sealOpen(suite: CryptoSuite, size: number): () => void {
  const key = suite.newSealKey();
  const plain = crypto.randomBytes(size);
  const ad = new TextEncoder().encode('attachments:0193a6f2:chunk:7');
  return () => {
    const opened = suite.open(key, suite.seal(key, plain, ad), ad);
    if (!opened.ok) throw new Error(`${suite.tag} did not open its own value`);
  };
}

export async function run(report: Report): Promise<void> {
  const aesNode = createCryptoSuite('international', { nodeCrypto: crypto });
  const smPure = createCryptoSuite('sm');
  const smFast = createCryptoSuite('sm', { nodeCrypto: crypto });
  const intlPure = createCryptoSuite('international');

  const MiB = 1024 * 1024;
  for (const [label, size] of [
    ['4 KiB (a row’s personal data)', 4 * 1024],
    ['1 MiB (a scanned page)', MiB],
  ] as const) {
    for (const [name, suite] of [
      [`SM4-GCM seal+open ${label}, pure JS (Electron)`, smPure],
      [`SM4-GCM seal+open ${label}, node:crypto fast path`, smFast],
      [`AES-256-GCM seal+open ${label}, pure JS`, intlPure],
    ] as const) {
      const m = paired(sealOpen(suite, size), sealOpen(aesNode, size));
      report(name, (m.figure * size) / MiB, 'MiB/s', { name: 'AES-256-GCM node:crypto', value: (m.baseline * size) / MiB });
    }
  }

  const message = new TextEncoder().encode(`POST\n/v1/submissions\n${Date.now()}\n${crypto.randomUUID()}\n${'0'.repeat(64)}`);
  const ed = intlPure.generateSigningKeyPair();
  const sm2 = smPure.generateSigningKeyPair();
  const edSignature = intlPure.sign(ed, message);
  const sm2Signature = smPure.sign(sm2, message);
  const sign = paired(
    () => smPure.sign(sm2, message),
    () => intlPure.sign(ed, message),
  );
  report('SM2 sign (request signature)', sign.figure, '/s', { name: 'Ed25519 sign', value: sign.baseline });
  const verify = paired(
    () => {
      if (!smPure.verify(sm2.publicKey, message, sm2Signature)) throw new Error('SM2 did not verify its own signature');
    },
    () => {
      if (!intlPure.verify(ed.publicKey, message, edSignature)) throw new Error('Ed25519 did not verify its own signature');
    },
  );
  report('SM2 verify', verify.figure, '/s', { name: 'Ed25519 verify', value: verify.baseline });

  const kx = sm2KeyExchange(smPure);
  const initiator = { ...smPure.generateSigningKeyPair() };
  const responder = { ...smPure.generateSigningKeyPair() };
  const initiatorEphemeral = kx.newEphemeral();
  const xPeer = x25519.getPublicKey(x25519.utils.randomPrivateKey());
  const exchange = paired(
    () => {
      const r = kx.respond({ self: responder, peer: initiator, peerEphemeralPublicKey: initiatorEphemeral.publicKey, keyBytes: 16 });
      if (!r.ok) throw new Error(`SM2 key exchange failed: ${r.error}`);
    },
    () => {
      const own = x25519.utils.randomPrivateKey();
      x25519.getPublicKey(own);
      x25519.getSharedSecret(own, xPeer);
    },
  );
  report('SM2 key exchange (one side, with S_B)', exchange.figure, '/s', { name: 'X25519 ECDH (one side)', value: exchange.baseline });
}
