// The contract between a kiosk and the central case system (HTTP, versioned under /v1).
// Central validates requests with these schemas, the kiosk validates responses with them, and
// central's OpenAPI document (GET /v1/openapi.json) is generated from them, so the three agree.
import { z } from 'zod';
import { deliverySchema } from './catalog';
import { helperTokenSchema } from './staff-registry';
import { contentDigestSchema } from './content-digest';
import { caseProofSchema, claimDigestSchema, receiptClaimSchema } from './receipt-claim';
import { idempotencyKeySchema, MAX_PAGE_BYTES, pageMimeSchema, receiptNoSchema, submissionShape } from './submission';
import { cleanFileNameSchema, cleanText } from './text-hygiene';
import { MOBILE_PATTERN, POSTCODE_PATTERN } from './contact-patterns';
import { POSTAL_TEXT_LENGTHS, type PostalAddress } from './postal-address';
import { lazySchema } from './lazy-schema';

export const CENTRAL_API_VERSION = 1;

export const sha256HexSchema = lazySchema(() => z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256 / expected a lowercase hex SHA-256'));

/**
 * Bounds of every integer that travels as text (path segments, query values), so the OpenAPI
 * document can state them as integers with the same range the handler enforces.
 */
export const integerParamBounds = new WeakMap<z.ZodType, { minimum: number; maximum: number }>();

/**
 * An integer in a path or query: plain decimal digits only. Number() would also take `0x7EA`,
 * `2.026e3`, `1e1` or an empty string (as 0), so one text could mean several requests.
 */
export function decimalInt(min: number, max: number) {
  const s = z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, '应为十进制整数 / expected a decimal integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
  integerParamBounds.set(s, { minimum: min, maximum: max });
  return s;
}

/** Case numbers central issues: AJ + date + sequence. */
export const caseNoSchema = lazySchema(() => z.string().regex(/^AJ\d{14}$/, '案件编号格式不正确 / malformed case number'));
/** Document ids central issues (UUIDs today). */
export const documentIdSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9-]{8,64}$/, '文书编号格式不正确 / malformed document id'));

/**
 * A file name as a person would read it (common/text-hygiene.ts): no path or path-like
 * character, no device name, nothing invisible. Central never builds a path from it, but a name
 * that looks like one is a sign of a forged or broken client, and it reaches people's desktops.
 */
export const safeFileNameSchema = cleanFileNameSchema;

// ── attachments: scanned pages, uploaded as resumable chunks and verified by their digest ─────
// `sha256` keeps its v1 name but holds a content digest (common/content-digest.ts): 64 hex for
// SHA-256, `sm3:` + 64 hex for SM3 (an sm terminal's).

export const MAX_CHUNK_BYTES = 1024 * 1024;

export const attachmentRefSchema = lazySchema(() =>
  z.object({
    sha256: contentDigestSchema,
    size: z.number().int().min(1).max(MAX_PAGE_BYTES),
    mime: pageMimeSchema,
    name: safeFileNameSchema,
  }),
);
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

export const attachmentStateSchema = lazySchema(() =>
  z.object({
    sha256: contentDigestSchema,
    size: z.number().int(),
    /** Bytes central holds so far: the offset of the next chunk. */
    received: z.number().int().min(0),
    complete: z.boolean(),
  }),
);
export type AttachmentState = z.infer<typeof attachmentStateSchema>;

/**
 * A file name declared in a query: the kiosk's page names (material id, page number, extension),
 * plain enough to state as a pattern; any other name is declared by `POST /v1/attachments`.
 */
export const queryFileNameSchema = lazySchema(() =>
  z
    .string()
    .regex(/^[a-z0-9-]{1,80}\.(jpg|png|pdf|bin)$/)
    .refine((n) => safeFileNameSchema.safeParse(n).success),
);

/**
 * A chunk's place, and (1.3.0) optionally the attachment's declaration — `size`, `mime` and `name`
 * together, as in `POST /v1/attachments` — so a page that fits in one chunk is declared and sent
 * in one request: one signature, one round trip and one commit at central instead of two each.
 */
