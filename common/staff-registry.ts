// 帮办代办: the township helpers (staff) enrolled at central, and the helper sign-in contract
// between a kiosk and central. Central alone holds the salted scrypt hashes of a helper's card
// number and PIN (format `scrypt$N$r$p$<salt base64url>$<hash base64url>`) and verifies them; a
// terminal never receives a verifier. It sends the card number read at the kiosk and the PIN in a
// signed request and gets back central-issued, central-verified proofs (issue 10, finding 3).
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

export const SCRYPT_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/;
const scryptHash = lazySchema(() => z.string().regex(SCRYPT_HASH_PATTERN, '应为 scrypt$N$r$p$salt$hash / expected scrypt$N$r$p$salt$hash'));

/** Same pattern as a submission's helperId: staff ids are printed on receipts and kept with cases. */
export const staffIdSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9-]{2,32}$/, '工号格式不正确 / malformed staff id'));

/** A helper as central keeps them (central's store only: never sent to a terminal). */
export const staffMemberSchema = lazySchema(() =>
  z.object({
    staffId: staffIdSchema,
    name: z.string().trim().min(1).max(32),
    /** the township (乡镇/街道) the helper serves */
    township: z.string().trim().min(1).max(64),
    /** salted scrypt hash of the identity number on the helper's card (upper-case, final X) */
    idNumberHash: scryptHash,
    /** salted scrypt hash of the helper's PIN (6–12 digits) */
    pinHash: scryptHash,
    /** a helper who left or was suspended stays enrolled as inactive and cannot sign in */
    active: z.boolean(),
  }),
);
export type StaffMember = z.infer<typeof staffMemberSchema>;

const idNumberSchema = lazySchema(() => z.string().regex(/^\d{17}[\dXx]$/, '身份证号码格式不正确 / malformed identity number'));

/** What the admin API takes to enrol or change a helper: central hashes the secrets itself. */
export const staffEnrolmentSchema = lazySchema(() =>
  z.object({
    name: z.string().trim().min(1).max(32),
    township: z.string().trim().min(1).max(64),
    idNumber: idNumberSchema,
    pin: z.string().regex(/^\d{6,12}$/, 'PIN 应为 6–12 位数字 / the PIN must be 6–12 digits'),
    active: z.boolean().default(true),
  }),
);
export type StaffEnrolment = z.infer<typeof staffEnrolmentSchema>;

// ── helper sign-in (terminal ↔ central) ──────────────────────────────────────────────────────

/**
 * A central-issued helper proof: `<claims base64url>.<HMAC-SHA256 base64url>`. Opaque to the
 * terminal (only central holds the key and verifies it); it travels with helper-channel
 * submissions so central can check, at intake, that the helper signed in at that terminal.
 */
export const HELPER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,512}\.[A-Za-z0-9_-]{43}$/;
export const helperTokenSchema = lazySchema(() => z.string().regex(HELPER_TOKEN_PATTERN, '帮办凭证格式不正确 / malformed helper token'));

export const helperPublicSchema = lazySchema(() => z.strictObject({ staffId: staffIdSchema, name: z.string().min(1).max(32), township: z.string().min(1).max(64) }));
export type HelperPublic = z.infer<typeof helperPublicSchema>;

/** POST /v1/helpers/identify: whose card is this? (the name the PIN screen greets). */
export const helperIdentifyRequestSchema = lazySchema(() => z.strictObject({ idNumber: idNumberSchema }));
export const helperIdentifyResponseSchema = lazySchema(() =>
  z.strictObject({
    helper: helperPublicSchema,
    lockedUntil: z.iso.datetime({ offset: true }).nullable(),
    attemptsLeft: z.number().int().min(0),
  }),
);

/** POST /v1/helpers/sign-in: the card read at the kiosk plus the PIN typed there. */
/** Any PIN attempt up to 32 characters (empty included) is a PIN attempt: central counts it, it is never "invalid". */
export const helperSignInRequestSchema = lazySchema(() => z.strictObject({ idNumber: idNumberSchema, pin: z.string().max(32) }));

const issuedToken = lazySchema(() => z.strictObject({ token: helperTokenSchema, expiresAt: z.iso.datetime({ offset: true }) }));
export const helperSignInResponseSchema = lazySchema(() =>
  z.strictObject({
    helper: helperPublicSchema,
    /** proof of this online sign-in: valid for submissions made before expiresAt */
    session: issuedToken,
    /** offline ticket: lets this helper sign in on this terminal with the card alone while central is unreachable */
    ticket: issuedToken,
  }),
);
export type HelperSignInResponse = z.infer<typeof helperSignInResponseSchema>;

/** 422 wrong-pin carries the attempts left; 423 locked carries until when. */
export const helperWrongPinSchema = lazySchema(() => z.strictObject({ error: z.literal('wrong-pin'), message: z.string(), attemptsLeft: z.number().int().min(0) }));
export const helperLockedSchema = lazySchema(() => z.strictObject({ error: z.literal('locked'), message: z.string(), lockedUntil: z.iso.datetime({ offset: true }) }));
