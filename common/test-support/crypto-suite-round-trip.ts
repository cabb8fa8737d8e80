// Run as a program under `block-node-crypto.mjs`: every operation of both suites on the pure-JS
// path, printing one JSON line of what worked. A hidden use of node:crypto makes it throw.
// With ROUND_TRIP_NODE_CRYPTO=1 it hands node:crypto in as the fast path: the control that
// shows the block bites.
import { createCryptoSuite } from '../crypto-suite/create-suite';
import { hkdf } from '../crypto-suite/hkdf';
import { SUITE_TAGS } from '../crypto-suite/suite';

const nodeCrypto = process.env.ROUND_TRIP_NODE_CRYPTO === '1' ? await import('node:crypto') : undefined;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const out: Record<string, unknown> = {};
for (const tag of SUITE_TAGS) {
  const suite = createCryptoSuite(tag, { nodeCrypto });
  const key = suite.newSealKey();
  const sealed = suite.seal(key, utf8('320102199001011234'), utf8('row'));
  const opened = suite.open(key, sealed, utf8('row'));
  const pair = suite.generateSigningKeyPair();
  const signature = suite.sign(pair, utf8('request'));
  out[tag] = {
    digest: hex(suite.digest(utf8('abc'))),
    pieces: hex(suite.createDigest().update(utf8('a')).update(utf8('bc')).digest()) === hex(suite.digest(utf8('abc'))),
    hmac: hex(suite.hmac(utf8('k'), utf8('abc'))).length,
    hkdf: hkdf(suite, key, new Uint8Array(0), utf8('mac'), 32).length,
    opened: opened.ok ? new TextDecoder().decode(opened.value) : opened.error,
    tampered: suite.open(
      key,
      sealed.map((b, i) => (i === 20 ? b ^ 1 : b)),
      utf8('row'),
    ).ok,
    verified: suite.verify(pair.publicKey, utf8('request'), signature),
    forged: suite.verify(pair.publicKey, utf8('another'), signature),
  };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