export const chunkQuerySchema = lazySchema(() =>
  z.object({
    offset: decimalInt(0, MAX_PAGE_BYTES),
    size: decimalInt(1, MAX_PAGE_BYTES).optional(),
    mime: pageMimeSchema.optional(),
    name: queryFileNameSchema.optional(),
  }),
);

// ── submissions ──────────────────────────────────────────────────────────────────────────────

/** A submission as central receives it: pages replaced by references to uploaded attachments. */
export const submissionManifestSchema = lazySchema(() =>
  submissionShape(attachmentRefSchema, {
    idempotencyKey: idempotencyKeySchema,
    receiptNo: receiptNoSchema,
    /** When the citizen submitted at the kiosk (not when it reached central). */
    submittedAt: z.iso.datetime({ offset: true }),
    /**
     * 帮办代办: the central-issued proof that the helper signed in at this terminal (session token
     * of an online sign-in, or the offline ticket). Required on the helper channel; central checks
     * it at intake (helper, terminal, valid at submittedAt).
     */
    helperProof: helperTokenSchema.nullable().default(null),
    /**
     * Digest of the receipt's claim (common/receipt-claim.ts); the claim itself stays on the
     * citizen's paper. Absent from submissions queued before claims existed: those cases are
     * followed up by card, and by receipt number for status only.
     */
    claimDigest: claimDigestSchema.optional(),
  }),
);
export type SubmissionManifest = z.output<typeof submissionManifestSchema>;

export const MAX_BATCH_ITEMS = 50;

export const submissionBatchRequestSchema = lazySchema(() =>
  z.object({
    items: z.array(submissionManifestSchema).min(1).max(MAX_BATCH_ITEMS),
  }),
);

export const submissionResultSchema = lazySchema(() =>
  z.discriminatedUnion('outcome', [
    z.object({
      index: z.number().int(),
      idempotencyKey: z.string(),
      /** created now, or already received under the same key (no second case) */
      outcome: z.enum(['created', 'duplicate']),
      caseNo: z.string(),
      receivedAt: z.string(),
    }),
    z.object({
      index: z.number().int(),
      idempotencyKey: z.string(),
      /** Send these attachments first, then the manifest again. */
      outcome: z.literal('missing-attachments'),
      missing: z.array(contentDigestSchema),
    }),
    z.object({
      index: z.number().int(),
      idempotencyKey: z.string().nullable(),
      /** Central will never accept this item as it is: a person has to look at it. */
      outcome: z.literal('rejected'),
      /**
       * receipt-terminal-mismatch: the receipt number's terminal prefix is not the signing terminal;
       * receipt-taken: another case already holds this receipt number;
       * digest-suite-mismatch: a page or claim digest made with SHA-256 by a terminal registered for
       * the sm suite, outside its transition window (no downgrade).
       */
      code: z.enum(['invalid', 'unknown-service', 'key-reused', 'receipt-terminal-mismatch', 'receipt-taken', 'helper-unverified', 'digest-suite-mismatch']),
      reason: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
    }),
  ]),
);
export type SubmissionResult = z.infer<typeof submissionResultSchema>;

export const submissionBatchResponseSchema = lazySchema(() => z.object({ results: z.array(submissionResultSchema) }));

// ── cases: status changes and notices (受理 / 补正 / 不予受理 / 审查 / 办结 / 送达) ─────────────

export const caseStatusSchema = lazySchema(() => z.enum(['received', 'accepted', 'correction', 'not-accepted', 'reviewing', 'concluded', 'delivered']));
export type CaseStatus = z.infer<typeof caseStatusSchema>;

const dateSchema = lazySchema(() => z.iso.date());

export const resultDocumentSchema = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    name: safeFileNameSchema,
    mime: z.literal('application/pdf'),
    size: z.number().int().min(1),
    sha256: sha256HexSchema,
    /** Released for printing at a self-service terminal. */
    selfPrint: z.boolean(),
  }),
);
export type ResultDocument = z.infer<typeof resultDocumentSchema>;

const text = lazySchema(() => z.string().min(1).max(2000));

/** Notices (通知书) central issued with a status change; absent from older centrals, hence the default. */
const noticeDocumentsSchema = lazySchema(() => z.array(resultDocumentSchema).max(3).default([]));

