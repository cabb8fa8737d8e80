// The public keys this build trusts, pinned in the app: releases must be signed by a release key
// and remote configuration by a configuration key. They are code, not configuration: nothing a
// configuration file, central or a technician sets can replace them. The keys below are
// placeholders whose private halves were never kept, so as shipped nothing verifies against them
// (updates and remote configuration fail closed, reason wrong-key / bad-signature). A province
// puts its own keys' public halves here before building (`npm run release-key -- generate`
// prints a pair; the private half stays offline with the release manager). Boot accepts other
// keys only from its caller (tests), never from the file.
import type { PinnedKey } from './signature-verifier';

export const PINNED_RELEASE_KEYS: readonly PinnedKey[] = [
  {
    algorithm: 'ed25519',
    publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEANmeVRqOlOj5D1vXY++YR5SKtWHPr3E8q3f9/e9SlyNQ=\n-----END PUBLIC KEY-----\n',
  },
];

export const PINNED_CONFIG_KEYS: readonly PinnedKey[] = [
  {
    algorithm: 'ed25519',
    publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJt0b+S54QqGIDkglUlr7psL+2SLucPe8yOeXH7ZtTwE=\n-----END PUBLIC KEY-----\n',
  },
];
