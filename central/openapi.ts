// The OpenAPI 3.1 document of central's /v1 API, generated from the same zod schemas the
// handlers validate with (z.toJSONSchema), so the document cannot drift from the code.
import { z } from 'zod';
import {
  apiErrorSchema,
  attachmentRefSchema,
  attachmentStateSchema,
  calendarSchema,
  caseDetailSchema,
  caseEventSchema,
  caseFeedResponseSchema,
  caseLookupRequestSchema,
  caseLookupResponseSchema,
  caseSummarySchema,
  deliveryRequestSchema,
  documentFetchRequestSchema,
  documentPrintedRequestSchema,
  documentPrintedResponseSchema,
  evaluationRequestSchema,
  evaluationResponseSchema,
  submissionBatchRequestSchema,
  submissionBatchResponseSchema,
} from '../common/central-api';
import { catalogSchema } from '../common/catalog';
import { heartbeatResponseSchema, heartbeatSchema } from '../common/heartbeat';
import { staffEnrolmentSchema, staffRegistrySchema } from '../common/staff-registry';
import { faultSettingsSchema, faultUpdateSchema } from './faults';
import { adminCaseUpdateSchema, adminCasesQuerySchema, trackingSchema } from './routes/admin';

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

const json = (s: z.ZodType, io: 'input' | 'output') => ({ content: { 'application/json': { schema: schema(s, io) } } });
const error = (description: string) => ({ description, ...json(apiErrorSchema, 'output') });
const pathParam = (name: string, s: Json, description: string) => ({ name, in: 'path', required: true, description, schema: s });

const SIGNED = [{ terminalSignature: [] }];
const DOCUMENT_ID = { type: 'string', pattern: '^[A-Za-z0-9-]{8,64}$' };
const ADMIN = [{ adminToken: [] }];
const signedErrors = {
  '400': error('请求不符合要求（附原因）/ invalid request, with reasons'),
  '401': error('未签名、签名错误、时钟偏差或重放 / unsigned, bad signature, clock skew or replay'),
  '413': error('请求过大 / body too large'),
  '503': { description: '暂不可用，见 Retry-After / unavailable, see Retry-After', headers: { 'Retry-After': { schema: { type: 'integer' } } } },
};