/** One status change with the notice that goes with it (the notice central must give, seeds 000 §6). */
export const caseUpdateSchema = lazySchema(() =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('received') }),
    z.object({
      status: z.literal('accepted'),
      /** 容缺受理: materials still owed, to be supplied before the decision */
      owed: z
        .array(z.object({ materialId: z.string(), description: text }))
        .max(50)
        .default([]),
      note: text.nullable().default(null),
      /** the 受理通知书 central issued (printable at the kiosk) */
      documents: noticeDocumentsSchema,
    }),
    z.object({
      status: z.literal('correction'),
      items: z
        .array(z.object({ materialId: z.string().nullable().default(null), description: text }))
        .min(1)
        .max(50),
      deadline: dateSchema,
      /** the 补正材料通知书 listing every item at once */
      documents: noticeDocumentsSchema,
    }),
    z.object({
      status: z.literal('not-accepted'),
      reasons: z.array(text).min(1).max(20),
      /** the 不予受理通知书 with the reasons and the right to reconsideration or litigation */
      documents: noticeDocumentsSchema,
    }),
    z.object({ status: z.literal('reviewing'), note: text.nullable().default(null) }),
    z.object({
      status: z.literal('concluded'),
      decision: z.enum(['approved', 'denied']),
      documents: z.array(resultDocumentSchema).max(10),
      note: text.nullable().default(null),
    }),
    z.object({
      status: z.literal('delivered'),
      method: deliverySchema,
      trackingNo: z.string().max(64).nullable().default(null),
    }),
  ]),
);
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

export const caseEventSchema = lazySchema(() =>
  z.object({
    /** Position in this terminal's feed; the kiosk asks for events after the last one it stored. */
    seq: z.number().int().min(1),
    caseNo: z.string(),
    receiptNo: receiptNoSchema,
    idempotencyKey: z.string(),
    at: z.iso.datetime({ offset: true }),
    update: caseUpdateSchema,
  }),
);
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseFeedQuerySchema = lazySchema(() =>
  z.object({
    after: decimalInt(0, Number.MAX_SAFE_INTEGER).default(0),
    limit: decimalInt(1, 500).default(200),
  }),
);

export const caseFeedResponseSchema = lazySchema(() => z.object({ events: z.array(caseEventSchema), cursor: z.number().int().min(0) }));

export const caseDetailSchema = lazySchema(() =>
  z.object({
    caseNo: z.string(),
    receiptNo: receiptNoSchema,
    idempotencyKey: z.string(),
    serviceCode: z.string(),
    status: caseStatusSchema,
    events: z.array(caseEventSchema),
  }),
);

// ── follow-up at the kiosk: progress lookup, self-print report, postal delivery ───────────────

/**
 * Look a citizen's cases up at central. POST so the identity number travels in the (signed)
 * body and never in a URL that proxies or access logs keep.
 */
export const caseLookupRequestSchema = lazySchema(() =>
  z.discriminatedUnion('by', [
    z.object({ by: z.literal('idNumber'), idNumber: z.string().regex(/^[0-9A-Za-z]{6,20}$/, '证件号码格式不正确 / malformed identity number') }),
    /** With the claim from the receipt's QR the case comes whole; without (or a wrong one), status only. */
    z.object({ by: z.literal('receiptNo'), receiptNo: receiptNoSchema, claim: receiptClaimSchema.optional() }),
  ]),
);
export type CaseLookupRequest = z.infer<typeof caseLookupRequestSchema>;

const { recipient, region, detail } = POSTAL_TEXT_LENGTHS;
export const postalAddressSchema = lazySchema(
  () =>
    z.object({
      recipient: cleanText(z.string().trim().min(recipient.min, '请填写收件人 / recipient required').max(recipient.max)),
      phone: z.string().regex(MOBILE_PATTERN, '手机号码不正确 / invalid mobile number'),
      /** 省市区 as one line, e.g. 江苏省宿迁市宿城区 */
      region: cleanText(z.string().trim().min(region.min, '请填写省市区 / region required').max(region.max)),
      detail: cleanText(z.string().trim().min(detail.min, '详细地址过短 / street address too short').max(detail.max)),
      postcode: z.string().regex(POSTCODE_PATTERN, '邮政编码应为 6 位数字 / postcode must be 6 digits'),
    }) satisfies z.ZodType<PostalAddress>,
);
export type { PostalAddress } from './postal-address';

