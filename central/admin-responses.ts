// The shapes of the admin API's answers, for the OpenAPI document (and so for the tests that
// hold every answer to it). The admin API is for tests, demos and operators, not for kiosks.
import { z } from 'zod';
import { caseEventSchema, caseStatusSchema } from '../common/central-api';

const count = z.number().int().min(0);

export { healthResponseSchema } from '../common/kiosk-answers';

export const terminalRegisteredSchema = z.object({ terminalId: z.string(), registered: z.literal(true) });

/** A terminal's crypto suite as central holds it (issue 16). */
export const terminalSuiteSchema = z.object({
  terminalId: z.string(),
  suite: z.enum(['international', 'sm']),
  /** hex SM2 public key (04‖x‖y) the terminal's `sm` requests are verified with */
  sm2PublicKey: z.string().nullable(),
  /** until when requests signed with the other suite are still taken (ISO), null when not */
  transitionUntil: z.string().nullable(),
  /** the suite the terminal announced in its last heartbeat */
  announcedSuite: z.enum(['international', 'sm']).nullable(),
});

export const adminStatsSchema = z.object({ cases: count, attachments: count, nonces: count, evaluations: count });

export const adminEvaluationsQuerySchema = z.object({ followUp: z.enum(['0', '1']).optional() });
export const adminEvaluationListSchema = z.object({
  evaluations: z.array(
    z.object({
      evaluationId: z.string(),
      terminalId: z.string(),
      caseNo: z.string(),
      receiptNo: z.string().nullable(),
      rating: z.number().int().min(1).max(5),
      comment: z.string().nullable(),
      createdAt: z.string(),
      followUp: z.boolean(),
    }),
  ),
});

export const sinkResponseSchema = z.object({ bytes: count });

export const adminCaseListSchema = z.object({
  cases: z.array(
    z.object({
      caseNo: z.string(),
      terminalId: z.string(),
      receiptNo: z.string(),
      idempotencyKey: z.string(),
      serviceCode: z.string(),
      status: caseStatusSchema,
      createdAt: z.string(),
    }),
  ),
});

export const adminCaseSchema = z.object({
  caseNo: z.string(),
  status: caseStatusSchema,
  /** the submission manifest exactly as the kiosk sent it */
  manifest: z.record(z.string(), z.unknown()),
  events: z.array(caseEventSchema),
});

export const trackingSetSchema = z.object({ caseNo: z.string(), carrier: z.string(), trackingNo: z.string() });

export const calendarPublishedSchema = z.object({ year: z.number().int(), version: z.string(), days: count });

export const staffEnrolledSchema = z.object({ staffId: z.string(), name: z.string(), township: z.string(), active: z.boolean(), version: z.string() });

export const staffCasesSchema = z.object({
  cases: z.array(
    z.object({
      caseNo: z.string(),
      receiptNo: z.string(),
      terminalId: z.string(),
      serviceCode: z.string(),
      status: caseStatusSchema,
      authorisedAt: z.string().nullable(),
      /** how the helper had signed in: online = PIN verified by central, offline = card + offline ticket */
      signIn: z.enum(['online', 'offline']).nullable(),
    }),
  ),
});
