// Why a 网证 QR did not identify the citizen, as codes. Apart from the credential's zod schemas
// (netid-credential.ts) because the renderer reads these and ships no zod.

/** Why central refused a credential (422 `error`). */
export const NETID_REFUSALS = ['netid-malformed', 'netid-unknown-issuer', 'netid-bad-signature', 'netid-expired', 'netid-replayed'] as const;
export type NetidRefusal = (typeof NETID_REFUSALS)[number];