export const deliveryStateSchema = lazySchema(() =>
  z.object({
    method: z.literal('post'),
    requestedAt: z.iso.datetime({ offset: true }),
    /** set by the issuing office when the parcel is handed to the carrier */
    carrier: z.string().max(40).nullable(),
    trackingNo: z.string().max(64).nullable(),
  }),
);
export const caseDocumentStateSchema = lazySchema(() =>
  resultDocumentSchema.extend({
    kind: z.enum(['notice', 'result']),
    /** when a self-service terminal printed it (results print once) */
    printedAt: z.iso.datetime({ offset: true }).nullable(),
  }),
);

export const caseSummarySchema = lazySchema(() =>
  caseDetailSchema.extend({
    documents: z.array(caseDocumentStateSchema),
    delivery: deliveryStateSchema.nullable(),
  }),
);
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/**
 * What a lookup by receipt number alone (no claim, or a wrong one) shows: where the case stands
 * and when it got there. No case number, no notices or their reasons, no documents, no delivery.
 */
export const caseStatusOnlySchema = lazySchema(() =>
  z
    .object({
      receiptNo: receiptNoSchema,
      serviceCode: z.string(),
      status: caseStatusSchema,
      timeline: z.array(z.object({ status: caseStatusSchema, at: z.iso.datetime({ offset: true }) }).strict()).max(100),
    })
    .strict(),
);
export type CaseStatusOnly = z.infer<typeof caseStatusOnlySchema>;

export const caseLookupResponseSchema = lazySchema(() =>
  z.object({
    /** cases the proof opened: by identity number, or by receipt number with its claim */
    cases: z.array(caseSummarySchema).max(100),
    /** a receipt number without a valid claim: its status only (absent from older centrals) */
    statusOnly: z.array(caseStatusOnlySchema).max(1).default([]),
  }),
);

/** Fetching a document's PDF: the proof travels in the signed body. */
export const documentFetchRequestSchema = lazySchema(() => z.object({ proof: caseProofSchema }).strict());

export const documentPrintedRequestSchema = lazySchema(() => z.object({ printedAt: z.iso.datetime({ offset: true }), proof: caseProofSchema }));
export const documentPrintedResponseSchema = lazySchema(() =>
  z.object({
    documentId: z.string(),
    printedAt: z.string(),
    /** false when central already knew of a print (this report repeated, or another print) */
    first: z.boolean(),
  }),
);

export const deliveryRequestSchema = lazySchema(() => z.object({ idempotencyKey: idempotencyKeySchema, address: postalAddressSchema, proof: caseProofSchema }));

/** Lookups a terminal may make in a sliding window before central answers 429 with Retry-After. */
export const DEFAULT_LOOKUP_LIMIT = { max: 60, windowMs: 10 * 60_000 };

// ── evaluations (好差评) ──────────────────────────────────────────────────────────────────────

/**
 * 一次一评: which service occasion a rating is for. `acceptance` — the visit at which the case was
 * handed in (the journey rates right after submission; the default, so older kiosks need not send
 * it); `result` — the visit at which the result was received, only once the case is concluded.
 * Central takes one rating per case and occasion.
 */
export const evaluationStageSchema = lazySchema(() => z.enum(['acceptance', 'result']));

export const evaluationRequestSchema = lazySchema(() =>
  z.object({
    idempotencyKey: idempotencyKeySchema,
    caseNo: z.string().min(1).max(64),
    stage: evaluationStageSchema.default('acceptance'),
    /** 1 非常不满意 … 5 非常满意 */
    rating: z.number().int().min(1).max(5),
    comment: cleanText(z.string().max(500), { multiline: true }).nullable().default(null),
  }),
);
export const evaluationResponseSchema = lazySchema(() => z.object({ evaluationId: z.string(), duplicate: z.boolean() }));

