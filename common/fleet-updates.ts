// Signed releases and signed remote configuration, as central serves them and terminals check
// them. Central only stores and serves: releases are signed offline by the release key and
// configurations by the configuration key (`npm run release-key`); the terminal verifies both
// against public keys pinned in the app. Signatures carry an algorithm tag: `ed25519`
// (RFC 8032, the 64-byte signature) or `sm2` (GB/T 32918.2 with SM3 and the signer ID
// 1234567812345678, the 64-byte r ‖ s), both base64. A terminal running the `sm` suite takes
// only `sm2` (no downgrade); see main/backend/updates/signature-verifier.ts.
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

export const SIGNATURE_ALGORITHMS = ['ed25519', 'sm2'] as const;
export const signatureAlgorithmSchema = lazySchema(() => z.enum(SIGNATURE_ALGORITHMS));
export type SignatureAlgorithm = z.infer<typeof signatureAlgorithmSchema>;

/** Semantic version (major.minor.patch, optional pre-release), as releases and the app are numbered. */
export const semverSchema = lazySchema(() => z.string().regex(/^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})(-[0-9A-Za-z.-]{1,30})?$/, '版本号应为 x.y.z / version must be x.y.z'));

export const channelSchema = lazySchema(() => z.enum(['stable', 'beta']));
export type Channel = z.infer<typeof channelSchema>;

/** Which releases a terminal on `terminal` may run: stable takes stable only; beta takes both (the newest). */
export function channelTakes(terminal: Channel, release: Channel): boolean {
  return terminal === 'beta' || release === 'stable';
}

/** The terminal states its channel when it asks for its release. */
export const updateAssignmentQuerySchema = lazySchema(() => z.object({ channel: channelSchema.default('stable') }));
export const groupNameSchema = lazySchema(() => z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '分组名格式不正确 / malformed group name'));

const sha512Hex = lazySchema(() => z.string().regex(/^[0-9a-f]{128}$/));
const signatureB64 = lazySchema(() => z.base64().max(200));

/**
 * What the release key signs: the canonical JSON of these fields (releaseSignedBytes). A
 * rollback release (an older version published on purpose) says so inside the signature, so a
 * terminal accepts a lower version only when the release key meant it.
 */
export const releaseManifestSchema = lazySchema(() =>
  z.object({
    version: semverSchema,
    channel: channelSchema,
    size: z
      .number()
      .int()
      .min(1)
      .max(2 * 1024 * 1024 * 1024),
    sha512: sha512Hex,
    rollback: z.boolean(),
  }),
);
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;

export const signedReleaseSchema = lazySchema(() =>
  releaseManifestSchema.extend({
    algorithm: signatureAlgorithmSchema,
    signature: signatureB64,
  }),
);
export type SignedRelease = z.infer<typeof signedReleaseSchema>;

/** The bytes a release signature covers: fixed field order, so signer and verifier agree. */
export function releaseSignedBytes(m: ReleaseManifest): Uint8Array {
  const canonical = JSON.stringify({ kind: 'gov-kiosk-release/1', version: m.version, channel: m.channel, size: m.size, sha512: m.sha512, rollback: m.rollback });
  return new TextEncoder().encode(canonical);
}

/** Central's answer to "which release should I run": the signed manifest, or nothing to do. */
export const updateAssignmentSchema = lazySchema(() =>
  z.object({
    release: signedReleaseSchema.nullable(),
    /** why central assigns nothing or this release (for the technician screen) */
    reason: z.enum(['assigned', 'not-in-rollout', 'paused', 'no-release']),
  }),
);
export type UpdateAssignment = z.infer<typeof updateAssignmentSchema>;

/**
 * Remote configuration as signed: a version and a partial kiosk configuration (the terminal
 * validates it with its own schema; central does not know that schema). A terminal gets its
 * group's document and its own; it lays its own over the group's field by field (terminal
 * overrides group). `scope` and `target` are inside the signature, so a group's document cannot
 * be served as another group's or as one terminal's.
 */
