// The public keys this build trusts, pinned in the app: releases must be signed by a release key
// and remote configuration by a configuration key. They are code, not configuration: nothing a
// configuration file, central or a technician sets can replace them. The keys below are
// placeholders whose private halves were never kept, so as shipped nothing verifies against them
// (updates and remote configuration fail closed, reason wrong-key / bad-signature). A province
// puts its own keys' public halves here before building (`npm run release-key -- generate <dir>`
// prints a pair, `… --suite sm` an SM2 pair; the private half stays offline with the release
// manager). Boot accepts other keys only from its caller (tests), never from the file.
//
// One entry per suite: a terminal running `sm` counts only the SM2 keys (signature-verifier.ts,
// no downgrade); an `international` terminal counts both, so a province that signs with SM2 keeps
// the whole fleet updating while terminals switch suite.
import type { PinnedKey } from './signature-verifier';

export const PINNED_RELEASE_KEYS: readonly PinnedKey[] = [
  {
    algorithm: 'ed25519',
    publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEANmeVRqOlOj5D1vXY++YR5SKtWHPr3E8q3f9/e9SlyNQ=\n-----END PUBLIC KEY-----\n',
  },
  {
    algorithm: 'sm2',
    publicKey: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAELHEfErpsNGfUkptkYDlX0L2bfe7q\nggsESuETVbjNPyMmsgEcAA+pDTz0orXJPyXRKU9TxfnlY6+6ky8TwAIzJw==\n-----END PUBLIC KEY-----\n',
  },
];

export const PINNED_CONFIG_KEYS: readonly PinnedKey[] = [
  {
    algorithm: 'ed25519',
    publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJt0b+S54QqGIDkglUlr7psL+2SLucPe8yOeXH7ZtTwE=\n-----END PUBLIC KEY-----\n',
  },
  {
    algorithm: 'sm2',
    publicKey: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEVBBwMNwwNOCAYGnzIGQUQN8Zb3lQ\neZAZthB7rCvWQTz0nMb9YJp4HaZifEbJ1XcoDaSowRVpM60RxHOXEVPgSw==\n-----END PUBLIC KEY-----\n',
  },
];
