// The application journey (申办): identity held by the backend, the service's generated form with
// its prefill, the materials decision, the 一次性告知单, submit (durable enqueue, then the 收件回执)
// and the one rating per case. The renderer sends answers and page ids; who applies comes from
// the card the backend read, and what is decided about materials is decided here.
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Service } from '../../../common/catalog';
import { validateForm } from '../../../common/form-schema';
import { applicantOf, applicantProblem, maskedIdentity } from '../../../common/journey/identity';
import { decideMaterials, type MaterialsDecision } from '../../../common/journey/materials-decision';
import { prefillForm, withCardValues } from '../../../common/journey/prefill';
import { maskIdNumber } from '../../../common/mask';
import {
  authorisationSchema,
  commitmentSchema,
  formValueSchema,
  idempotencyKeySchema,
  receiptNoSchema,
  signatureImageSchema,
} from '../../../common/submission';
import { deliverySchema } from '../../../common/catalog';
import { cleanText } from '../../../common/text-hygiene';
import { chinaDateOf } from '../../../common/working-days';
import type { BackendContext } from '../context';
import { citizenInputsFor } from '../followup/citizen-inputs';
import { HELPER_COOKIE } from '../helpers/guard';
import { receiptOf, submissionOf, type CheckedApplication } from '../journey/application';
import { journeySessionFor } from '../journey/journey-session';
import { missingNoticeDoc } from '../journey/missing-notice';
import { pinyinCandidates } from '../journey/pinyin-ime';
import { commitmentDeadline, deadlineText, promisedCompletion, type Deadline } from '../journey/promised-dates';
import { sharedRecordsLookup } from '../journey/shared-records';
import { validate } from '../validate';
import { jsonBody } from '../json-body';

const codeParam = z.object({ code: z.string().regex(/^[0-9A-Z-]{8,40}$/) });
const pageId = z.string().uuid();
const provided = z.array(z.object({ materialId: z.string().regex(/^[a-z0-9-]{1,64}$/), pageIds: z.array(pageId).max(100) })).max(100);

const submitSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  serviceCode: z.string().regex(/^[0-9A-Z-]{8,40}$/),
  form: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/), formValueSchema),
  /** scanned pages by reference to the backend's page inbox: the images never round-trip */
  materials: provided,
  commitment: commitmentSchema.omit({ materialIds: true }).nullable().default(null),
  signature: signatureImageSchema,
  channel: z.enum(['kiosk', 'helper']).default('kiosk'),
  helperId: z.string().regex(/^[A-Za-z0-9-]{2,32}$/).nullable().default(null),
  authorisation: authorisationSchema.nullable().default(null),
  delivery: deliverySchema.default('kiosk_print'),
});

const NO_CARD = { error: 'no-card' as const, message: '请先在读卡区放置身份证 / please place your ID card on the reader first' };

function pagesOf(ctx: BackendContext, list: z.infer<typeof provided>): { counts: Record<string, number>; unknown: string[] } {
  const counts: Record<string, number> = {};
  const unknown: string[] = [];
  for (const m of list) {
    for (const id of m.pageIds) if (!ctx.devices.pages.get(id)) unknown.push(id);
    counts[m.materialId] = (counts[m.materialId] ?? 0) + m.pageIds.length;
  }
  return { counts, unknown };
}

function decisionView(d: MaterialsDecision, deadline: Deadline) {
  return {
    kind: d.kind,
    lines: d.lines.map((l) => ({ materialId: l.material.id, name: l.material.name, handling: l.handling, pages: l.pages, rongque: l.material.rongque, sharedFrom: l.material.sharedFrom })),
    owed: d.kind === 'commitment' ? d.owed.map((m) => ({ materialId: m.id, name: m.name })) : [],
    missing: d.kind === 'notice' ? d.missing.map((m) => ({ materialId: m.id, name: m.name, rongque: m.rongque })) : [],
    deadline: deadlineText(deadline),
  };
}

const receiptWidth = (ctx: BackendContext): 32 | 48 => {
  const rp = ctx.config.devices.find((d) => d.kind === 'receipt-printer') as { widthChars?: number } | undefined;
  return (rp?.widthChars ?? 32) >= 48 ? 48 : 32;
};

