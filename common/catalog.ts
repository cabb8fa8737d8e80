// The service catalog (事项清单) and service guides (办事指南): one schema shared by
// central (publisher), the kiosk backend (cache) and the renderer (display).
// Elements follow the provincial guide-writing rules (seeds 000, 001 annex 2, 004 §6–7).
import { z } from 'zod';
import { formFieldsSchema } from './form-schema';
import { lazySchema } from './lazy-schema';
import { SERVICE_CODE_PATTERN } from './service-code';

export const serviceTypeSchema = lazySchema(() => z.enum(['行政许可', '行政确认', '行政给付', '行政征收', '行政奖励', '行政裁决', '其他行政权力', '公共服务']));

/** 全程网办 / 自助机可办 / 最多跑一次 / 邮政寄递 / 帮办代办 */
export const channelSchema = lazySchema(() => z.enum(['online', 'kiosk', 'max_once', 'post', 'helper']));
export type Channel = z.infer<typeof channelSchema>;

export const deliverySchema = lazySchema(() => z.enum(['kiosk_print', 'post', 'online', 'counter']));
export type Delivery = z.infer<typeof deliverySchema>;

export const materialSchema = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(2),
    nameEn: z.string().min(2),
    /** 份数 */
    copies: z.number().int().min(1).max(20),
    /** 纸质 / 电子 / 纸质或电子 */
    form: z.enum(['paper', 'electronic', 'paper_or_electronic']),
    /** 原件 or 复印件 */
    original: z.boolean(),
    /** 材料来源: who issues it, e.g. "申请人自备" or "公安机关核发" */
    source: z.string().min(2),
    /** 示范文本 / 样本说明 */
    sample: z.string().min(2).nullable(),
    /** Department that already holds it: fetched through data sharing, not asked for (共享获取) */
    sharedFrom: z.string().min(2).nullable(),
    /** Secondary material that may be owed under a signed commitment (容缺受理) */
    rongque: z.boolean(),
    required: z.boolean(),
    note: z.string().optional(),
  }),
);
export type Material = z.infer<typeof materialSchema>;

export const timeLimitSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('on_the_spot') }),
    z.object({
      kind: z.literal('working_days'),
      /** 法定办结时限 */
      legal: z.number().int().min(1).max(365),
      /** 承诺办结时限 (never longer than the legal one) */
      promised: z.number().int().min(1).max(365),
    }),
  ]),
);
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const feesSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('free') }),
    z.object({
      kind: z.literal('charged'),
      items: z
        .array(
          z.object({
            name: z.string().min(2),
            standard: z.string().min(2),
            basis: z.string().min(2),
            reduction: z.string().optional(),
          }),
        )
        .min(1),
      payment: z.string().min(2),
    }),
  ]),
);
export type Fees = z.infer<typeof feesSchema>;

export const contactSchema = lazySchema(() =>
  z.object({
    phone: z.string().regex(/^[0-9-]{5,20}$/),
    detail: z.string().min(2),
  }),
);

