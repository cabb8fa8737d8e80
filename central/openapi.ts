// The OpenAPI 3.1 document of central's /v1 API, generated from the same zod schemas the
// handlers validate with (z.toJSONSchema), so the document cannot drift from the code.
//
// How to add an operation (tests hold every answer to this document, strictly):
// 1. Give the handler zod schemas for what it reads (body, path, query) and for each JSON answer
//    (exported next to the route, or in common/central-api.ts when the kiosk reads it too).
// 2. Add an entry under `paths` below with an operationId, `security` (SIGNED or ADMIN), its
//    parameters (pathParam / queryParams: integers via decimalInt so their range is stated),
//    `requestBody: jsonBody(schema)` and every status it can answer: `ok('…', schema)` for JSON
//    answers, then `...signedErrors` / `...adminErrors` (+ `...jsonBodyErrors` when it takes JSON)
//    and `error('…')` for its own 403/404/409/422. Outputs are strict (no undocumented field), so
//    a new answer field goes into its zod schema first.
// 3. Routes are reachable only once documented: a path missing here answers 404 and a method
//    missing here 405, before authentication (method-guard.ts).
// 4. Say it in central/API.md. central/contract.property.test.ts then generates requests for it.
import { z } from 'zod';
import {
  apiErrorSchema,
  attachmentProblemSchema,
  authErrorSchema,
  attachmentRefSchema,
  attachmentStateSchema,
  CALENDAR_YEARS,
  calendarBodySchema,
  calendarSchema,
  caseDetailSchema,
  caseEventSchema,
  caseFeedQuerySchema,
  caseFeedResponseSchema,
  caseLookupRequestSchema,
  caseLookupResponseSchema,
  caseNoSchema,
  caseSummarySchema,
  chunkQuerySchema,
  decimalInt,
  deliveryRequestSchema,
  documentIdSchema,
  documentFetchRequestSchema,
  documentPrintedRequestSchema,
  documentPrintedResponseSchema,
  evaluationRequestSchema,
  evaluationResponseSchema,
  integerParamBounds,
  submissionBatchRequestSchema,
  submissionBatchResponseSchema,
} from '../common/central-api';
import { contentDigestSchema } from '../common/content-digest';
import { catalogSchema } from '../common/catalog';
import {
  helpCallbackAcceptedSchema,
  helpCallbackRequestSchema,
  helpCallIdSchema,
  helpCallStartedSchema,
  helpCallStartSchema,
  helpCallStatusSchema,
  helpRequestAcceptedSchema,
  helpRequestSchema,
  helpSignalListSchema,
  helpSignalPostedSchema,
  helpSignalSchema,
  helpSignalsQuerySchema,
} from '../common/help-desk';
import { heartbeatResponseSchema, heartbeatSchema } from '../common/heartbeat';
import { netidVerifyRequestSchema, netidVerifyResponseSchema } from '../common/netid-credential';
import {
  helperIdentifyRequestSchema,
  helperIdentifyResponseSchema,
  helperLockedSchema,
  helperSignInRequestSchema,
  helperSignInResponseSchema,
  helperWrongPinSchema,
  staffEnrolmentSchema,
  staffIdSchema,
} from '../common/staff-registry';
import {
  adminCaseListSchema,
  adminCaseSchema,
  adminEvaluationListSchema,
  adminEvaluationsQuerySchema,
  adminStatsSchema,
  calendarPublishedSchema,
  healthResponseSchema,
  sinkResponseSchema,
  staffCasesSchema,
  staffEnrolledSchema,
  terminalRegisteredSchema,
  terminalSuiteSchema,
  trackingSetSchema,
} from './admin-responses';
import { faultStateSchema, faultUpdateSchema } from './faults';
import {
  configDriftListSchema,
  configTargetParamSchema,
  configStoredSchema,
  releaseListSchema,
  releasePublishedSchema,
  releasePublishSchema,
  rolloutSchema,
  rolloutSetSchema,
  terminalGroupSchema,
  terminalGroupSetSchema,
} from './routes/releases';
import { configAssignmentSchema, signedRemoteConfigSchema, updateAssignmentQuerySchema, updateAssignmentSchema } from '../common/fleet-updates';
import { adminCaseUpdateSchema, adminCasesQuerySchema, terminalIdParamSchema, terminalSchema, terminalSuiteUpdateSchema, trackingSchema } from './routes/admin';

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

