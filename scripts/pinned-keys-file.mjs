// The province's build-time key file: the public keys a packaged build pins (release key,
// configuration key), baked in by scripts/build.mjs as __KIOSK_PINNED_KEYS__ (see
// main/backend/updates/pinned-keys.ts). Format (build/README.md):
//   { "release": [{ "algorithm": "ed25519", "publicKey": "-----BEGIN PUBLIC KEY-----\n…" }],
//     "config":  [{ "algorithm": "ed25519", "publicKey": "…" }] }
// `algorithm` is "ed25519" or "sm2" (a 国密 province pins SM2 keys: an sm terminal counts no other).
// Packaging refuses a missing, malformed or placeholder file unless `--dev-placeholder-keys`.
import crypto from 'node:crypto';
import fs from 'node:fs';

/** The public halves shipped in pinned-keys.ts, whose private halves were never kept (PEM bodies). */
const PLACEHOLDERS = [
  'MCowBQYDK2VwAyEANmeVRqOlOj5D1vXY++YR5SKtWHPr3E8q3f9/e9SlyNQ=',
  'MCowBQYDK2VwAyEAJt0b+S54QqGIDkglUlr7psL+2SLucPe8yOeXH7ZtTwE=',
  'MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAELHEfErpsNGfUkptkYDlX0L2bfe7qggsESuETVbjNPyMmsgEcAA+pDTz0orXJPyXRKU9TxfnlY6+6ky8TwAIzJw==',
  'MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEVBBwMNwwNOCAYGnzIGQUQN8Zb3lQeZAZthB7rCvWQTz0nMb9YJp4HaZifEbJ1XcoDaSowRVpM60RxHOXEVPgSw==',
];

/** SubjectPublicKeyInfo of an uncompressed point on SM2's curve (id-ecPublicKey, sm2p256v1 1.2.156.10197.1.301). */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d03420004', 'hex');

const pemBody = (text) => text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');

// Node's OpenSSL cannot be relied on to load SM2 keys (Electron's BoringSSL has no SM2 at all), so
// the key is checked by its DER layout: the curve's OID and a 64-byte point.
function isSm2PublicKeyPem(text) {
  if (!/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/.test(text.trim())) return false;
  const der = Buffer.from(pemBody(text), 'base64');
  return der.length === SM2_SPKI_PREFIX.length + 64 && der.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX);
}

function checkKey(k, where) {
  if (!k || typeof k !== 'object' || typeof k.algorithm !== 'string' || typeof k.publicKey !== 'string') throw new Error(`${where}: expected { algorithm, publicKey }`);
  if (PLACEHOLDERS.includes(pemBody(k.publicKey))) throw new Error(`${where}: this is the shipped placeholder key; pin the province's own key`);
  if (k.algorithm === 'ed25519') {
    let key;
    try {
      key = crypto.createPublicKey(k.publicKey);
    } catch (e) {
      throw new Error(`${where}: not a PEM public key (${e.message})`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where}: an ${key.asymmetricKeyType} key, not ed25519`);
  } else if (k.algorithm === 'sm2') {
    if (!isSm2PublicKeyPem(k.publicKey)) throw new Error(`${where}: not an SM2 public key (PEM, sm2p256v1)`);
  } else throw new Error(`${where}: unknown algorithm ${k.algorithm}`);
  return { algorithm: k.algorithm, publicKey: k.publicKey };
}

/** Reads and checks a key file; throws an Error that names the problem. */
export function readPinnedKeysFile(file) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`pinned keys ${file}: ${e.message}`);
  }
  const out = {};
  for (const part of ['release', 'config']) {
    const list = doc?.[part];
    if (!Array.isArray(list) || list.length === 0) throw new Error(`pinned keys ${file}: "${part}" must list at least one key`);
    out[part] = list.map((k, i) => checkKey(k, `pinned keys ${file}: ${part}[${i}]`));
  }
  return out;
}

/**
 * The keys a packaging run bakes in: from `--pinned-keys FILE` (or $KIOSK_PINNED_KEYS, which is how
 * `npm run dist` takes it), or null with `--dev-placeholder-keys` (or KIOSK_DEV_PLACEHOLDER_KEYS=1:
 * a build that can never verify an update). Throws otherwise.
 */
export function pinnedKeysForPackaging(argv, env = process.env) {
  const at = argv.indexOf('--pinned-keys');
  const file = at >= 0 ? argv[at + 1] : env.KIOSK_PINNED_KEYS;
  if (file) return readPinnedKeysFile(file);
  if (argv.includes('--dev-placeholder-keys') || env.KIOSK_DEV_PLACEHOLDER_KEYS === '1') return null;
  throw new Error(
    '拒绝打包：未提供本省的发布与配置公钥 / refusing to package: no pinned keys. Give --pinned-keys FILE (see build/README.md), or --dev-placeholder-keys for a build that will never accept an update or remote configuration',
  );
}
