// The application journey (申办): identity held by the backend, the service's generated form with
// its prefill, the materials decision, the 一次性告知单, submit (durable enqueue, then the 收件回执)
// and the one rating per case. The renderer sends answers and page ids; who applies comes from
// the card the backend read, and what is decided about materials is decided here (journey/).
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { applicantProblem, maskedIdentity } from '../../../common/journey/identity';
import { decideMaterials, type MaterialsDecision } from '../../../common/journey/materials-decision';
import { notOnCard, prefillForm } from '../../../common/journey/prefill';
import { chinaDateOf } from '../../../common/working-days';
import type { BackendContext } from '../context';
import { cardWithoutPhoto } from '../face-check-availability';
import { HELPER_COOKIE } from '../helpers/guard';
import { refuse } from '../http/refusals';
import { printMissingNotice } from '../journey/print-missing-notice';
import { pinyinCandidates } from '../journey/pinyin-ime';
import { commitmentDeadline, deadlineText, type Deadline } from '../journey/promised-dates';
import { pagesOf, providedSchema, UNKNOWN_PAGE } from '../journey/provided-pages';
import { rate, ratingSchema } from '../journey/rate';
import { serviceFor } from '../journey/service-for';
import { sharedRecordsLookup } from '../journey/shared-records';
import { NO_CARD, submitApplication, submitSchema } from '../journey/submit';
import { validate } from '../validate';
import { serviceCodeParam } from './service-code-param';
import { jsonBody } from '../json-body';
import { SMALL_JSON_MAX } from '../body-limit';
import { lazySchema } from '../../../common/lazy-schema';

const materialsBody = lazySchema(() => z.object({ materials: providedSchema }));
const today = () => chinaDateOf(new Date());

function decisionView(d: MaterialsDecision, deadline: Deadline) {
  return {
    kind: d.kind,
    lines: d.lines.map((l) => ({ materialId: l.material.id, name: l.material.name, handling: l.handling, pages: l.pages, rongque: l.material.rongque, sharedFrom: l.material.sharedFrom })),
    owed: d.kind === 'commitment' ? d.owed.map((m) => ({ materialId: m.id, name: m.name })) : [],
    missing: d.kind === 'notice' ? d.missing.map((m) => ({ materialId: m.id, name: m.name, rongque: m.rongque })) : [],
    deadline: deadlineText(deadline),
  };
}

/** Who is applying (masked), the on-screen keyboard, "use another card". */
function identityRoutes(ctx: BackendContext) {
  return (
    new Hono()
      // service: the one applied for, so a card it does not accept (a 社保卡 outside 社保 / 医保) is said at once
      .get(
        '/identity',
        validate(
          'query',
          lazySchema(() => z.object({ service: z.string().max(40).optional() })),
        ),
        (c) => {
          const card = ctx.citizen.journey.card();
          const code = c.req.valid('query').service;
          const s = code ? serviceFor(ctx.catalog, code) : null;
          // 网证 and 社保卡 carry no photo: the screen skips 人证核验 for them (submit logs why)
          return c.json({
            identity: card ? { ...maskedIdentity(card, today(), s?.ok ? s.value.service : undefined), faceCheckPossible: cardWithoutPhoto(card) === null } : null,
          });
        },
      )
      // Pinyin → characters for the form's on-screen keyboard.
      .get(
        '/ime',
        validate(
          'query',
          lazySchema(() => z.object({ q: z.string().max(12) })),
        ),
        (c) => c.json({ candidates: pinyinCandidates(c.req.valid('query').q) }),
      )
      .delete('/identity', (c) => {
        ctx.citizen.forgetCard(); // the held card (journey, face check) and the cases it found
        return c.json({ ok: true as const });
      })
      // an application left unsubmitted: its card and its scanned pages, at once
      .post('/leave', (c) => {
        ctx.citizen.leaveApplication();
        return c.json({ ok: true as const });
      })
  );
}

/** A service's form with its prefill, the materials decision and the 一次性告知单. */
function serviceRoutes(ctx: BackendContext) {
  return new Hono()
    .get('/services/:code/form', validate('param', serviceCodeParam), (c) => {
      const s = serviceFor(ctx.catalog, c.req.valid('param').code);
      if (!s.ok) return refuse(c, 'journey', s.error);
      const card = ctx.citizen.journey.card();
      if (!card) return refuse(c, 'journey', NO_CARD);
      if (applicantProblem(card, today(), s.value.service) === 'social-card-not-accepted')
        return refuse(c, 'journey', { kind: 'card-not-accepted' as const, problem: 'social-card-not-accepted' as const });
      return c.json({
        fields: s.value.fields,
        prefill: prefillForm(s.value.fields, card, sharedRecordsLookup),
        // fields the card would fill but this identity (a 网证 answer) does not carry: the citizen enters them
        notOnCard: notOnCard(s.value.fields, card),
        identitySource: card.cardType === 'netid' ? ('netid' as const) : ('card' as const),
        deadline: deadlineText(commitmentDeadline(ctx, today())),
      });
    })
    .post('/services/:code/materials', validate('param', serviceCodeParam), jsonBody(materialsBody), (c) => {
      const s = serviceFor(ctx.catalog, c.req.valid('param').code);
      if (!s.ok) return refuse(c, 'journey', s.error);
      const { counts, unknown } = pagesOf(ctx.devices.pages, c.req.valid('json').materials);
      if (unknown.length) return refuse(c, 'journey', UNKNOWN_PAGE);
      return c.json(decisionView(decideMaterials(s.value.service, counts), commitmentDeadline(ctx, today())));
    })
    .post('/services/:code/missing-notice', validate('param', serviceCodeParam), jsonBody(materialsBody), async (c) => {
      const r = await printMissingNotice(ctx, c.req.valid('param').code, c.req.valid('json').materials);
      if (!r.ok) return refuse(c, 'journey', r.error);
      return c.json(r.value, 200);
    });
}

/** Submit and 好差评. */
function submitRoutes(ctx: BackendContext) {
  return new Hono()
    .post('/submit', jsonBody(submitSchema), async (c) => {
      const r = await submitApplication(ctx, c.req.valid('json'), getCookie(c, HELPER_COOKIE));
      if (!r.ok) return refuse(c, 'journey', r.error);
      // a repeat of the same key (after a lost answer) created nothing new
      if (r.value.duplicate) return c.json(r.value, 200);
      return c.json(r.value, 201);
    })
    .post('/rating', jsonBody(ratingSchema, { maxBytes: SMALL_JSON_MAX }), (c) => {
      const r = rate(ctx, c.req.valid('json'));
      if (!r.ok) return refuse(c, 'rating', r.error);
      return c.json({ ok: true as const, followUp: r.value.followUp }, 201);
    });
}

export function journeyRoutes(ctx: BackendContext) {
  return new Hono().route('/', identityRoutes(ctx)).route('/', serviceRoutes(ctx)).route('/', submitRoutes(ctx));
}
