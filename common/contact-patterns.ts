// The shapes of the numbers a citizen types, as plain patterns: the zod schemas (submission.ts,
// central-api.ts, help-desk.ts) and the renderer's screens check against the same ones, and the
// renderer does so without shipping zod.

/** A receipt number printed for the citizen: terminal id, China-time date, daily sequence. */
export const RECEIPT_NO_PATTERN = /^[A-Z0-9]{4,16}-\d{8}-\d{4,6}$/;

/** A mainland mobile number. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** A number the help desk can call back: a mobile, or a landline with its area code. */
export const CALLBACK_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** A postcode: six digits. */
export const POSTCODE_PATTERN = /^\d{6}$/;
