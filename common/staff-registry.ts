// 帮办代办: the township helpers (staff) central publishes to terminals, so a helper can sign in
// at a kiosk with their ID card plus a PIN, also while the link to central is down. Nothing in
// it is usable on its own: the card's identity number and the PIN travel only as salted scrypt
// hashes (format `scrypt$N$r$p$<salt base64url>$<hash base64url>`, one random salt per value).
import { z } from 'zod';

export const SCRYPT_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/;
const scryptHash = z.string().regex(SCRYPT_HASH_PATTERN, '应为 scrypt$N$r$p$salt$hash / expected scrypt$N$r$p$salt$hash');

/** Same pattern as a submission's helperId: staff ids are printed on receipts and kept with cases. */
export const staffIdSchema = z.string().regex(/^[A-Za-z0-9-]{2,32}$/, '工号格式不正确 / malformed staff id');

export const staffMemberSchema = z.object({
  staffId: staffIdSchema,
  name: z.string().trim().min(1).max(32),
  /** the township (乡镇/街道) the helper serves */
  township: z.string().trim().min(1).max(64),
  /** salted scrypt hash of the identity number on the helper's card (upper-case, final X) */
  idNumberHash: scryptHash,
  /** salted scrypt hash of the helper's PIN (6–12 digits) */
  pinHash: scryptHash,
  /** a helper who left or was suspended stays listed as inactive so terminals drop them */
  active: z.boolean(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const staffRegistrySchema = z.object({
  /** changes whenever any entry changes; terminals revalidate with If-None-Match on it */
  version: z.string().min(1).max(80),
  publishedAt: z.iso.datetime({ offset: true }),
  staff: z.array(staffMemberSchema).max(5000),
});
export type StaffRegistry = z.infer<typeof staffRegistrySchema>;

/** What the admin API takes to enrol or change a helper: central hashes the secrets itself. */
export const staffEnrolmentSchema = z.object({
  name: z.string().trim().min(1).max(32),
  township: z.string().trim().min(1).max(64),
  idNumber: z.string().regex(/^\d{17}[\dXx]$/, '身份证号码格式不正确 / malformed identity number'),
  pin: z.string().regex(/^\d{6,12}$/, 'PIN 应为 6–12 位数字 / the PIN must be 6–12 digits'),
  active: z.boolean().default(true),
});
export type StaffEnrolment = z.infer<typeof staffEnrolmentSchema>;