/** A zod schema's `.default()` / `.optional()` wrapper, unwrapped. */
function unwrap(s: z.ZodType): { inner: z.ZodType; required: boolean; default?: unknown } {
  const def = s._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
  if (def.type === 'default') return { ...unwrap(def.innerType!), required: false, default: def.defaultValue };
  if (def.type === 'optional') return { ...unwrap(def.innerType!), required: false };
  return { inner: s, required: true };
}

/** The schema of a path or query value: integers (decimalInt) as integers with their range. */
function paramSchema(s: z.ZodType): Json {
  const u = unwrap(s);
  const bounds = integerParamBounds.get(u.inner);
  const base = bounds ? { type: 'integer', ...bounds } : schema(u.inner, 'input');
  return u.default === undefined ? base : { ...base, default: u.default };
}

const json = (s: z.ZodType, io: 'input' | 'output') => ({ content: { 'application/json': { schema: schema(s, io) } } });
const ok = (description: string, s: z.ZodType) => ({ description, ...json(s, 'output') });
const jsonBody = (s: z.ZodType) => ({ required: true, ...json(s, 'input') });
const error = (description: string) => ({ description, ...json(apiErrorSchema, 'output') });
const pathParam = (name: string, s: z.ZodType, description: string) => ({ name, in: 'path', required: true, description, schema: paramSchema(s) });
const queryParams = (o: z.ZodObject) => Object.entries(o.shape).map(([name, s]) => ({ name, in: 'query', required: unwrap(s as z.ZodType).required, schema: paramSchema(s as z.ZodType) }));

const SIGNED = [{ terminalSignature: [] }];
const ADMIN = [{ adminToken: [] }];
const unavailable = { description: '暂不可用，见 Retry-After / unavailable, see Retry-After', headers: { 'Retry-After': { schema: { type: 'integer' } } }, ...json(apiErrorSchema, 'output') };
const internal = error('中心系统内部错误 / internal error');
const signedErrors = {
  '400': error('请求不符合要求（附原因）/ invalid request, with reasons'),
  '401': ok(
    '未签名（unsigned）、时间戳格式错误（bad-timestamp）、凭据无效（bad-credentials：终端未登记、已停用或签名错误，同一答复）、时钟偏差（clock-skew，附 serverTime）或重放（replayed） / unsigned, malformed timestamp, bad credentials (unknown terminal and bad signature answer alike), clock skew (with serverTime) or replay',
    authErrorSchema,
  ),
  '413': error('请求过大 / body too large'),
  '500': internal,
  '503': unavailable,
};
/** Operations that take a JSON body also answer 415 to any other content type. */
const jsonBodyErrors = { '415': error('请求体应为 application/json / the body must be application/json') };
const adminErrors = {
  '400': error('请求不符合要求 / invalid request'),
  '401': error('需要管理令牌 / admin token required'),
  '413': error('请求过大 / body too large'),
  '500': internal,
};
const publicErrors = { '500': internal, '503': unavailable };
const caseNoParam = pathParam('caseNo', caseNoSchema, 'case number (AJ + 14 digits)');
const documentIdParam = pathParam('documentId', documentIdSchema, 'document id from an event or a lookup');
const sha256Param = pathParam('sha256', contentDigestSchema, 'digest of the whole file: 64 hex (SHA-256) or sm3: + 64 hex (SM3); the name is v1.0’s');
const yearParam = pathParam('year', decimalInt(CALENDAR_YEARS.min, CALENDAR_YEARS.max), 'year (decimal)');
const staffIdParam = pathParam('staffId', staffIdSchema, 'staff id (工号)');
const callIdParam = pathParam('callId', helpCallIdSchema, 'call id central gave when the call was placed');
const terminalIdParam = pathParam('terminalId', terminalIdParamSchema.shape.terminalId, 'terminal id');