export const serviceSchema = lazySchema(() =>
  z
    .object({
      /** 事项编码 */
      code: z.string().regex(SERVICE_CODE_PATTERN),
      name: z.string().min(2),
      nameEn: z.string().min(2),
      departmentId: z.string(),
      type: serviceTypeSchema,
      lifeEventIds: z.array(z.string()).min(1),
      /** 实施依据: full title plus article */
      legalBasis: z.array(z.object({ title: z.string().min(2), clause: z.string().min(2) })).min(1),
      /** 申请主体 / 服务对象 */
      applicant: z.string().min(2),
      /** 受理条件 */
      conditions: z.array(z.string().min(2)).min(1),
      materials: z.array(materialSchema).min(1),
      timeLimit: timeLimitSchema,
      fees: feesSchema,
      /** 办理流程: from application to delivery, each step naming how it stays 不见面 */
      flow: z.array(z.object({ step: z.string().min(2), detail: z.string().min(2) })).min(2),
      channels: z.array(channelSchema).min(1),
      /** Whether the whole application can be taken at this kiosk */
      kioskFull: z.boolean(),
      /**
       * 社保 / 医保 services: the applicant may identify with a 社会保障卡 (PC/SC) instead of the ID
       * card. Absent (older catalogs) = ID card only.
       */
      socialCardAccepted: z.boolean().optional(),
      /** Where to go instead when kioskFull is false */
      kioskNote: z.string().nullable(),
      /** 办理地点 */
      place: z.string().min(2),
      /** 受理时间 */
      hours: z.string().min(2),
      result: z.object({ name: z.string().min(2), delivery: z.array(deliverySchema).min(1) }),
      consultation: contactSchema,
      complaint: contactSchema,
      keywords: z.array(z.string()).default([]),
      /**
       * The application form (申请表) the kiosk generates for this service, and the material it
       * stands for (a `kioskForm` material, filled in on screen instead of scanned). null → the
       * kiosk shows the guide but cannot take the application. Optional so catalogs published
       * before forms existed still parse.
       */
      form: z
        .object({
          materialId: z
            .string()
            .regex(/^[a-z0-9-]+$/)
            .nullable(),
          fields: formFieldsSchema,
        })
        .optional(),
    })
    .superRefine((s, ctx) => {
      if (s.timeLimit.kind === 'working_days' && s.timeLimit.promised > s.timeLimit.legal) {
        ctx.addIssue({ code: 'custom', path: ['timeLimit', 'promised'], message: '承诺时限不得超过法定时限' });
      }
      if (!s.kioskFull && !s.kioskNote) {
        ctx.addIssue({ code: 'custom', path: ['kioskNote'], message: '自助机不能全程办理的事项须说明去哪里办' });
      }
      const ids = new Set<string>();
      for (const [i, m] of s.materials.entries()) {
        if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'id'], message: '材料编号重复' });
        ids.add(m.id);
      }
      if (s.form?.materialId && !ids.has(s.form.materialId)) ctx.addIssue({ code: 'custom', path: ['form', 'materialId'], message: `申请表对应的材料 ${s.form.materialId} 不在材料清单中` });
    }),
);
export type Service = z.infer<typeof serviceSchema>;
export type ServiceForm = NonNullable<Service['form']>;

/** A department and a life event are the same kind of entry: an id the services name, and its name in both languages. */
const namedEntrySchema = () =>
  z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(2),
    nameEn: z.string().min(2),
  });

export const departmentSchema = lazySchema(namedEntrySchema);
export type Department = z.infer<typeof departmentSchema>;

export const lifeEventSchema = lazySchema(namedEntrySchema);
export type LifeEvent = z.infer<typeof lifeEventSchema>;

export const catalogSchema = lazySchema(() =>
  z
    .object({
      version: z.string().min(1),
      publishedAt: z.string().datetime({ offset: true }),
      departments: z.array(departmentSchema).min(1),
      lifeEvents: z.array(lifeEventSchema).min(1),
      services: z.array(serviceSchema).min(1),
    })
    .superRefine((c, ctx) => {
      const deps = new Set(c.departments.map((d) => d.id));
      const events = new Set(c.lifeEvents.map((e) => e.id));
      const codes = new Set<string>();
      c.services.forEach((s, i) => {
        if (!deps.has(s.departmentId)) ctx.addIssue({ code: 'custom', path: ['services', i, 'departmentId'], message: `未知部门 ${s.departmentId}` });
        for (const e of s.lifeEventIds) if (!events.has(e)) ctx.addIssue({ code: 'custom', path: ['services', i, 'lifeEventIds'], message: `未知主题 ${e}` });
        if (codes.has(s.code)) ctx.addIssue({ code: 'custom', path: ['services', i, 'code'], message: '事项编码重复' });
        codes.add(s.code);
      });
    }),
);
export type Catalog = z.infer<typeof catalogSchema>;

/** A service as listed (without the full guide), with its search keys. */
export type ServiceSummary = Pick<Service, 'code' | 'name' | 'nameEn' | 'departmentId' | 'type' | 'lifeEventIds' | 'channels' | 'kioskFull'>;
