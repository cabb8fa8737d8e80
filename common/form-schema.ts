// Declarative application-form fields (申请表). The same schema drives the renderer's generated
// form and the backend's check of what arrives; the check (form-validation.ts, free of zod for the
// renderer) finds what is wrong with each answer as a code, the same on both sides.
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

const bilingual = lazySchema(() => z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(300) }));

/** Fields an identity card read can fill in (the names used by `CardIdentity`, common/devices.ts). */
export const idCardFieldSchema = lazySchema(() => z.enum(['name', 'gender', 'nation', 'birthDate', 'address', 'idNumber', 'authority', 'validFrom', 'validTo']));

export const prefillSchema = lazySchema(() =>
  z.discriminatedUnion('from', [
    z.object({ from: z.literal('none') }),
    z.object({ from: z.literal('id-card'), field: idCardFieldSchema }),
    /** 数据共享: filled from another department's records (e.g. shared:公安 for household data) */
    z.object({ from: z.literal('shared'), department: z.string().trim().min(1).max(60) }),
  ]),
);
export type Prefill = z.infer<typeof prefillSchema>;

/** Parses the compact spelling used in service configuration: "id-card:name", "shared:公安", "none". */
export function parsePrefill(s: string): Prefill {
  if (s === 'none') return { from: 'none' };
  if (s.startsWith('id-card:')) return prefillSchema.parse({ from: 'id-card', field: s.slice('id-card:'.length) });
  if (s.startsWith('shared:')) return prefillSchema.parse({ from: 'shared', department: s.slice('shared:'.length) });
  throw new RangeError(`预填来源“${s}”无法识别（应为 none、id-card:<字段> 或 shared:<部门>）/ unknown prefill source "${s}" (expected none, id-card:<field> or shared:<department>)`);
}

/** What every kind of field has (a function: built with the schema that uses it, lazy-schema.ts). */
const fieldBase = () => ({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, '字段编号不合法 / bad field id'),
  label: bilingual,
  required: z.boolean().default(false),
  /** in characters (a Chinese character counts one) */
  maxLength: z.number().int().min(1).max(4000).optional(),
  prefill: prefillSchema.default({ from: 'none' }),
  help: bilingual.optional(),
});

export const formFieldSchema = lazySchema(() => {
  const base = fieldBase();
  return z.discriminatedUnion('kind', [
    z.object({ ...base, kind: z.literal('text') }),
    z.object({ ...base, kind: z.literal('textarea') }),
    z.object({ ...base, kind: z.literal('address') }),
    z.object({ ...base, kind: z.literal('id-number') }),
    z.object({ ...base, kind: z.literal('phone') }),
    z.object({
      ...base,
      kind: z.literal('date'),
      /** birth dates and other past events: a date after today is refused */
      notAfterToday: z.boolean().default(false),
    }),
    z.object({
      ...base,
      kind: z.literal('select'),
      options: z
        .array(z.object({ value: z.string().min(1).max(100), label: bilingual }))
        .min(1)
        .max(200),
    }),
    z.object({
      ...base,
      kind: z.literal('number'),
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      integer: z.boolean().default(false),
    }),
  ]);
});
export type FormFieldInput = z.input<typeof formFieldSchema>;
export type FormField = z.output<typeof formFieldSchema>;
export type FieldKind = FormField['kind'];

export const formFieldsSchema = lazySchema(() =>
  z
    .array(formFieldSchema)
    .min(1)
    .max(300)
    .superRefine((fields, ctx) => {
      const seen = new Set<string>();
      fields.forEach((f, i) => {
        if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `字段编号 ${f.id} 重复 / duplicate field id ${f.id}` });
        seen.add(f.id);
        if (f.kind === 'select' && new Set(f.options.map((o) => o.value)).size !== f.options.length)
          ctx.addIssue({ code: 'custom', path: [i, 'options'], message: `字段 ${f.id} 的选项重复 / field ${f.id} has duplicate options` });
        if (f.kind === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max)
          ctx.addIssue({ code: 'custom', path: [i, 'min'], message: `字段 ${f.id} 的最小值大于最大值 / field ${f.id} has min above max` });
      });
    }),
);