export function buildOpenApi(): Json {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: '不见面审批 reference central API',
      version: '1.0.0',
      description:
        'Intake of kiosk submissions (idempotent), chunked attachments, case-status feed, result documents, evaluations and the working-day calendar. See central/API.md.',
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
      },
    },
    paths: {
      '/v1/health': { get: { operationId: 'health', summary: 'Liveness', responses: { '200': { description: 'up' } } } },
      '/v1/openapi.json': { get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/v1/catalog': {
        get: {
          operationId: 'catalog',
          summary: 'The published service catalog (revalidate with If-None-Match)',
          parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
          responses: { '200': { description: 'catalog', ...json(catalogSchema, 'output') }, '304': { description: 'unchanged' }, '404': error('no catalog yet') },
        },
      },
      '/v1/attachments': {
        post: {
          operationId: 'attachmentInit',
          summary: 'Declare an attachment (idempotent); answers how many bytes central already holds',
          security: SIGNED,
          requestBody: { required: true, ...json(attachmentRefSchema, 'input') },
          responses: { '200': { description: 'state', ...json(attachmentStateSchema, 'output') }, '409': error('same SHA-256 with another size'), ...signedErrors },
        },
      },
      '/v1/attachments/{sha256}': {
        get: {
          operationId: 'attachmentState',
          summary: 'Resume point of an attachment',
          security: SIGNED,
          parameters: [pathParam('sha256', { type: 'string', pattern: '^[0-9a-f]{64}$' }, 'SHA-256 of the whole file')],
          responses: { '200': { description: 'state', ...json(attachmentStateSchema, 'output') }, '404': error('unknown'), ...signedErrors },
        },
      },
      '/v1/attachments/{sha256}/content': {
        put: {
          operationId: 'attachmentChunk',
          summary: 'Append one chunk at offset; the file is verified against its SHA-256 when complete',
          security: SIGNED,
          parameters: [
            pathParam('sha256', { type: 'string', pattern: '^[0-9a-f]{64}$' }, 'SHA-256 of the whole file'),
            { name: 'offset', in: 'query', required: true, schema: { type: 'integer', minimum: 0 } },
          ],
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: {
            '200': { description: 'state', ...json(attachmentStateSchema, 'output') },
            '404': error('declare first'),
            '409': error('offset mismatch: resume at `received`'),
            '422': error('hash mismatch (upload again from 0) or chunk past the declared size'),
            ...signedErrors,
          },
        },
      },
      '/v1/submissions/batch': {
        post: {
          operationId: 'submitBatch',
          summary: 'Submit manifests; each is created once per idempotency key (same key → same case number)',
          security: SIGNED,
          requestBody: { required: true, ...json(submissionBatchRequestSchema, 'input') },
          responses: {
            '200': { description: 'per-item results (index matches the request)', ...json(submissionBatchResponseSchema, 'output') },
            '422': { description: 'every item was rejected', ...json(submissionBatchResponseSchema, 'output') },
            ...signedErrors,
          },
        },
      },
      '/v1/cases/feed': {
        get: {
          operationId: 'caseFeed',
          summary: "This terminal's case events after a cursor",
          security: SIGNED,
          parameters: [
            { name: 'after', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } },
          ],
          responses: { '200': { description: 'events', ...json(caseFeedResponseSchema, 'output') }, ...signedErrors },
        },
      },
      '/v1/cases/{caseNo}': {
        get: {
          operationId: 'caseDetail',
          summary: 'A case with its history',
          security: SIGNED,
          parameters: [pathParam('caseNo', { type: 'string' }, 'case number')],
          responses: { '200': { description: 'case', ...json(caseDetailSchema, 'output') }, '404': error('no such case'), ...signedErrors },
        },
      },
      '/v1/documents/{documentId}': {
        get: {
          operationId: 'document',
          summary: 'Retired: a document is released only against a proof of its case (POST /v1/documents/{documentId}/fetch)',
          deprecated: true,
          security: SIGNED,
          parameters: [pathParam('documentId', DOCUMENT_ID, 'document id')],
          responses: { '403': error('proof-required: use POST /v1/documents/{documentId}/fetch'), ...signedErrors },
        },
      },
      '/v1/documents/{documentId}/fetch': {
        post: {
          operationId: 'documentFetch',
          summary: "A notice or result document (PDF) of a case, for the citizen whose proof (the receipt's claim, or the applicant's or authorised agent's identity number) opens it; X-Content-SHA256 carries its digest",
          security: SIGNED,
          parameters: [pathParam('documentId', DOCUMENT_ID, 'document id from a status event or a proven lookup')],
          requestBody: { required: true, ...json(documentFetchRequestSchema, 'input') },
          responses: {
            '200': { description: 'PDF', headers: { 'X-Content-SHA256': { schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } } }, content: { 'application/pdf': {} } },
            '403': error('proof-mismatch: the proof does not open this case'),
            '404': error('no such document'),
            ...signedErrors,
          },
        },
      },
      '/v1/cases/lookup': {
        post: {
          operationId: 'caseLookup',
          summary:
            "The cases of one applicant (by identity number, in the signed body) or of one receipt number, whichever terminal took them. By identity number, or by receipt number with the receipt's claim: whole cases (notices, results, postal delivery) in `cases`. By receipt number without a claim or with a wrong one: `statusOnly` (status and its times, nothing personal). Rate-limited per terminal (sliding window) and audited.",
          security: SIGNED,
          requestBody: { required: true, ...json(caseLookupRequestSchema, 'input') },
          responses: {
            '200': { description: 'cases (possibly none), newest first; or the status only', ...json(caseLookupResponseSchema, 'output') },
            '429': {
              description: 'too-many-lookups: this terminal made too many lookups in its window; retry after Retry-After seconds',
              headers: { 'Retry-After': { required: true, schema: { type: 'integer', minimum: 1 } } },
              ...json(apiErrorSchema, 'output'),
            },
            ...signedErrors,
          },
        },
      },
      '/v1/documents/{documentId}/printed': {
        post: {
          operationId: 'documentPrinted',
          summary: 'Report that a document was printed at this terminal, with the proof of its case (the first report wins; results print once)',
          security: SIGNED,
          parameters: [pathParam('documentId', DOCUMENT_ID, 'document id')],
          requestBody: { required: true, ...json(documentPrintedRequestSchema, 'input') },
          responses: {
            '200': { description: 'recorded; `first` is false when a print was already known', ...json(documentPrintedResponseSchema, 'output') },
            '403': error('proof-mismatch: the proof does not open this case'),
            '404': error('no such document'),
            ...signedErrors,
          },
        },
      },
      '/v1/cases/{caseNo}/delivery': {
        post: {
          operationId: 'deliveryRequest',
          summary: 'Ask for the result by post, with the proof of the case (idempotent by key; one request per case)',
          security: SIGNED,
          parameters: [pathParam('caseNo', { type: 'string', pattern: '^AJ\\d{14}$' }, 'case number')],
          requestBody: { required: true, ...json(deliveryRequestSchema, 'input') },
          responses: {
            '200': { description: 'the case with its delivery', ...json(caseSummarySchema, 'output') },
            '403': error('proof-mismatch: the proof does not open this case'),
            '404': error('no such case'),
            '409': error('not-concluded, already-printed (the result was printed at a kiosk) or already-requested (another key)'),
            ...signedErrors,
          },
        },
      },
      '/v1/evaluations': {
        post: {
          operationId: 'evaluation',
          summary: '好差评: rate a case (idempotent by key)',
          security: SIGNED,
          requestBody: { required: true, ...json(evaluationRequestSchema, 'input') },
          responses: { '200': { description: 'stored', ...json(evaluationResponseSchema, 'output') }, '404': error('no such case'), ...signedErrors },
        },
      },
      '/v1/calendar/{year}': {
        get: {
          operationId: 'calendar',
          summary: 'Holidays and 调休 working days of a year (ETag)',
          security: SIGNED,
          parameters: [pathParam('year', { type: 'integer' }, 'year')],
          responses: { '200': { description: 'calendar', ...json(calendarSchema, 'output') }, '304': { description: 'unchanged' }, '404': error('not published'), ...signedErrors },
        },
      },
      '/v1/heartbeats': {
        post: {
          operationId: 'heartbeat',
          summary: 'Terminal health (devices, consumables, queue, version) and non-personal usage aggregates, every heartbeatSec seconds',
          security: SIGNED,
          requestBody: { required: true, ...json(heartbeatSchema, 'input') },
          responses: { '200': { description: 'stored', ...json(heartbeatResponseSchema, 'output') }, ...signedErrors },
        },
      },
      '/v1/staff': {
        get: {
          operationId: 'staffRegistry',
          summary: '帮办代办 staff registry: helpers with salted scrypt hashes of card number and PIN, cached by the terminal for offline sign-in (ETag)',
          security: SIGNED,
          responses: { '200': { description: 'registry', ...json(staffRegistrySchema, 'output') }, '304': { description: 'unchanged' }, '404': error('nobody enrolled yet'), ...signedErrors },
        },
      },
      '/v1/admin/staff/{staffId}': {
        put: {
          operationId: 'adminPutStaff',
          summary: 'Enrol or change a helper; central hashes the identity number and the PIN and never returns them',
          security: ADMIN,
          parameters: [pathParam('staffId', { type: 'string', pattern: '^[A-Za-z0-9-]{2,32}$' }, 'staff id (工号)')],
          requestBody: { required: true, ...json(staffEnrolmentSchema, 'input') },
          responses: { '200': { description: 'enrolled; the new registry version' }, '400': error('invalid'), '401': error('admin token required') },
        },
      },
      '/v1/admin/staff/{staffId}/cases': {
        get: {
          operationId: 'adminStaffCases',
          summary: 'Cases submitted through this helper, with the time the resident signed the authorisation',
          security: ADMIN,
          parameters: [pathParam('staffId', { type: 'string', pattern: '^[A-Za-z0-9-]{2,32}$' }, 'staff id (工号)')],
          responses: { '200': { description: 'cases' }, '401': error('admin token required') },
        },
      },
      '/v1/admin/faults': {
        get: { operationId: 'adminGetFaults', security: ADMIN, responses: { '200': { description: 'settings', ...json(faultSettingsSchema, 'output') } } },
        put: { operationId: 'adminSetFaults', security: ADMIN, requestBody: { required: true, ...json(faultUpdateSchema, 'input') }, responses: { '200': { description: 'settings' } } },
      },
      '/v1/admin/terminals': {
        post: {
          operationId: 'adminRegisterTerminal',
          security: ADMIN,
          requestBody: { required: true, ...json(z.object({ terminalId: z.string(), secret: z.string() }), 'input') },
          responses: { '200': { description: 'registered' } },
        },
      },
      '/v1/admin/sink': {
        post: {
          operationId: 'adminSink',
          summary: 'Reads and discards the body (benchmark baseline for raw upload)',
          security: ADMIN,
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: { '200': { description: 'bytes read' } },
        },
      },
      '/v1/admin/stats': { get: { operationId: 'adminStats', security: ADMIN, responses: { '200': { description: 'counts' } } } },
      '/v1/admin/cases': {
        get: {
          operationId: 'adminCases',
          security: ADMIN,
          parameters: Object.keys(adminCasesQuerySchema.shape).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
          responses: { '200': { description: 'cases' } },
        },
      },
      '/v1/admin/cases/{caseNo}': {
        get: { operationId: 'adminCase', security: ADMIN, parameters: [pathParam('caseNo', { type: 'string' }, 'case number')], responses: { '200': { description: 'case with manifest' } } },
      },
      '/v1/admin/cases/{caseNo}/status': {
        post: {
          operationId: 'adminAdvanceCase',
          summary: 'Advance a case (受理 / 补正 / 不予受理 / 审查 / 办结 with PDFs / 送达)',
          security: ADMIN,
          parameters: [pathParam('caseNo', { type: 'string' }, 'case number')],
          requestBody: { required: true, ...json(adminCaseUpdateSchema, 'input') },
          responses: { '200': { description: 'the new event', ...json(caseEventSchema, 'output') }, '409': error('transition not allowed') },
        },
      },
      '/v1/admin/cases/{caseNo}/tracking': {
        post: {
          operationId: 'adminSetTracking',
          summary: 'Set the carrier and tracking number of a postal delivery',
          security: ADMIN,
          parameters: [pathParam('caseNo', { type: 'string' }, 'case number')],
          requestBody: { required: true, ...json(trackingSchema, 'input') },
          responses: { '200': { description: 'set' }, '404': error('no such case'), '409': error('no postal delivery requested') },
        },
      },
      '/v1/admin/calendar/{year}': {
        put: {
          operationId: 'adminPublishCalendar',
          security: ADMIN,
          parameters: [pathParam('year', { type: 'integer' }, 'year')],
          requestBody: { required: true, ...json(calendarSchema.omit({ year: true }), 'input') },
          responses: { '200': { description: 'published' } },
        },
      },
    },
  };
}
