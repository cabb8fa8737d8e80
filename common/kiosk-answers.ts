// What central answers each kiosk call with when it succeeds. The kiosk's client parses every
// answer with its schema at the boundary, so callers get typed values and an answer that does
// not fit fails the call ('invalid') instead of travelling on as `unknown`.
import { z } from 'zod';
import { catalogSchema } from './catalog';
import {
  attachmentStateSchema,
  calendarSchema,
  caseDetailSchema,
  caseFeedResponseSchema,
  caseLookupResponseSchema,
  caseSummarySchema,
  documentPrintedResponseSchema,
  evaluationResponseSchema,
  submissionBatchResponseSchema,
  type KioskCall,
} from './central-api';
import { configAssignmentSchema, updateAssignmentSchema } from './fleet-updates';
import { helpCallbackAcceptedSchema, helpCallStartedSchema, helpCallStatusSchema, helpRequestAcceptedSchema, helpSignalListSchema, helpSignalPostedSchema } from './help-desk';
import { heartbeatResponseSchema } from './heartbeat';
import { netidVerifyResponseSchema } from './netid-credential';
import { helperIdentifyResponseSchema, helperSignInResponseSchema } from './staff-registry';
import { lazySchema } from './lazy-schema';

export const healthResponseSchema = lazySchema(() => z.object({ ok: z.literal(true), service: z.literal('central'), apiVersion: z.number().int() }));

/** Per call, the schema of its 2xx answer; null where the answer is bytes (a document's PDF). */
export const KIOSK_ANSWERS = {
  catalog: catalogSchema,
  health: healthResponseSchema,
  attachmentInit: attachmentStateSchema,
  attachmentChunk: attachmentStateSchema,
  submitBatch: submissionBatchResponseSchema,
  caseFeed: caseFeedResponseSchema,
  caseDetail: caseDetailSchema,
  documentFetch: null,
  evaluation: evaluationResponseSchema,
  calendar: calendarSchema,
  caseLookup: caseLookupResponseSchema,
  documentPrinted: documentPrintedResponseSchema,
  deliveryRequest: caseSummarySchema,
  heartbeat: heartbeatResponseSchema,
  helperIdentify: helperIdentifyResponseSchema,
  helperSignIn: helperSignInResponseSchema,
  updateAssignment: updateAssignmentSchema,
  releaseArtifact: null,
  remoteConfig: configAssignmentSchema,
  helpCallStart: helpCallStartedSchema,
  helpCallStatus: helpCallStatusSchema,
  helpSignalsGet: helpSignalListSchema,
  helpSignalPost: helpSignalPostedSchema,
  helpCallHangUp: helpCallStatusSchema,
  helpCallback: helpCallbackAcceptedSchema,
  helpRequest: helpRequestAcceptedSchema,
  netidVerify: netidVerifyResponseSchema,
} as const satisfies Record<KioskCall, z.ZodType | null>;

/** The parsed answer of a call (null for byte answers). */
export type KioskAnswer<C extends KioskCall> = (typeof KIOSK_ANSWERS)[C] extends z.ZodType ? z.output<(typeof KIOSK_ANSWERS)[C]> : null;

/** Calls sent with If-None-Match, which central may answer 304 Not Modified (no body). */
export const CONDITIONAL_CALLS = ['catalog', 'calendar'] as const satisfies readonly KioskCall[];
export type ConditionalCall = (typeof CONDITIONAL_CALLS)[number];
