// Submitting an application at the kiosk: who applies comes from the card the backend read, the
// helper from the helper's own session, what is decided about materials is decided here; then the
// durable enqueue, usage figures and the 收件回执. Refusals come back as values; the route maps
// them to HTTP (http/refusals.ts).
import { z } from 'zod';
import { deliverySchema } from '../../../common/catalog';
import type { ReceiptNotPrinted } from '../../../common/device-failures';
import type { CardIdentity } from '../../../common/devices';
import { validateForm, type FieldProblem } from '../../../common/form-validation';
import { applicantOf, applicantProblem, maskedIdentity, type CardProblem } from '../../../common/journey/identity';
import { decideMaterials, type MaterialsDecision } from '../../../common/journey/materials-decision';
import { withCardValues } from '../../../common/journey/prefill';
import { maskIdNumber } from '../../../common/mask';
import { err, ok, type Result } from '../../../common/result';
import { authorisationSchema, commitmentSchema, formValueSchema, idempotencyKeySchema, signatureImageSchema } from '../../../common/submission';
import { chinaDateOf } from '../../../common/working-days';
import type { BackendContext } from '../context';
import type { EnqueueError } from '../../../offline-queue/outbox';
import { receiptOf, submissionOf, type CheckedApplication } from './application';
import { commitmentDeadline, deadlineText, promisedCompletion } from './promised-dates';
import { pageBytesOf, pagesOf, providedSchema, takePages, UNKNOWN_PAGE } from './provided-pages';
import { receiptWidth } from './receipt-width';
import { serviceFor, type ServiceRefusal } from './service-for';
import { faceCheckRequired, faceCheckUnavailable } from '../face-check-availability';
import { lazySchema } from '../../../common/lazy-schema';
import { SERVICE_CODE_PATTERN } from '../../../common/service-code';

export const submitSchema = lazySchema(() =>
  z.object({
    idempotencyKey: idempotencyKeySchema,
    serviceCode: z.string().regex(SERVICE_CODE_PATTERN),
    form: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/), formValueSchema),
    /** scanned pages by reference to the backend's page inbox: the images never round-trip */
    materials: providedSchema,
    commitment: commitmentSchema.omit({ materialIds: true }).nullable().default(null),
    signature: signatureImageSchema,
    channel: z.enum(['kiosk', 'helper']).default('kiosk'),
    helperId: z
      .string()
      .regex(/^[A-Za-z0-9-]{2,32}$/)
      .nullable()
      .default(null),
    authorisation: authorisationSchema.nullable().default(null),
    delivery: deliverySchema.default('kiosk_print'),
  }),
);
export type SubmitRequest = z.infer<typeof submitSchema>;

export const NO_CARD = { kind: 'no-card' as const };

/** Codes with their parameters; the renderer's string table words them. */
export type SubmitRefusal =
  | ServiceRefusal
  | typeof NO_CARD
  | { kind: 'card-not-accepted'; problem: CardProblem }
  | { kind: 'face-check-needed' }
  | { kind: 'helper-not-signed-in' }
  | typeof UNKNOWN_PAGE
  | { kind: 'materials-missing'; missing: string[] }
  | { kind: 'commitment-needed' }
  | { kind: 'form-invalid'; problems: FieldProblem[] }
  | EnqueueError;

/** The receipt came out, or why not (a code the receipt step words) and the held job staff reprint. */
type ReceiptOutcome = { printed: true } | { printed: false; heldJobId: string | null; reason: ReceiptNotPrinted };

export interface SubmitAnswer {
  receiptNo: string;
  submittedAt: string;
  duplicate: boolean;
  serviceName: string;
  applicant: { name: string; number: string };
  completion: ReturnType<typeof promisedCompletion>;
  owed: { name: string; deadline: string }[];
  consultationPhone: string;
  receipt: ReceiptOutcome;
}

type Helper = { name: string; staffId: string };

