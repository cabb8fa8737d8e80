// What a citizen submits at the kiosk: one schema for the renderer (which builds it), the kiosk
// backend (which validates and queues it) and central (which receives it). Form data is a
// validated record, so forms generated from any service's schema fit without changing this file.
import { z } from 'zod';
import { helperTokenSchema } from './staff-registry';
import { deliverySchema } from './catalog';
import { idNumberProblem } from './id-number';
import { formDataSchema } from './form-data';
import { cleanText } from './text-hygiene';
import { UUIDV7_PATTERN } from './uuidv7';
import { MOBILE_PATTERN, RECEIPT_NO_PATTERN } from './contact-patterns';
import { lazySchema } from './lazy-schema';
import { SERVICE_CODE_PATTERN } from './service-code';

export const MAX_PAGE_BYTES = 8 * 1024 * 1024;
export const MAX_PAGES_PER_SUBMISSION = 200;
export const MAX_SIGNATURE_BYTES = 256 * 1024;

const serviceCode = lazySchema(() => z.string().regex(SERVICE_CODE_PATTERN, '事项编码格式不正确 / malformed service code'));
const materialId = lazySchema(() => z.string().regex(/^[a-z0-9-]{1,64}$/, '材料编号格式不正确 / malformed material id'));

export const idempotencyKeySchema = lazySchema(() => z.string().regex(UUIDV7_PATTERN, '幂等键应为 UUIDv7 / idempotency key must be a UUIDv7'));

/** Receipt number printed for the citizen: terminal id, China-time date, daily sequence. */
export const receiptNoSchema = lazySchema(() => z.string().regex(RECEIPT_NO_PATTERN, '回执编号格式不正确 / malformed receipt number'));

export const submissionChannelSchema = lazySchema(() => z.enum(['kiosk', 'helper']));
export type SubmissionChannel = z.infer<typeof submissionChannelSchema>;

// Form data lives in form-data.ts: form-schema.ts (which catalog.ts uses) needs it too.
export { formValueSchema, type FormData } from './form-data';

export const applicantSchema = lazySchema(() =>
  z.object({
    name: cleanText(z.string().trim().min(1).max(64)),
    idNumber: z.string().refine((v) => idNumberProblem(v) === null, '身份证号码不正确 / invalid identity number'),
    phone: z.string().regex(MOBILE_PATTERN, '手机号码不正确 / invalid mobile number').nullable().default(null),
  }),
);
export type Applicant = z.infer<typeof applicantSchema>;

export const pageMimeSchema = lazySchema(() => z.enum(['image/jpeg', 'image/png', 'application/pdf']));
export type PageMime = z.infer<typeof pageMimeSchema>;

/** A captured image (on-screen signature, commitment signature): small PNG as base64. */
export const signatureImageSchema = lazySchema(() =>
  z.object({
    mime: z.literal('image/png'),
    data: z.base64().max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 4, '签名图片过大 / signature image too large'),
  }),
);
export type SignatureImage = z.infer<typeof signatureImageSchema>;

/** How a material is provided: scanned here, fetched by data sharing, owed under 容缺, or posted. */
export const provisionSchema = lazySchema(() => z.enum(['scanned', 'shared', 'rongque', 'post']));

/** 容缺受理 commitment: the citizen signs to supply the listed materials before the decision. */
export const commitmentSchema = lazySchema(() =>
  z.object({
    materialIds: z.array(materialId).min(1).max(50),
    signature: signatureImageSchema,
    signedAt: z.iso.datetime({ offset: true }),
  }),
);

/**
 * 委托授权: on the helper channel the resident authorises the helper to apply on their behalf by
 * signing on screen; the signature and its time travel with the submission to central.
 */
export const authorisationSchema = lazySchema(() =>
  z.object({
    signature: signatureImageSchema,
    signedAt: z.iso.datetime({ offset: true }),
  }),
);
export type Authorisation = z.infer<typeof authorisationSchema>;

interface RefinableSubmission {
  channel: SubmissionChannel;
  helperId: string | null;
  authorisation: unknown;
  materials: { materialId: string; provision: z.infer<typeof provisionSchema>; pages: unknown[] }[];
  commitment: { materialIds: string[] } | null;
}