export const remoteConfigSchema = lazySchema(() =>
  z.object({
    version: z.number().int().min(1).max(2_147_483_647),
    scope: z.enum(['group', 'terminal']),
    target: z.string().min(1).max(40),
    settings: z.record(z.string(), z.unknown()),
  }),
);
export type RemoteConfig = z.infer<typeof remoteConfigSchema>;

export const signedRemoteConfigSchema = lazySchema(() =>
  z.object({
    /** the signed document, exactly as signed (UTF-8 JSON of remoteConfigSchema) */
    document: z
      .string()
      .min(2)
      .max(64 * 1024),
    algorithm: signatureAlgorithmSchema,
    signature: signatureB64,
  }),
);
export type SignedRemoteConfig = z.infer<typeof signedRemoteConfigSchema>;

/** Central's answer to "what configuration is mine": the group's document and the terminal's own. */
export const configAssignmentSchema = lazySchema(() => z.object({ group: signedRemoteConfigSchema.nullable(), terminal: signedRemoteConfigSchema.nullable() }));
export type ConfigAssignment = z.infer<typeof configAssignmentSchema>;

/** The remote configuration versions in force on a terminal: its group's and its own document's. */
export const appliedConfigSchema = lazySchema(() =>
  z.object({
    group: z.number().int().min(1).nullable(),
    terminal: z.number().int().min(1).nullable(),
  }),
);
export type AppliedConfig = z.infer<typeof appliedConfigSchema>;

/** The steps an update goes through, as the heartbeat reports them. */
export const UPDATE_STEPS = ['idle', 'downloading', 'verified', 'waiting-for-idle', 'installing', 'health-check', 'done', 'rolled-back', 'refused'] as const;
export const updateStepSchema = lazySchema(() => z.enum(UPDATE_STEPS));
export type UpdateStep = z.infer<typeof updateStepSchema>;

/** Why a release was refused or rolled back; the technician screen and the fleet page show them. */
/** `wrong-suite`: signed with an algorithm this terminal's crypto suite does not accept (Ed25519 on an `sm` terminal). `wrong-channel`: a release of a channel this terminal does not take. */
export const UPDATE_REFUSALS = [
  'tampered',
  'truncated',
  'downgrade',
  'unsigned',
  'wrong-key',
  'wrong-suite',
  'bad-manifest',
  'download-failed',
  'install-failed',
  'unhealthy',
  'wrong-channel',
] as const;
export const updateRefusalSchema = lazySchema(() => z.enum(UPDATE_REFUSALS));
export type UpdateRefusal = z.infer<typeof updateRefusalSchema>;

export const CONFIG_REFUSALS = ['bad-signature', 'wrong-suite', 'unsigned', 'invalid', 'device-failed', 'older'] as const;
export const configRefusalSchema = lazySchema(() => z.enum(CONFIG_REFUSALS));
export type ConfigRefusal = z.infer<typeof configRefusalSchema>;

const at = lazySchema(() => z.iso.datetime({ offset: true }));

/** The update part of a heartbeat. */
export const heartbeatUpdateSchema = lazySchema(() =>
  z.object({
    step: updateStepSchema,
    /** the version this terminal runs */
    current: z.string().max(40),
    /** the release it works on (null when idle) */
    target: semverSchema.nullable(),
    reason: updateRefusalSchema.nullable(),
    message: z.string().max(300),
    at,
  }),
);
export type HeartbeatUpdate = z.infer<typeof heartbeatUpdateSchema>;

/** The configuration part of a heartbeat: the applied remote version and local drift. */
export const heartbeatConfigSchema = lazySchema(() =>
  z.object({
    /** the remote configuration versions in force (both null: none received yet) */
    applied: appliedConfigSchema,
    /** a technician changed the configuration locally since the applied remote version */
    drift: z.boolean(),
    /** the fields a technician changed locally (names only, never values) */
    driftFields: z.array(z.string().max(60)).max(40),
    /** the last remote configuration refused, and why */
    refused: z.object({ scope: z.enum(['group', 'terminal']), version: z.number().int().min(0), reason: configRefusalSchema, message: z.string().max(300) }).nullable(),
  }),
);
export type HeartbeatConfig = z.infer<typeof heartbeatConfigSchema>;