/** The applicant: the card the backend holds, accepted, and (where the terminal checks faces) matched. */
function checkedApplicant(ctx: BackendContext, service: { code: string; socialCardAccepted?: boolean }, today: string): Result<CardIdentity, SubmitRefusal> {
  const serviceCode = service.code;
  const card = ctx.citizen.journey.card();
  if (!card) return err(NO_CARD);
  const cardProblem = applicantProblem(card, today, service);
  if (cardProblem) return err({ kind: 'card-not-accepted', problem: cardProblem });
  // 人证核验 is enforced here, not only on screen: a terminal that checks faces submits only
  // for the card whose holder the verifier matched.
  const faceUnavailable = faceCheckUnavailable(ctx, card);
  if (faceUnavailable) ctx.logger.log('journey.face-check-skipped', { serviceCode, reason: faceUnavailable });
  if (faceCheckRequired(ctx, card) && !ctx.citizen.journey.isFaceMatched()) {
    ctx.logger.log('journey.face-check-missing', { serviceCode });
    return err({ kind: 'face-check-needed' });
  }
  return ok(card);
}

type SignedInHelper = { helper: Helper; proof: string } | null;

/**
 * 帮办代办: who helps comes from the helper's own session cookie, never from the body. Central's
 * proof of the helper's sign-in goes with the submission: central checks it at intake.
 */
function helperOf(ctx: BackendContext, body: SubmitRequest, helperCookie: string | undefined): Result<SignedInHelper, SubmitRefusal> {
  if (body.channel !== 'helper') return ok(null);
  const signedIn = ctx.helpers.auth.withProof(helperCookie);
  const helper = signedIn?.helper ?? null;
  if (!signedIn || !helper || helper.staffId !== body.helperId) {
    ctx.logger.log('helper.submit-refused', { signedIn: helper !== null });
    return err({ kind: 'helper-not-signed-in' });
  }
  return ok({ helper: { name: helper.name, staffId: helper.staffId }, proof: signedIn.proof });
}

/** What the submit checks make of a request: the application to store, or why not. */
function checked(
  ctx: BackendContext,
  body: SubmitRequest,
  helperCookie: string | undefined,
): Result<{ application: CheckedApplication; helper: Helper | null; pageIds: Map<string, string[]> }, SubmitRefusal> {
  const today = chinaDateOf(new Date());
  const s = serviceFor(ctx.catalog, body.serviceCode);
  if (!s.ok) return s;
  const { service, fields } = s.value;
  const card = checkedApplicant(ctx, service, today);
  if (!card.ok) return card;
  const helper = helperOf(ctx, body, helperCookie);
  if (!helper.ok) return helper;

  const { counts, unknown } = pagesOf(ctx.devices.pages, body.materials);
  if (unknown.length) return err(UNKNOWN_PAGE);
  const decision = decideMaterials(service, counts);
  if (decision.kind === 'notice') return err({ kind: 'materials-missing', missing: decision.missing.map((m) => m.name) });
  if (decision.kind === 'commitment' && !body.commitment) return err({ kind: 'commitment-needed' });

  const form = withCardValues(fields, body.form, card.value);
  const problems = validateForm(fields, form, { today });
  if (problems.length) {
    ctx.logger.log('journey.form-rejected', { serviceCode: service.code, fields: problems.map((p) => p.field) });
    return err({ kind: 'form-invalid', problems });
  }

  const known = new Set(service.materials.map((m) => m.id));
  const pageIds = new Map(body.materials.filter((m) => known.has(m.materialId)).map((m) => [m.materialId, m.pageIds]));
  const pages = pageBytesOf(ctx.devices.pages, pageIds);
  if (!pages) return err(UNKNOWN_PAGE);
  const application: CheckedApplication = {
    idempotencyKey: body.idempotencyKey,
    service,
    card: card.value,
    form,
    decision,
    pages,
    commitment: body.commitment,
    signature: body.signature,
    channel: body.channel,
    helperId: body.helperId,
    helperProof: helper.value?.proof ?? null,
    authorisation: body.authorisation,
    delivery: body.delivery,
  };
  return ok({ application, helper: helper.value?.helper ?? null, pageIds });
}