// ── working-day calendar (法定节假日 and 调休 working days) ────────────────────────────────────

// In calendar.ts, so working-days.ts (used by form-schema.ts, used by catalog.ts) needs no contract import.
export { CALENDAR_YEARS, calendarBodySchema, calendarDaySchema, calendarSchema, type Calendar } from './calendar';

// ── errors ───────────────────────────────────────────────────────────────────────────────────

/**
 * Every non-2xx answer. `error` is the code a terminal acts on and words for the citizen in its
 * own string tables; `message` and `issues` are for logs, operators and technicians, never shown
 * to a citizen (API.md, *Errors*).
 */
export const apiErrorSchema = lazySchema(() =>
  z.object({
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
);
/**
 * 401 answers of the signature check; `clock-skew` carries central's clock so the terminal can
 * correct once, `suite-mismatch` the suite the terminal is registered for.
 */
export const authErrorSchema = lazySchema(() => apiErrorSchema.omit({ issues: true }).extend({ serverTime: z.iso.datetime().optional(), requiredSuite: z.enum(['international', 'sm']).optional() }));

/** 409 offset-mismatch and 422 hash-mismatch of a chunk carry the attachment's state: `received` is where to resume. */
export const attachmentProblemSchema = lazySchema(() => apiErrorSchema.omit({ issues: true }).extend(attachmentStateSchema.shape));

/**
 * Every call a kiosk makes to central, by method and OpenAPI path template. The kiosk's client
 * builds its requests only from this list, and a test checks each entry against the OpenAPI
 * document central serves.
 */
export const KIOSK_CALLS = {
  catalog: { method: 'get', path: '/v1/catalog' },
  health: { method: 'get', path: '/v1/health' },
  attachmentInit: { method: 'post', path: '/v1/attachments' },
  attachmentChunk: { method: 'put', path: '/v1/attachments/{sha256}/content' },
  submitBatch: { method: 'post', path: '/v1/submissions/batch' },
  caseFeed: { method: 'get', path: '/v1/cases/feed' },
  caseDetail: { method: 'get', path: '/v1/cases/{caseNo}' },
  documentFetch: { method: 'post', path: '/v1/documents/{documentId}/fetch' },
  evaluation: { method: 'post', path: '/v1/evaluations' },
  calendar: { method: 'get', path: '/v1/calendar/{year}' },
  caseLookup: { method: 'post', path: '/v1/cases/lookup' },
  documentPrinted: { method: 'post', path: '/v1/documents/{documentId}/printed' },
  deliveryRequest: { method: 'post', path: '/v1/cases/{caseNo}/delivery' },
  heartbeat: { method: 'post', path: '/v1/heartbeats' },
  helperIdentify: { method: 'post', path: '/v1/helpers/identify' },
  helperSignIn: { method: 'post', path: '/v1/helpers/sign-in' },
  updateAssignment: { method: 'get', path: '/v1/updates/assignment' },
  releaseArtifact: { method: 'get', path: '/v1/releases/{sha512}/artifact' },
  remoteConfig: { method: 'get', path: '/v1/config' },
  helpCallStart: { method: 'post', path: '/v1/help/calls' },
  helpCallStatus: { method: 'get', path: '/v1/help/calls/{callId}' },
  helpSignalsGet: { method: 'get', path: '/v1/help/calls/{callId}/signals' },
  helpSignalPost: { method: 'post', path: '/v1/help/calls/{callId}/signals' },
  helpCallHangUp: { method: 'post', path: '/v1/help/calls/{callId}/hangup' },
  helpCallback: { method: 'post', path: '/v1/help/calls/{callId}/callback' },
  helpRequest: { method: 'post', path: '/v1/help/requests' },
  netidVerify: { method: 'post', path: '/v1/netid/verify' },
} as const satisfies Record<string, { method: 'get' | 'post' | 'put'; path: string }>;
export type KioskCall = keyof typeof KIOSK_CALLS;

/** Fills an OpenAPI path template: fillPath('/v1/cases/{caseNo}', { caseNo: 'X' }). */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing path parameter ${k}`);
    return encodeURIComponent(String(v));
  });
}
