// Run as a program under `block-node-crypto.mjs`: every operation of both suites on the pure-JS
// path (and, for `sm`, the SM2 key exchange's published example), printing one JSON line of what
// worked. A hidden use of node:crypto makes it throw.
// With ROUND_TRIP_NODE_CRYPTO=1 it hands node:crypto in as the fast path: the control that
// shows the block bites.
import { createCryptoSuite } from '../crypto-suite/create-suite';
import { hkdf } from '../crypto-suite/hkdf';
import { sm2KeyExchange } from '../crypto-suite/sm2-key-exchange';
import { SUITE_TAGS } from '../crypto-suite/suite';

const nodeCrypto = process.env.ROUND_TRIP_NODE_CRYPTO === '1' ? await import('node:crypto') : undefined;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const bytes = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

/** GB/T 32918.5's key exchange example (sm2-key-exchange.test.ts has it field by field): K as the responder derives it. */
function smKeyExchangeExample(): string {
  const kx = sm2KeyExchange(createCryptoSuite('sm', { nodeCrypto }));
  const b = kx.respond({
    self: {
      privateKey: bytes('785129917d45a9ea5437a59356b82338eaadda6ceb199088f14ae10defa229b5'),
      publicKey: bytes('046ae848c57c53c7b1b5fa99eb2286af078ba64c64591b8b566f7357d576f16dfbee489d771621a27b36c5c7992062e9cd09a9264386f3fbea54dff69305621c4d'),
    },
    peer: { publicKey: bytes('04160e12897df4edb61dd812feb96748fbd3ccf4ffe26aa6f6db9540af49c942324a7dad08bb9a459531694beb20aa489d6649975e1bfcf8c4741b78b4b223007f') },
    peerEphemeralPublicKey: bytes('0464ced1bdbc99d590049b434d0fd73428cf608a5db8fe5ce07f15026940bae40e376629c7ab21e7db260922499ddb118f07ce8eaae3e7720afef6a5cc062070c0'),
    ephemeral: { privateKey: bytes('7e07124814b309489125eaed101113164ebf0f3458c5bd88335c1f9d596243d6'), publicKey: new Uint8Array(0) },
    keyBytes: 16,
  });
  return b.ok ? hex(b.value.key) : b.error;
}
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
    ...(tag === 'sm' ? { keyExchange: smKeyExchangeExample() } : {}),
  };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