function serviceFor(ctx: BackendContext, code: string): { service: Service } | { error: 'catalog-unavailable' | 'unknown-service' | 'not-at-kiosk'; message: string; status: 503 | 404 | 409 } {
  if (!ctx.catalog.catalog) return { error: 'catalog-unavailable', message: '事项清单尚未同步，暂不能申请 / the service list is not available yet', status: 503 };
  const service = ctx.catalog.service(code);
  if (!service) return { error: 'unknown-service', message: '未找到该事项 / no such service', status: 404 };
  if (!service.kioskFull || !service.form)
    return { error: 'not-at-kiosk', message: `该事项不能在自助机全程办理：${service.kioskNote ?? '请到窗口办理'} / this service cannot be completed at the kiosk`, status: 409 };
  return { service };
}

export function journeyRoutes(ctx: BackendContext) {
  const session = journeySessionFor(ctx);
  const today = () => chinaDateOf(new Date());

  return new Hono()
    .get('/identity', (c) => {
      const card = session.card();
      return c.json({ identity: card ? maskedIdentity(card, today()) : null });
    })
    // Pinyin → characters for the form's on-screen keyboard.
    .get('/ime', validate('query', z.object({ q: z.string().max(12) })), (c) => c.json({ candidates: pinyinCandidates(c.req.valid('query').q) }))
    .delete('/identity', (c) => {
      citizenInputsFor(ctx).forgetCard(); // the held card (journey, face check) and the cases it found
      return c.json({ ok: true as const });
    })
    .get('/services/:code/form', validate('param', codeParam), (c) => {
      const s = serviceFor(ctx, c.req.valid('param').code);
      if ('error' in s) return c.json({ error: s.error, message: s.message }, s.status);
      const card = session.card();
      if (!card) return c.json(NO_CARD, 409);
      return c.json({ fields: s.service.form!.fields, prefill: prefillForm(s.service.form!.fields, card, sharedRecordsLookup), deadline: deadlineText(commitmentDeadline(ctx, today())) });
    })
    .post('/services/:code/materials', validate('param', codeParam), jsonBody(z.object({ materials: provided })), (c) => {
      const s = serviceFor(ctx, c.req.valid('param').code);
      if ('error' in s) return c.json({ error: s.error, message: s.message }, s.status);
      const { counts, unknown } = pagesOf(ctx, c.req.valid('json').materials);
      if (unknown.length) return c.json({ error: 'unknown-page' as const, message: '有页面已不在本机，请重新扫描 / some pages are gone, please scan again' }, 409);
      return c.json(decisionView(decideMaterials(s.service, counts), commitmentDeadline(ctx, today())));
    })
    .post('/services/:code/missing-notice', validate('param', codeParam), jsonBody(z.object({ materials: provided })), async (c) => {
      const s = serviceFor(ctx, c.req.valid('param').code);
      if ('error' in s) return c.json({ error: s.error, message: s.message }, s.status);
      const { counts } = pagesOf(ctx, c.req.valid('json').materials);
      const d = decideMaterials(s.service, counts);
      if (d.kind !== 'notice') return c.json({ error: 'not-missing' as const, message: '材料已齐全或可容缺，无需告知单 / nothing is missing that needs a notice' }, 409);
      const doc = missingNoticeDoc(
        {
          hallName: ctx.config.hallName,
          terminalId: ctx.config.terminalId,
          printedAt: new Date().toISOString(),
          service: { name: s.service.name, code: s.service.code },
          // every required material not provided, 容缺-eligible ones too: the citizen comes back once
          missing: d.missing.map((m) => ({ name: m.name, copies: m.copies, original: m.original, source: m.source, rongque: m.rongque })),
          brought: d.lines.filter((l) => l.handling === 'scanned').map((l) => l.material.name),
          consultationPhone: s.service.consultation.phone,
          place: s.service.place.slice(0, 200),
        },
        receiptWidth(ctx),
      );
      const r = await ctx.devices.receipt.print(doc);
      ctx.logger.log('journey.notice-printed', { serviceCode: s.service.code, missing: d.missing.map((m) => m.id), printed: r.ok });
      // The scanned pages are not kept: nothing was submitted, and the next citizen must not find them.
      for (const m of c.req.valid('json').materials) for (const id of m.pageIds) ctx.devices.pages.take(id);
      if (r.ok) return c.json({ printed: true as const, missing: d.missing.map((m) => m.name) });
      return c.json({ printed: false as const, missing: d.missing.map((m) => m.name), message: r.error.message }, 200);
    })
    .post('/submit', jsonBody(submitSchema), async (c) => {
      const body = c.req.valid('json');
      const s = serviceFor(ctx, body.serviceCode);
      if ('error' in s) return c.json({ error: s.error, message: s.message }, s.status);
      const service = s.service;
      const card = session.card();
      if (!card) return c.json(NO_CARD, 409);
      const cardProblem = applicantProblem(card, today());
      if (cardProblem) return c.json({ error: 'card-not-accepted' as const, message: `${cardProblem.zh} / ${cardProblem.en}` }, 409);
      // 人证核验 is enforced here, not only on screen: a terminal that checks faces submits only
      // for the card whose holder the verifier matched.
      if (ctx.config.journey.faceCheck && !session.isFaceMatched()) {
        ctx.logger.log('journey.face-check-missing', { serviceCode: service.code });
        return c.json({ error: 'face-check-needed' as const, message: '请先完成人证核验 / please complete the face check first' }, 409);
      }

      // 帮办代办: who helps comes from the helper's own session cookie, never from the body.
      // Central's proof of the helper's sign-in goes with the submission: central checks it at intake.
      const signedIn = body.channel === 'helper' ? ctx.helpers.auth.withProof(getCookie(c, HELPER_COOKIE)) : null;
      const helper = signedIn?.helper ?? null;
      if (body.channel === 'helper' && (!helper || helper.staffId !== body.helperId)) {
        ctx.logger.log('helper.submit-refused', { signedIn: helper !== null });
        return c.json({ error: 'helper-not-signed-in' as const, message: '帮办人员未登录或已超时退出，请重新登录 / the helper is not signed in (or was signed out)' }, 403);
      }

      const { counts, unknown } = pagesOf(ctx, body.materials);
      if (unknown.length) return c.json({ error: 'unknown-page' as const, message: '有页面已不在本机，请重新扫描 / some pages are gone, please scan again' }, 409);
      const decision = decideMaterials(service, counts);
      if (decision.kind === 'notice')
        return c.json({ error: 'materials-missing' as const, message: '材料不齐全，不能提交，请打印一次性告知单 / materials are missing: the application cannot be submitted', missing: decision.missing.map((m) => m.name) }, 409);
      if (decision.kind === 'commitment' && !body.commitment)
        return c.json({ error: 'commitment-needed' as const, message: '容缺材料须签署告知承诺书 / sign the commitment for the owed materials' }, 409);

      const fields = service.form!.fields;
      const form = withCardValues(fields, body.form, card);
      const problems = validateForm(fields, form, { today: today() });
      if (problems.length) {
        ctx.logger.log('journey.form-rejected', { serviceCode: service.code, fields: problems.map((p) => p.field) });
        return c.json({ error: 'form-invalid' as const, message: '申请表有需要修改的地方 / the form needs corrections', problems }, 400);
      }

      const known = new Set(service.materials.map((m) => m.id));
      const pageIds = new Map(body.materials.filter((m) => known.has(m.materialId)).map((m) => [m.materialId, m.pageIds]));
      const application: CheckedApplication = {
        idempotencyKey: body.idempotencyKey,
        service,
        card,
        form,
        decision,
        pages: new Map([...pageIds].map(([id, ids]) => [id, ids.map((pid) => ctx.devices.pages.get(pid)!).map((p) => ({ mime: p.mime, data: p.bytes }))])),
        commitment: body.commitment,
        signature: body.signature,
        channel: body.channel,
        helperId: body.helperId,
        helperProof: signedIn?.proof ?? null,
        authorisation: body.authorisation,
        delivery: body.delivery,
      };
      const input = submissionOf(application);

      const r = ctx.queue.enqueue(input);
      if (!r.ok) {
        const status = r.error.kind === 'invalid' ? 400 : r.error.kind === 'key-reused' ? 409 : r.error.kind === 'disk-full' ? 507 : 500;
        return c.json({ error: r.error.kind, message: r.error.message, issues: r.error.kind === 'invalid' ? r.error.issues : [] }, status);
      }
      const { receiptNo, submittedAt, pageCount, duplicate, claim } = r.value;
      // Durable now: the pages live in the (sealed) outbox, not in the inbox any more.
      for (const ids of pageIds.values()) for (const id of ids) ctx.devices.pages.take(id);
      session.submitted(receiptNo);
      const owed = decision.kind === 'commitment' ? decision.owed : [];
      if (!duplicate) {
        ctx.maintenance.usage.recordSubmission({ receiptNo, serviceCode: service.code, channel: input.channel, delivery: input.delivery! });
        ctx.logger.log('journey.submitted', { receiptNo, serviceCode: service.code, pages: pageCount, owed: owed.map((m) => m.id), channel: input.channel });
      }

      const acceptedOn = chinaDateOf(new Date(submittedAt));
      const completion = promisedCompletion(ctx, acceptedOn, service.timeLimit);
      const deadline = commitmentDeadline(ctx, acceptedOn);
      // A repeated submit (same key, after a lost answer) prints again: a second slip with the
      // same number is harmless, a citizen leaving without one is not.
      const doc = (claim: string) => receiptOf(application, { receiptNo, submittedAt, claim }, { completion, deadline }, {
        hallName: ctx.config.hallName,
        terminalId: ctx.config.terminalId,
        width: receiptWidth(ctx),
        helper: helper ? { name: helper.name, staffId: helper.staffId } : null,
      });
      // Only a repeat of a submission queued before receipts had claims has none: its receipt
      // cannot be made again here (a plain number would show status only), staff reprint it.
      const printed = claim
        ? await ctx.devices.receipt.print(doc(claim))
        : ({ ok: false, error: { kind: 'no-claim' as const, message: '回执无法重印，请联系工作人员 / this receipt cannot be printed again here: please ask staff' } } as const);
      if (!printed.ok) ctx.logger.log('journey.receipt-held', { receiptNo, reason: printed.error.kind === 'held' ? printed.error.reason : printed.error.kind });
      return c.json(
        {
          receiptNo,
          submittedAt,
          duplicate,
          serviceName: service.name,
          applicant: { name: maskedIdentity(card, today()).name, number: maskIdNumber(applicantOf(card).idNumber) },
          completion,
          owed: owed.map((m) => ({ name: m.name, deadline: deadlineText(deadline) })),
          consultationPhone: service.consultation.phone,
          receipt: printed.ok
            ? { printed: true as const }
            : { printed: false as const, heldJobId: printed.error.kind === 'held' ? printed.error.jobId : null, message: printed.error.message },
        },
        duplicate ? 200 : 201,
      );
    })
    .post(
      '/rating',
      validate(
        'json',
        z
          .object({
            receiptNo: receiptNoSchema,
            idempotencyKey: idempotencyKeySchema.optional(),
            /** 1 非常不满意 … 5 非常满意 */
            rating: z.number().int().min(1).max(5),
            reason: cleanText(z.string().trim().max(500), { multiline: true }).nullable().default(null),
          })
          .refine((r) => r.rating > 2 || (r.reason !== null && r.reason.length >= 2), { path: ['reason'], message: '差评请说明原因 / please say what went wrong' }),
      ),
      (c) => {
        const body = c.req.valid('json');
        const taken = session.takeRating(body.receiptNo);
        if (taken === 'not-this-session') return c.json({ error: 'not-found' as const, message: '只能评价本次办理的事项 / only this visit can be rated here' }, 404);
        if (taken === 'already-rated') return c.json({ error: 'already-rated' as const, message: '本次办理已评价（一次一评）/ already rated' }, 409);
        const r = ctx.queue.evaluate(body.receiptNo, { rating: body.rating, comment: body.reason, idempotencyKey: body.idempotencyKey });
        if (!r.ok) return c.json({ error: r.error.kind, message: r.error.message }, r.error.kind === 'not-found' ? 404 : r.error.kind === 'invalid' ? 400 : r.error.kind === 'already-rated' ? 409 : 500);
        const followUp = body.rating <= 2;
        ctx.logger.log('journey.rated', { receiptNo: body.receiptNo, rating: body.rating, followUp });
        return c.json({ ok: true as const, followUp }, 201);
      },
    );
}
