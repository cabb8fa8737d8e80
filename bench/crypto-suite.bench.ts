// Issue 16's cryptography figures: sealing throughput of the `sm` suite (SM4-GCM) against the
// international suite's AES-256-GCM through node:crypto (what the kiosk seals with today), on the
// pure-JS path Electron runs and the node:crypto fast path; SM2 signatures and verifications per
// second against Ed25519, the international suite's signature, on the same pure-JS footing.
import crypto from 'node:crypto';
import { createCryptoSuite } from '../common/crypto-suite/create-suite';
import type { CryptoSuite } from '../common/crypto-suite/suite';
import type { Report } from './report';

const MIN_MS = Number(process.env.BENCH_CRYPTO_MS ?? 600);

/** Operations per second of `op`, run for at least MIN_MS after a warm-up. */
function perSecond(op: () => void): number {
  for (let i = 0; i < 3; i++) op();
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    op();
    n++;
    elapsed = performance.now() - t0;
  }
  return (n * 1000) / elapsed;
}

function sealOpenMiBs(suite: CryptoSuite, size: number): number {
  const key = suite.newSealKey();
  const plain = crypto.randomBytes(size);
  const ad = new TextEncoder().encode('attachments:0193a6f2:chunk:7');
  const rate = perSecond(() => {
    const opened = suite.open(key, suite.seal(key, plain, ad), ad);
    if (!opened.ok) throw new Error(`${suite.tag} did not open its own value`);
  });
  return (rate * size) / (1024 * 1024);
}

export async function run(report: Report): Promise<void> {
  const aesNode = createCryptoSuite('international', { nodeCrypto: crypto });
  const smPure = createCryptoSuite('sm');
  const smFast = createCryptoSuite('sm', { nodeCrypto: crypto });
  const intlPure = createCryptoSuite('international');

  for (const [label, size] of [
    ['4 KiB (a row’s personal data)', 4 * 1024],
    ['1 MiB (a scanned page)', 1024 * 1024],
  ] as const) {
    const baseline = { name: 'AES-256-GCM node:crypto', value: sealOpenMiBs(aesNode, size) };
    report(`SM4-GCM seal+open ${label}, pure JS (Electron)`, sealOpenMiBs(smPure, size), 'MiB/s', baseline);
    report(`SM4-GCM seal+open ${label}, node:crypto fast path`, sealOpenMiBs(smFast, size), 'MiB/s', baseline);
    report(`AES-256-GCM seal+open ${label}, pure JS`, sealOpenMiBs(intlPure, size), 'MiB/s', baseline);
  }

  const message = new TextEncoder().encode(`POST\n/v1/submissions\n${Date.now()}\n${crypto.randomUUID()}\n${'0'.repeat(64)}`);
  const ed = intlPure.generateSigningKeyPair();
  const sm2 = smPure.generateSigningKeyPair();
  const edSignature = intlPure.sign(ed, message);
  const sm2Signature = smPure.sign(sm2, message);
  report(
    'SM2 sign (request signature)',
    perSecond(() => smPure.sign(sm2, message)),
    '/s',
    { name: 'Ed25519 sign', value: perSecond(() => intlPure.sign(ed, message)) },
  );
  report(
    'SM2 verify',
    perSecond(() => {
      if (!smPure.verify(sm2.publicKey, message, sm2Signature)) throw new Error('SM2 did not verify its own signature');
    }),
    '/s',
    {
      name: 'Ed25519 verify',
      value: perSecond(() => {
        if (!intlPure.verify(ed.publicKey, message, edSignature)) throw new Error('Ed25519 did not verify its own signature');
      }),
    },
  );
}