/** Rules across fields, the same whatever form the pages take. */
function refineSubmission(s: RefinableSubmission, ctx: z.RefinementCtx): void {
  if (s.channel === 'helper' && !s.helperId) ctx.addIssue({ code: 'custom', path: ['helperId'], message: '帮办渠道须填写帮办人员编号 / helper channel needs a helper id' });
  if (s.channel === 'kiosk' && s.helperId) ctx.addIssue({ code: 'custom', path: ['helperId'], message: '自助渠道不应有帮办人员 / kiosk channel has no helper' });
  if (s.channel === 'helper' && !s.authorisation)
    ctx.addIssue({ code: 'custom', path: ['authorisation'], message: '帮办代办须有申请人的委托授权签名 / the resident must sign the authorisation for a helper' });
  if (s.channel === 'kiosk' && s.authorisation) ctx.addIssue({ code: 'custom', path: ['authorisation'], message: '自助渠道无须委托授权 / kiosk channel carries no authorisation' });
  const seen = new Set<string>();
  let pages = 0;
  s.materials.forEach((m, i) => {
    if (seen.has(m.materialId)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'materialId'], message: '材料重复 / duplicate material' });
    seen.add(m.materialId);
    pages += m.pages.length;
    if (m.provision === 'scanned' && m.pages.length === 0) ctx.addIssue({ code: 'custom', path: ['materials', i, 'pages'], message: '扫描材料至少一页 / a scanned material needs pages' });
    if (m.provision !== 'scanned' && m.pages.length > 0) ctx.addIssue({ code: 'custom', path: ['materials', i, 'pages'], message: '只有扫描材料带页面 / only scanned materials carry pages' });
  });
  if (pages > MAX_PAGES_PER_SUBMISSION) ctx.addIssue({ code: 'custom', path: ['materials'], message: `页数超过 ${MAX_PAGES_PER_SUBMISSION} / too many pages` });
  const owed = new Set(s.materials.filter((m) => m.provision === 'rongque').map((m) => m.materialId));
  if (owed.size > 0 && !s.commitment) ctx.addIssue({ code: 'custom', path: ['commitment'], message: '容缺材料须签署承诺书 / owed materials need a signed commitment' });
  s.commitment?.materialIds.forEach((id, i) => {
    if (!owed.has(id)) ctx.addIssue({ code: 'custom', path: ['commitment', 'materialIds', i], message: '承诺的材料不在容缺清单中 / committed material is not marked as owed' });
  });
}

/**
 * The submission's shape, generic in how a page is carried (base64 on the kiosk API, bytes in
 * the backend, a content reference on the way to central) plus any extra fields of that form.
 */
export function submissionShape<P extends z.ZodType, X extends z.ZodRawShape>(page: P, extra: X) {
  return z
    .object({
      ...extra,
      serviceCode,
      applicant: applicantSchema,
      form: formDataSchema,
      materials: z
        .array(
          z.object({
            materialId,
            provision: provisionSchema,
            pages: z.array(page).max(MAX_PAGES_PER_SUBMISSION),
          }),
        )
        .max(100),
      commitment: commitmentSchema.nullable().default(null),
      /** The applicant's on-screen signature on the application form. */
      signature: signatureImageSchema.nullable().default(null),
      channel: submissionChannelSchema,
      /** 帮办代办: the helper's staff id when channel is 'helper'. */
      helperId: z
        .string()
        .regex(/^[A-Za-z0-9-]{2,32}$/, '帮办人员编号不正确 / malformed helper id')
        .nullable()
        .default(null),
      /** 帮办代办: the resident's signed authorisation of the helper (required on the helper channel). */
      authorisation: authorisationSchema.nullable().default(null),
      delivery: deliverySchema,
    })
    .superRefine((s, ctx) => refineSubmission(s as unknown as RefinableSubmission, ctx));
}

/** A scanned page as the renderer sends it over the kiosk API (base64). */
export const wirePageSchema = lazySchema(() =>
  z.object({
    mime: pageMimeSchema,
    data: z.base64().max(Math.ceil((MAX_PAGE_BYTES * 4) / 3) + 4, '单页过大 / page too large'),
  }),
);

/** A scanned page inside the backend (bytes). */
export const bytesPageSchema = lazySchema(() =>
  z.object({
    mime: pageMimeSchema,
    data: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, '页面应为字节 / page must be bytes')
      .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_PAGE_BYTES, '页面为空或过大 / page empty or too large'),
  }),
);

const optionalKey = () => ({
  /** Made by the renderer (uuidv7()) so a repeated POST after a timeout is recognised. */
  idempotencyKey: idempotencyKeySchema.optional(),
});

export const submissionWireSchema = lazySchema(() => submissionShape(wirePageSchema, optionalKey()));
export type SubmissionWire = z.input<typeof submissionWireSchema>;

export const submissionSchema = lazySchema(() =>
  submissionShape(bytesPageSchema, {
    ...optionalKey(),
    /**
     * 帮办代办: central's proof of the helper's sign-in, added by the backend from the helper's
     * session (never taken from the renderer); it travels to central with the manifest.
     */
    helperProof: helperTokenSchema.nullable().default(null),
  }),
);
export type SubmissionInput = z.input<typeof submissionSchema>;
export type Submission = z.output<typeof submissionSchema>;

/** Decodes base64 pages into bytes (the shape the outbox stores). */
export function submissionFromWire(w: z.output<typeof submissionWireSchema>): Submission {
  return {
    ...w,
    // the renderer never supplies central's helper proof: the backend adds it from the helper's session
    helperProof: null,
    materials: w.materials.map((m) => ({ ...m, pages: m.pages.map((p) => ({ mime: p.mime, data: base64ToBytes(p.data) })) })),
  };
}

// Node's Buffer where there is one (faster); common/ itself is typed without Node.
const NodeBuffer = (globalThis as { Buffer?: { from(s: string, encoding: 'base64'): Uint8Array } }).Buffer;

export function base64ToBytes(b64: string): Uint8Array {
  if (NodeBuffer) return new Uint8Array(NodeBuffer.from(b64, 'base64'));
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