export function buildOpenApi(): Json {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: '不见面审批 reference central API',
      version: '1.3.0',
      description:
        'Intake of kiosk submissions (idempotent), chunked attachments, case-status feed, result documents, evaluations and the working-day calendar. See central/API.md. ' +
        'Any path below asked with a method it does not list answers 405 with an Allow header (components.responses.MethodNotAllowed), before authentication; a path not listed answers 404.',
    },
    components: {
      securitySchemes: {
        terminalSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'x-kiosk-signature',
          description:
            'HMAC-SHA256 (base64url) with the terminal secret over METHOD\\nPATH?QUERY\\nx-kiosk-timestamp\\nx-kiosk-nonce\\nSHA-256(body) hex; plus headers x-kiosk-terminal, x-kiosk-timestamp (ms), x-kiosk-nonce (single use).',
        },
        adminToken: { type: 'http', scheme: 'bearer' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'read-only token of GET /metrics (CENTRAL_METRICS_TOKEN); the admin token is accepted too' },
      },
      responses: {
        MethodNotAllowed: { description: '此接口不支持该方法 / method not allowed', headers: { Allow: { schema: { type: 'string' } } }, ...json(apiErrorSchema, 'output') },
        NotFound: error('无此接口 / no such endpoint'),
      },
    },
    paths: {
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary:
            'The fleet’s figures for Prometheus, computed when scraped: terminals by health, heartbeat age, devices down, receipt paper, queue depth and unsynced age, sync state, release versions, today’s submissions and ratings. No personal data: label values are terminal ids, device kinds, catalog service codes and fixed states.',
          security: [{ metricsToken: [] }, { adminToken: [] }],
          responses: {
            '200': {
              description: 'OpenMetrics 1.0 when Accept asks for application/openmetrics-text, else the Prometheus text format 0.0.4',
              content: { 'application/openmetrics-text': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } },
            },
            '401': error('需要监控令牌 / metrics token required'),
            '500': internal,
          },
        },
      },
      '/v1/health': { get: { operationId: 'health', summary: 'Liveness', responses: { '200': ok('up', healthResponseSchema), ...publicErrors } } },
      '/v1/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
      '/v1/catalog': {
        get: {
          operationId: 'catalog',
          summary: 'The published service catalog (revalidate with If-None-Match)',
          parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
          responses: { '200': ok('catalog', catalogSchema), '304': { description: 'unchanged' }, '404': error('no catalog yet'), ...publicErrors },
        },
      },
      '/v1/attachments': {
        post: {
          operationId: 'attachmentInit',
          summary: 'Declare an attachment (idempotent); answers how many bytes central already holds',
          security: SIGNED,
          requestBody: jsonBody(attachmentRefSchema),
          responses: {
            '200': ok('state', attachmentStateSchema),
            '409': error('`conflict`: same digest with another size; `digest-suite-mismatch`: a SHA-256 digest from a terminal registered for the sm suite, outside its transition window'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/attachments/{sha256}': {
        get: {
          operationId: 'attachmentState',
          summary: 'Resume point of an attachment',
          security: SIGNED,
          parameters: [sha256Param],
          responses: { '200': ok('state', attachmentStateSchema), '404': error('unknown'), ...signedErrors },
        },
      },
      '/v1/attachments/{sha256}/content': {
        put: {
          operationId: 'attachmentChunk',
          summary:
            'Append one chunk at offset; the file is verified against its digest (SHA-256 or SM3, as the digest names) when complete. With `size`, `mime` and `name` (all three, 1.3.0) the request also declares the attachment as `POST /v1/attachments` does',
          security: SIGNED,
          parameters: [sha256Param, ...queryParams(chunkQuerySchema)],
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: {
            '200': ok('state', attachmentStateSchema),
            '404': error('declare first'),
            '409': {
              description:
                'offset mismatch (`offset-mismatch`, with the state): resume at `received`; with a declaration also `conflict` (same digest with another size) and `digest-suite-mismatch` (no state)',
              content: { 'application/json': { schema: { anyOf: [schema(attachmentProblemSchema, 'output'), schema(apiErrorSchema, 'output')] } } },
            },
            '422': {
              description: 'hash mismatch (`received: 0`: upload again from 0) or chunk past the declared size (`too-long`, no state)',
              content: { 'application/json': { schema: { anyOf: [schema(attachmentProblemSchema, 'output'), schema(apiErrorSchema, 'output')] } } },
            },
            '415': error('a chunk must be application/octet-stream'),
            ...signedErrors,
          },
        },
      },
      '/v1/submissions/batch': {
        post: {
          operationId: 'submitBatch',
          summary: 'Submit manifests; each is created once per idempotency key (same key → same case number)',
          security: SIGNED,
          requestBody: jsonBody(submissionBatchRequestSchema),
          responses: {
            '200': ok('per-item results (index matches the request)', submissionBatchResponseSchema),
            '422': ok('every item was rejected', submissionBatchResponseSchema),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/cases/feed': {
        get: {
          operationId: 'caseFeed',
          summary: "This terminal's case events after a cursor",
          security: SIGNED,
          parameters: queryParams(caseFeedQuerySchema),
          responses: { '200': ok('events', caseFeedResponseSchema), ...signedErrors },
        },
      },
      '/v1/cases/{caseNo}': {
        get: {
          operationId: 'caseDetail',
          summary: 'A case with its history',
          security: SIGNED,
          parameters: [caseNoParam],
          responses: { '200': ok('case', caseDetailSchema), '404': error('no such case'), ...signedErrors },
        },
      },
      '/v1/documents/{documentId}': {
        get: {
          operationId: 'document',
          summary: 'Retired: a document is released only against a proof of its case (POST /v1/documents/{documentId}/fetch)',
          deprecated: true,
          security: SIGNED,
          parameters: [documentIdParam],
          responses: { '403': error('proof-required: use POST /v1/documents/{documentId}/fetch'), ...signedErrors },
        },
      },
      '/v1/documents/{documentId}/fetch': {
        post: {
          operationId: 'documentFetch',
          summary:
            "A notice or result document (PDF) of a case, for the citizen whose proof (the receipt's claim, or the applicant's or authorised agent's identity number) opens it; X-Content-SHA256 carries its digest",
          security: SIGNED,
          parameters: [documentIdParam],
          requestBody: jsonBody(documentFetchRequestSchema),
          responses: {
            '200': { description: 'PDF', headers: { 'X-Content-SHA256': { schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } } }, content: { 'application/pdf': {} } },
            '403': error('proof-mismatch: the proof does not open this case'),
            '404': error('no such document'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/cases/lookup': {
        post: {
          operationId: 'caseLookup',
          summary:
            "The cases of one applicant (by identity number, in the signed body) or of one receipt number, whichever terminal took them. By identity number, or by receipt number with the receipt's claim: whole cases (notices, results, postal delivery) in `cases`. By receipt number without a claim or with a wrong one: `statusOnly` (status and its times, nothing personal). Rate-limited per terminal (sliding window) and audited.",
          security: SIGNED,
          requestBody: jsonBody(caseLookupRequestSchema),
          responses: {
            '200': ok('cases (possibly none), newest first; or the status only', caseLookupResponseSchema),
            '429': {
              description: 'too-many-lookups: this terminal made too many lookups in its window; retry after Retry-After seconds',
              headers: { 'Retry-After': { required: true, schema: { type: 'integer', minimum: 1 } } },
              ...json(apiErrorSchema, 'output'),
            },
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/documents/{documentId}/printed': {
        post: {
          operationId: 'documentPrinted',
          summary: 'Report that a document was printed at this terminal, with the proof of its case (the first report wins; results print once)',
          security: SIGNED,
          parameters: [documentIdParam],
          requestBody: jsonBody(documentPrintedRequestSchema),
          responses: {
            '200': ok('recorded; `first` is false when a print was already known', documentPrintedResponseSchema),
            '403': error('proof-mismatch: the proof does not open this case'),
            '404': error('no such document'),
            '422': error("implausible-time: printedAt later than central's clock (+5 min skew) or before the document existed"),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/cases/{caseNo}/delivery': {
        post: {
          operationId: 'deliveryRequest',
          summary: 'Ask for the result by post, with the proof of the case (idempotent by key; one request per case)',
          security: SIGNED,
          parameters: [caseNoParam],
          requestBody: jsonBody(deliveryRequestSchema),
          responses: {
            '200': ok('the case with its delivery', caseSummarySchema),
            '403': error('proof-mismatch: the proof does not open this case'),
            '404': error('no such case'),
            '409': error('not-concluded, already-printed (the result was printed at a kiosk) or already-requested (another key)'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/evaluations': {
        post: {
          operationId: 'evaluation',
          summary: '好差评: rate a case (idempotent by key)',
          security: SIGNED,
          requestBody: jsonBody(evaluationRequestSchema),
          responses: {
            '200': ok('stored (duplicate: true when this key was stored before)', evaluationResponseSchema),
            '404': error('no such case'),
            '409': error('already-rated (一次一评: this case was rated for this stage under another key) or not-concluded (stage result before 办结)'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/calendar/{year}': {
        get: {
          operationId: 'calendar',
          summary: 'Holidays and 调休 working days of a year (ETag)',
          security: SIGNED,
          parameters: [yearParam],
          responses: { '200': ok('calendar', calendarSchema), '304': { description: 'unchanged' }, '404': error('not published'), ...signedErrors },
        },
      },
      '/v1/heartbeats': {
        post: {
          operationId: 'heartbeat',
          summary: 'Terminal health (devices, consumables, queue, version) and non-personal usage aggregates, every heartbeatSec seconds',
          security: SIGNED,
          requestBody: jsonBody(heartbeatSchema),
          responses: { '200': ok('stored', heartbeatResponseSchema), ...signedErrors, ...jsonBodyErrors },
        },
      },
      '/v1/updates/assignment': {
        get: {
          operationId: 'updateAssignment',
          summary: 'The release this terminal should run (signed offline by the release key; the terminal verifies it), or why none',
          security: SIGNED,
          parameters: queryParams(updateAssignmentQuerySchema),
          responses: { '200': ok('assignment', updateAssignmentSchema), ...signedErrors },
        },
      },
      '/v1/releases/{sha512}/artifact': {
        get: {
          operationId: 'releaseArtifact',
          summary: 'A byte range of a release artifact (Range: bytes=a-b, at most 4 MiB per answer; resumable downloads)',
          security: SIGNED,
          parameters: [pathParam('sha512', z.string().regex(/^[0-9a-f]{128}$/), 'SHA-512 of the artifact (hex)')],
          responses: {
            '206': {
              description: 'the range (Content-Range: bytes a-b/size)',
              headers: { 'Content-Range': { schema: { type: 'string' } } },
              content: { 'application/octet-stream': {} },
            },
            '404': error('no such artifact'),
            '416': { description: 'range not satisfiable (Content-Range: bytes */size)' },
            ...signedErrors,
          },
        },
      },
      '/v1/config': {
        get: {
          operationId: 'remoteConfig',
          summary: "The signed configuration documents of this terminal's group and of the terminal itself (terminal overrides group)",
          security: SIGNED,
          responses: { '200': ok('documents', configAssignmentSchema), ...signedErrors },
        },
      },
      '/v1/help/calls': {
        post: {
          operationId: 'helpCallStart',
          summary:
            '远程帮办: the citizen at this terminal asks for a video call. Queued at the hall; answers the position, the estimated wait and the ICE servers (TURN with time-limited REST credentials) for this call',
          security: SIGNED,
          requestBody: jsonBody(helpCallStartSchema),
          responses: { '200': ok('queued', helpCallStartedSchema), ...signedErrors, ...jsonBodyErrors },
        },
      },
      '/v1/help/calls/{callId}': {
        get: {
          operationId: 'helpCallStatus',
          summary: 'Where a call of this terminal stands (position and estimated wait while waiting; who answered; why it ended). A call of another terminal is not-found',
          security: SIGNED,
          parameters: [callIdParam],
          responses: { '200': ok('the call', helpCallStatusSchema), '404': error('not-found: no such call at this terminal'), ...signedErrors },
        },
      },
      '/v1/help/calls/{callId}/signals': {
        get: {
          operationId: 'helpSignalsGet',
          summary: 'Signalling messages (SDP, ICE candidates) the staff member sent after `after`, with the call state',
          security: SIGNED,
          parameters: [callIdParam, ...queryParams(helpSignalsQuerySchema)],
          responses: { '200': ok('messages', helpSignalListSchema), '404': error('not-found: no such call at this terminal'), ...signedErrors },
        },
        post: {
          operationId: 'helpSignalPost',
          summary: 'Sends one signalling message to the staff member who answered (a hangup ends the call)',
          security: SIGNED,
          parameters: [callIdParam],
          requestBody: jsonBody(helpSignalSchema),
          responses: {
            '200': ok('queued for the other side', helpSignalPostedSchema),
            '404': error('not-found: no such call at this terminal'),
            '409': error('not-waiting (not answered yet), call-over or too-many-signals'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/help/calls/{callId}/hangup': {
        post: {
          operationId: 'helpCallHangUp',
          summary: 'The citizen ends the call (or gives up waiting); the staff console sees it at its next poll',
          security: SIGNED,
          parameters: [callIdParam],
          responses: { '200': ok('the call, ended', helpCallStatusSchema), '404': error('not-found: no such call at this terminal'), ...signedErrors },
        },
      },
      '/v1/help/calls/{callId}/callback': {
        post: {
          operationId: 'helpCallback',
          summary: 'Nobody answered: the citizen leaves a phone number for a callback. The number is kept until the callback is made or for 3 days',
          security: SIGNED,
          parameters: [callIdParam],
          requestBody: jsonBody(helpCallbackRequestSchema),
          responses: {
            '200': ok('the callback is on the hall’s list', helpCallbackAcceptedSchema),
            '404': error('not-found: no such call at this terminal'),
            '409': error('not-waiting: the call was answered'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/help/requests': {
        post: {
          operationId: 'helpRequest',
          summary: '呼叫帮助: asks the hall’s on-duty staff to come to this terminal (shown in the help desk console and the fleet view with the screen and the waiting time)',
          security: SIGNED,
          requestBody: jsonBody(helpRequestSchema),
          responses: { '200': ok('the hall was told; how many staff are on duty now', helpRequestAcceptedSchema), ...signedErrors, ...jsonBodyErrors },
        },
      },
      '/v1/helpers/identify': {
        post: {
          operationId: 'helperIdentify',
          summary:
            '帮办代办: whose card is this? The identity number read from a helper’s card at the kiosk; answers the helper’s staff id, name, township and lockout state — never a hash or verifier',
          security: SIGNED,
          requestBody: jsonBody(helperIdentifyRequestSchema),
          responses: {
            '200': ok('an active helper’s card', helperIdentifyResponseSchema),
            '404': error('unknown-card: not an active helper’s card'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/netid/verify': {
        post: {
          operationId: 'netidVerify',
          summary:
            '网证: verifies a network identity credential scanned at the kiosk (issuer signature, lifetime ≤ 180 s, single use at any terminal) and answers the identity fields it carries (name, identity number, maybe sex and birth date; never an address or a photo). Since 1.2',
          security: SIGNED,
          requestBody: jsonBody(netidVerifyRequestSchema),
          responses: {
            '200': ok('verified; the identity the credential carries', netidVerifyResponseSchema),
            '422': error('netid-malformed | netid-unknown-issuer | netid-bad-signature | netid-expired | netid-replayed'),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/helpers/sign-in': {
        post: {
          operationId: 'helperSignIn',
          summary:
            '帮办代办 sign-in verified by central: card identity number + PIN. Wrong PINs count per helper at central (5 → locked 15 min). Answers a session proof (8 h) and an offline ticket (10 h), both HMAC-signed by central and bound to the helper and the signing terminal',
          security: SIGNED,
          requestBody: jsonBody(helperSignInRequestSchema),
          responses: {
            '200': ok('signed in', helperSignInResponseSchema),
            '404': error('unknown-card: not an active helper’s card'),
            '422': ok('wrong-pin, with the attempts left', helperWrongPinSchema),
            '423': ok('locked: too many wrong PINs for this helper, until lockedUntil', helperLockedSchema),
            ...signedErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/admin/staff/{staffId}': {
        put: {
          operationId: 'adminPutStaff',
          summary: 'Enrol or change a helper; central hashes the identity number and the PIN and never returns them',
          security: ADMIN,
          parameters: [staffIdParam],
          requestBody: jsonBody(staffEnrolmentSchema),
          responses: { '200': ok('enrolled; the new staff version', staffEnrolledSchema), ...adminErrors, ...jsonBodyErrors },
        },
      },
      '/v1/admin/staff/{staffId}/cases': {
        get: {
          operationId: 'adminStaffCases',
          summary:
            'Cases submitted through this helper, with the time the resident signed the authorisation and how the helper had signed in (signIn: online = PIN verified by central, offline = card + offline ticket)',
          security: ADMIN,
          parameters: [staffIdParam],
          responses: { '200': ok('cases', staffCasesSchema), ...adminErrors },
        },
      },
      '/v1/admin/faults': {
        get: {
          operationId: 'adminGetFaults',
          summary: 'Fault injection in force, with counters',
          security: ADMIN,
          responses: { '200': ok('settings and counters', faultStateSchema), ...adminErrors },
        },
        put: {
          operationId: 'adminSetFaults',
          summary: 'Change fault injection (unset fields are kept)',
          security: ADMIN,
          requestBody: jsonBody(faultUpdateSchema),
          responses: { '200': ok('settings and counters', faultStateSchema), ...adminErrors, ...jsonBodyErrors },
        },
      },
      '/v1/admin/terminals': {
        post: {
          operationId: 'adminRegisterTerminal',
          security: ADMIN,
          requestBody: jsonBody(terminalSchema),
          responses: { '200': ok('registered', terminalRegisteredSchema), ...adminErrors, ...jsonBodyErrors },
        },
      },
      '/v1/admin/terminals/{terminalId}/suite': {
        get: {
          operationId: 'adminTerminalSuite',
          summary: "A terminal's crypto suite (国密 or international), SM2 public key, transition window and announced suite",
          security: ADMIN,
          parameters: [terminalIdParam],
          responses: { '200': ok('the suite', terminalSuiteSchema), '404': error('no such terminal'), ...adminErrors },
        },
        put: {
          operationId: 'adminSetTerminalSuite',
          summary: 'Register a terminal for a suite; requests signed with the other suite are refused (suite-mismatch) except before transitionUntil',
          security: ADMIN,
          parameters: [terminalIdParam],
          requestBody: jsonBody(terminalSuiteUpdateSchema),
          responses: {
            '200': ok('the suite now', terminalSuiteSchema),
            '404': error('no such terminal'),
            ...adminErrors,
            '400': error('sm without an SM2 public key (sm2-key-required) or a malformed body'),
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/admin/sink': {
        post: {
          operationId: 'adminSink',
          summary: 'Reads and discards the body (benchmark baseline for raw upload)',
          security: ADMIN,
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: { '200': ok('bytes read', sinkResponseSchema), ...adminErrors },
        },
      },
      '/v1/admin/stats': { get: { operationId: 'adminStats', security: ADMIN, responses: { '200': ok('counts', adminStatsSchema), ...adminErrors } } },
      '/v1/admin/cases': {
        get: {
          operationId: 'adminCases',
          security: ADMIN,
          parameters: queryParams(adminCasesQuerySchema),
          responses: { '200': ok('cases', adminCaseListSchema), ...adminErrors },
        },
      },
      '/v1/admin/cases/{caseNo}': {
        get: { operationId: 'adminCase', security: ADMIN, parameters: [caseNoParam], responses: { '200': ok('case with manifest', adminCaseSchema), '404': error('no such case'), ...adminErrors } },
      },
      '/v1/admin/cases/{caseNo}/status': {
        post: {
          operationId: 'adminAdvanceCase',
          summary: 'Advance a case (受理 / 补正 / 不予受理 / 审查 / 办结 with PDFs / 送达)',
          security: ADMIN,
          parameters: [caseNoParam],
          requestBody: jsonBody(adminCaseUpdateSchema),
          responses: {
            '200': ok('the new event', caseEventSchema),
            '404': error('no such case'),
            '409': error('bad-transition: not allowed by central/case-transitions.ts (送达 by post needs a postal request, by kiosk_print a result printed at a kiosk)'),
            ...adminErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/admin/cases/{caseNo}/tracking': {
        post: {
          operationId: 'adminSetTracking',
          summary: 'Set the carrier and tracking number of a postal delivery',
          security: ADMIN,
          parameters: [caseNoParam],
          requestBody: jsonBody(trackingSchema),
          responses: { '200': ok('set', trackingSetSchema), '404': error('no such case'), '409': error('no postal delivery requested'), ...adminErrors, ...jsonBodyErrors },
        },
      },
      '/v1/admin/calendar/{year}': {
        put: {
          operationId: 'adminPublishCalendar',
          security: ADMIN,
          parameters: [yearParam],
          requestBody: jsonBody(calendarBodySchema),
          responses: {
            '200': ok('published', calendarPublishedSchema),
            ...adminErrors,
            '400': error('invalid-request: a date outside the year or listed twice (holiday and workday), or a year after next year'),
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/admin/releases': {
        post: {
          operationId: 'adminPublishRelease',
          summary: 'Store a release signed offline (central checks size and SHA-512, never holds the key); the same artifact twice is one release',
          security: ADMIN,
          requestBody: jsonBody(releasePublishSchema),
          responses: {
            '200': ok('stored', releasePublishedSchema),
            '422': error('size-mismatch or sha512-mismatch: the artifact is not what the manifest says'),
            ...adminErrors,
            ...jsonBodyErrors,
          },
        },
        get: { operationId: 'adminReleases', summary: 'Releases, newest first, with their rollouts', security: ADMIN, responses: { '200': ok('releases', releaseListSchema), ...adminErrors } },
      },
      '/v1/admin/releases/{releaseId}/rollout': {
        put: {
          operationId: 'adminSetRollout',
          summary: 'Rollout of a release: per terminal group, the percentage of its terminals (by a hash of the terminal id), and paused',
          security: ADMIN,
          parameters: [pathParam('releaseId', decimalInt(1, 2_147_483_647), 'release id from adminPublishRelease')],
          requestBody: jsonBody(rolloutSchema),
          responses: { '200': ok('set', rolloutSetSchema), '404': error('no such release'), ...adminErrors, ...jsonBodyErrors },
        },
      },
      '/v1/admin/terminals/{terminalId}/group': {
        put: {
          operationId: 'adminSetTerminalGroup',
          security: ADMIN,
          parameters: [pathParam('terminalId', z.string().regex(/^[A-Z0-9]{4,16}$/), 'terminal id')],
          requestBody: jsonBody(terminalGroupSchema),
          responses: { '200': ok('set', terminalGroupSetSchema), '404': error('no such terminal'), ...adminErrors, ...jsonBodyErrors },
        },
      },
      '/v1/admin/configs/{scope}/{target}': {
        put: {
          operationId: 'adminPutConfig',
          summary: 'Store a signed configuration document for a group or a terminal (its version must be above the stored one)',
          security: ADMIN,
          parameters: [
            pathParam('scope', configTargetParamSchema.shape.scope, 'group or terminal'),
            pathParam('target', configTargetParamSchema.shape.target, 'group name or terminal id (the signed document must name the same)'),
          ],
          requestBody: jsonBody(signedRemoteConfigSchema),
          responses: {
            '200': ok('stored', configStoredSchema),
            '409': error('not-newer: a document of this or a higher version is stored'),
            '422': error('invalid-document or wrong-target (the signed document names another scope or target)'),
            ...adminErrors,
            ...jsonBodyErrors,
          },
        },
      },
      '/v1/admin/config-drift': {
        get: {
          operationId: 'adminConfigDrift',
          summary: 'Local configuration changes terminals reported (field names only), newest first; an empty list: back in line',
          security: ADMIN,
          responses: { '200': ok('drift', configDriftListSchema), ...adminErrors },
        },
      },
      '/v1/admin/evaluations': {
        get: {
          operationId: 'adminEvaluations',
          summary: '好差评 received from kiosks; followUp=1 lists only ratings of 1–2 (回访整改)',
          security: ADMIN,
          parameters: queryParams(adminEvaluationsQuerySchema),
          responses: { '200': ok('evaluations', adminEvaluationListSchema), ...adminErrors },
        },
      },
    },
  };
}
