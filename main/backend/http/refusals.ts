// The HTTP status of every refusal a use case can give, in one table: a use case returns
// `err({ kind, … })`, the route answers `{ error: kind, area, … }` with the status found here.
// Grouped by area because a few codes mean different things in different places (a helper's
// unknown card is "not found" at the reader and "start again" at the PIN pad), so the answer names
// its area and the renderer's string table (renderer/src/i18n/refusals.ts) words it by area and code.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const REFUSAL_STATUS = {
  /** the HTTP layer itself, before or around any route: unknown path, body caps and checks, a crash (app.ts, body-limit.ts, json-body.ts, validate.ts) */
  http: { 'not-found': 404, 'too-large': 413, 'unsupported-media-type': 415, 'not-json': 400, 'invalid-request': 400, internal: 500 },
  /** the application journey's steps and submit (journey/submit.ts, print-missing-notice.ts) */
  journey: {
    // the service is not one the kiosk takes whole now (journey/service-for.ts)
    'catalog-unavailable': 503,
    'unknown-service': 404,
    'not-at-kiosk': 409,
    'no-card': 409,
    'card-not-accepted': 409,
    'face-check-needed': 409,
    'helper-not-signed-in': 403,
    'unknown-page': 409,
    'materials-missing': 409,
    'commitment-needed': 409,
    'not-missing': 409,
    'form-invalid': 400,
    // the outbox refused the application (offline-queue/outbox.ts)
    invalid: 400,
    'key-reused': 409,
    'disk-full': 507,
    storage: 500,
  },
  /** the service guide and its A4 print (catalog/catalog-refusals.ts) */
  catalog: { 'catalog-unavailable': 503, 'not-found': 404, printer: 409 },
  /** the raw queue API of development and tests (routes/submissions.ts; the outbox's and 好差评's refusals) */
  submissions: {
    'catalog-unavailable': 503,
    'unknown-service': 400,
    'unknown-material': 400,
    'helper-not-signed-in': 403,
    'invalid-request': 400,
    'invalid-rating': 400,
    'key-reused': 409,
    'disk-full': 507,
    storage: 500,
    'not-found': 404,
    'not-printable': 404,
    'already-rated': 409,
    'not-downloaded': 409,
    'evaluation-storage': 500,
  },
  /** 好差评 (journey/rate.ts) */
  rating: { 'not-found': 404, invalid: 400, 'already-rated': 409, storage: 500 },
  /** 人证核验 (citizen/face-check.ts) */
  face: { 'no-card': 409, 'no-photo': 422, unavailable: 503, 'no-face': 422, 'bad-image': 422, timeout: 504 },
  /** 办件进度查询: lookups, prints and postal delivery (followup/) */
  followup: { 'no-card': 409, 'social-card-not-accepted': 409, 'not-found': 404, refused: 409, 'not-yours': 403, busy: 429, offline: 503, printer: 503, central: 502 },
  /** a helper's card at the reader (helpers/sign-in.ts) */
  helperCard: { timeout: 408, 'unknown-card': 404, 'offline-no-ticket': 503, refused: 502 },
  /** a helper-only route without a signed-in helper (helpers/guard.ts) */
  helper: { 'helper-only': 403 },
  /** a helper's PIN (helpers/sign-in.ts) */
  helperSignIn: { 'no-card': 409, 'unknown-card': 409, locked: 423, 'wrong-pin': 401, 'offline-no-ticket': 503, refused: 502 },
  /** 远程帮办 with the hall (help/help-desk-link.ts) */
  help: { offline: 503, 'no-call': 404, over: 409, refused: 502, busy: 409 },
  /** spoken guidance (devices/speech/speech-service.ts) */
  speech: { unavailable: 503 },
  /** device services for the screens (routes/devices.ts): a scan's faults, pages, held receipts */
  devices: {
    // a scan that failed (devices/scanner/): the pages taken before the fault still come back
    jammed: 409,
    'cover-open': 409,
    'no-documents': 409,
    busy: 409,
    'not-found': 409,
    unavailable: 409,
    'io-error': 409,
    error: 409,
    'pages-unusable': 409,
    'no-page': 404,
    'not-an-image': 415,
    'bad-image': 422,
    // a held receipt's reprint (devices/receipt/service.ts)
    'no-held-receipt': 404,
    held: 409,
    invalid: 409,
  },
  /** the technician's PIN (maintenance/technician-auth.ts) */
  techSignIn: { 'not-configured': 503, locked: 423, 'wrong-pin': 401 },
  /** every maintenance route without a live technician session (maintenance/guard.ts) */
  technician: { 'technician-only': 403 },
  /** maintenance actions (routes/maintenance.ts) */
  maintenance: {
    'no-dead-letter': 404,
    'no-config-file': 409,
    'config-refused': 422,
    'export-refused': 422,
    // choosing a printer (maintenance/printer-setup.ts)
    'printer-not-found': 404,
    'bad-address': 422,
    'queue-not-added': 502,
    'printer-not-saved': 422,
  },
} as const;

type Table = typeof REFUSAL_STATUS;
export type RefusalArea = keyof Table;
export type Refusal<A extends RefusalArea> = { kind: keyof Table[A] & string; message?: string };
/** The refusal codes of an area, for the renderer's string table (renderer/src/i18n/refusals.ts). */
export type RefusalKind<A extends RefusalArea> = keyof Table[A] & string;

/** The status of a refusal of `area`. */
export function statusOf<A extends RefusalArea, K extends keyof Table[A]>(area: A, kind: K): Table[A][K] {
  return REFUSAL_STATUS[area][kind];
}

/**
 * The answer to a refusal: `{ error: kind, area, … }` with what else the use case gave the screen
 * (problems to correct, what is missing…), after `before` (the helper screens' `ok: false`), and
 * the table's status.
 */
export function refuse<A extends RefusalArea, E extends { kind: keyof Table[A] & string; message?: string }, B extends object = Record<never, never>>(c: Context, area: A, e: E, before?: B) {
  const { kind, ...rest } = e;
  const status = statusOf(area, kind) as Table[A][E['kind']] & ContentfulStatusCode;
  // Typed per refusal kind (distributive), so the screen that narrows on `error` sees that kind's
  // own fields (attemptsLeft, lockedUntil, problems…) — a plain rest of a union keeps only the
  // fields every kind shares.
  return c.json({ ...(before as B), error: kind, area, ...rest } as B & RefusalBody<E> & { area: A }, status);
}

type RefusalBody<E> = E extends { kind: infer K } ? Omit<E, 'kind'> & { error: K } : never;

/** The codes of every area, as a type the renderer's string table reads (through common/api/kiosk-api-types.ts). */
export type RefusalCodeTable = { [A in RefusalArea]: RefusalKind<A> };
