// The public keys this build trusts, pinned in the app: releases must be signed by a release key
// and remote configuration by a configuration key. They are code, not configuration: nothing a
// configuration file, central or a technician sets can replace them. A province pins its own
// keys at build time: `npm run dist` and `npm run package:bundle` take a key file
// (`--pinned-keys FILE`, format in build/README.md; `npm run release-key -- generate` makes a
// pair, whose private half stays offline with the release manager), which scripts/build.mjs bakes
// into the bundle as __KIOSK_PINNED_KEYS__, and refuse to package without one unless told
// `--dev-placeholder-keys`. Without it (development, tests, `npm run build`) the placeholders
// below apply: their private halves were never kept, so nothing verifies against them (updates
// and remote configuration fail closed, reason wrong-key / bad-signature). Boot accepts other
// keys only from its caller (tests), never from a file at run time.
//
// One entry per suite: a terminal running `sm` counts only the SM2 keys (signature-verifier.ts,
// no downgrade); an `international` terminal counts both, so a province that signs with SM2 keeps
// the whole fleet updating while terminals switch suite.
import type { PinnedKey } from './signature-verifier';

declare global {
  /** true in a bundle built with the province's key file (scripts/build.mjs) */
  const __KIOSK_KEYS_PINNED__: boolean | undefined;
  const __KIOSK_PINNED_KEYS__: { release: PinnedKey[]; config: PinnedKey[] };
}

/** A placeholder public key (SPKI, base64) as PEM. */
const pem = (spki: string) => `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`;

/** One placeholder per suite for a role. */
const placeholders = (ed25519: string, sm2: string): PinnedKey[] => [
  { algorithm: 'ed25519', publicKey: pem(ed25519) },
  { algorithm: 'sm2', publicKey: pem(sm2) },
];

// Tested on the identifier itself so that a keyed production bundle folds the test and drops the
// placeholders from its text (as common/build-flavour.ts explains).
const PINNED: { release: readonly PinnedKey[]; config: readonly PinnedKey[] } =
  typeof __KIOSK_KEYS_PINNED__ === 'boolean' && __KIOSK_KEYS_PINNED__
    ? __KIOSK_PINNED_KEYS__
    : {
        release: placeholders(
          'MCowBQYDK2VwAyEANmeVRqOlOj5D1vXY++YR5SKtWHPr3E8q3f9/e9SlyNQ=',
          'MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAELHEfErpsNGfUkptkYDlX0L2bfe7q\nggsESuETVbjNPyMmsgEcAA+pDTz0orXJPyXRKU9TxfnlY6+6ky8TwAIzJw==',
        ),
        config: placeholders(
          'MCowBQYDK2VwAyEAJt0b+S54QqGIDkglUlr7psL+2SLucPe8yOeXH7ZtTwE=',
          'MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEVBBwMNwwNOCAYGnzIGQUQN8Zb3lQ\neZAZthB7rCvWQTz0nMb9YJp4HaZifEbJ1XcoDaSowRVpM60RxHOXEVPgSw==',
        ),
      };

export const PINNED_RELEASE_KEYS: readonly PinnedKey[] = PINNED.release;
export const PINNED_CONFIG_KEYS: readonly PinnedKey[] = PINNED.config;