/** Checks, stores durably, counts, and prints the 收件回执 (again, for a repeat of the same key). */
export async function submitApplication(ctx: BackendContext, body: SubmitRequest, helperCookie: string | undefined): Promise<Result<SubmitAnswer, SubmitRefusal>> {
  const c = checked(ctx, body, helperCookie);
  if (!c.ok) return c;
  const { application, helper, pageIds } = c.value;
  const { service, card, decision } = application;
  const input = submissionOf(application);

  const r = ctx.queue.enqueue(input);
  if (!r.ok) return err(r.error);
  const { receiptNo, submittedAt, pageCount, duplicate, claim } = r.value;
  // Durable now: the pages live in the (sealed) outbox, not in the inbox any more.
  for (const ids of pageIds.values()) takePages(ctx.devices.pages, ids);
  ctx.citizen.journey.submitted(receiptNo);
  const owed = owedOf(decision);
  if (!duplicate) {
    ctx.maintenance.usage.recordSubmission({ receiptNo, serviceCode: service.code, channel: application.channel, delivery: application.delivery });
    ctx.logger.log('journey.submitted', { receiptNo, serviceCode: service.code, pages: pageCount, owed: owed.map((m) => m.id), channel: application.channel });
  }

  const acceptedOn = chinaDateOf(new Date(submittedAt));
  const completion = promisedCompletion(ctx, acceptedOn, service.timeLimit);
  const deadline = commitmentDeadline(ctx, acceptedOn);
  // A repeated submit (same key, after a lost answer) prints again: a second slip with the
  // same number is harmless, a citizen leaving without one is not.
  const receipt = await printReceipt(ctx, receiptNo, claim, (claim) =>
    receiptOf(
      application,
      { receiptNo, submittedAt, claim },
      { completion, deadline },
      {
        hallName: ctx.config.hallName,
        terminalId: ctx.config.terminalId,
        width: receiptWidth(ctx.config),
        helper,
      },
    ),
  );
  return ok({
    receiptNo,
    submittedAt,
    duplicate,
    serviceName: service.name,
    applicant: applicantView(card),
    completion,
    owed: owed.map((m) => ({ name: m.name, deadline: deadlineText(deadline) })),
    consultationPhone: service.consultation.phone,
    receipt,
  });
}

function owedOf(decision: Exclude<MaterialsDecision, { kind: 'notice' }>) {
  return decision.kind === 'commitment' ? decision.owed : [];
}

function applicantView(card: CardIdentity): SubmitAnswer['applicant'] {
  return { name: maskedIdentity(card, chinaDateOf(new Date())).name, number: maskIdNumber(applicantOf(card).idNumber) };
}

async function printReceipt(
  ctx: BackendContext,
  receiptNo: string,
  claim: string | null,
  doc: (claim: string) => Parameters<BackendContext['devices']['receipt']['print']>[0],
): Promise<ReceiptOutcome> {
  // Only a repeat of a submission queued before receipts had claims has none: its receipt
  // cannot be made again here (a plain number would show status only), staff reprint it.
  if (!claim) {
    ctx.logger.log('journey.receipt-held', { receiptNo, reason: 'no-claim' });
    return { printed: false, heldJobId: null, reason: 'no-claim' };
  }
  const printed = await ctx.devices.receipt.print(doc(claim));
  if (printed.ok) return { printed: true };
  const e = printed.error;
  const reason = e.kind === 'held' ? e.reason : 'invalid';
  ctx.logger.log('journey.receipt-held', { receiptNo, reason });
  return { printed: false, heldJobId: e.kind === 'held' ? e.jobId : null, reason };
}
