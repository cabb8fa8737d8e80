// Why a device operation failed, as codes with typed parameters. Devices and the backend answer
// with these; the renderer's string tables (renderer/src/i18n/device-failures.ts) choose the words,
// Chinese first. A `detail` is the driver's own diagnostic for the technician (English, as the
// driver or CUPS said it), never a sentence for the citizen.

/** Why a receipt was held for reprint instead of printed (devices/receipt/). */
export const RECEIPT_HELD_REASONS = ['paper-out', 'cover-open', 'cutter-error', 'printer-error', 'unplugged', 'no-response'] as const;
export type ReceiptHeldReason = (typeof RECEIPT_HELD_REASONS)[number];

/**
 * Why the journey's receipt did not come out: a held reason, `no-claim` (a repeat of a submission
 * queued before receipts had claims: it cannot be made again here, staff reprint it) or `invalid`
 * (the receipt document did not pass its schema: a bug, nothing was kept).
 */
export type ReceiptNotPrinted = ReceiptHeldReason | 'no-claim' | 'invalid';

/**
 * Why an A4 print did not come out (devices/a4/): the print service could not be reached or went
 * away during the job, the printer is not available here, refused the job, is stopped (before the
 * job, or while it printed: the job was cancelled), the job failed or timed out (cancelled), the
 * bytes were not a PDF, or no PDF could be built (no CJK font: the technician's configuration).
 */
export const A4_FAILURES = ['service-unavailable', 'service-lost', 'not-available', 'refused', 'stopped', 'stopped-cancelled', 'failed', 'timeout', 'not-a-pdf', 'no-font'] as const;
export type A4Failure = (typeof A4_FAILURES)[number];

/** Why 人证核验 gave no verdict (devices/face/): the screens word it, `retryable` says whether to offer another try. */
export const FACE_FAILURES = ['unavailable', 'no-face', 'bad-image', 'timeout'] as const;
export type FaceFailure = (typeof FACE_FAILURES)[number];

/**
 * Why an image cannot be a page (devices/materials/page-inbox.ts): larger than the limit (in MB),
 * not a JPEG or PNG, too small to read (its size in pixels), or the inbox is full.
 */
export type PageProblem = { problem: 'too-large'; mb: number; maxMb: number } | { problem: 'not-an-image' } | { problem: 'too-small'; width: number; height: number } | { problem: 'too-many-pages' };

/**
 * Why a card read gave no photo for 人证核验 (`idcard.read`'s `photoProblem`): this terminal has no
 * photo decoder, the photo data is not the 1024 bytes of a WLT photo, the vendor's decoder could
 * not be loaded, failed (crashed, timed out, gave too little back) or refused the photo; or the
 * credential carries none (社保卡, 网证).
 */
export const PHOTO_PROBLEMS = ['no-decoder', 'bad-photo-data', 'decoder-unavailable', 'decoder-failed', 'decoder-refused', 'social-card-has-no-photo', 'netid-has-no-photo'] as const;
export type PhotoProblem = (typeof PHOTO_PROBLEMS)[number];
/** A photo decoder's failure: the code, and the decoder's own detail for the log (English, as the library or its worker said it). */
export type PhotoFailure = { problem: PhotoProblem; detail?: string };

/**
 * Why a card on the reader gave no identity (`idcard.error`): the read failed, the data came back
 * incomplete, or the text block is not a card's: wrong length, unknown card type, a field missing
 * or malformed, an identity number that fails its check. The screens word it; the reader's own
 * detail (which field, which flag) goes to the log.
 */
export const CARD_READ_PROBLEMS = ['no-read', 'incomplete', 'text-length', 'unknown-card-type', 'bad-field', 'id-number', 'not-social-card', 'social-card-unreadable', 'social-card-invalid'] as const;
/** The problems only the 社保卡 reader reports (devices/social-card/): another card, unreadable, data that fails its checks. */
export const SOCIAL_CARD_PROBLEMS = ['not-social-card', 'social-card-unreadable', 'social-card-invalid'] as const satisfies readonly CardReadProblem[];
export type CardReadProblem = (typeof CARD_READ_PROBLEMS)[number];
