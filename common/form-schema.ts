// Declarative application-form fields (申请表) and the validator that finds what is wrong with
// each answer, as a code the renderer words in plain Chinese and English. The same schema drives
// the renderer's generated form and the backend's check of what arrives, so both find the same.
import { z } from 'zod';
import { idNumberProblem } from './id-number';
import { textProblem } from './text-hygiene';
import type { FormData, FormValue } from './form-data';
import { isIsoDate } from './working-days';

const bilingual = z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(300) });

/** Fields an identity card read can fill in (the names used by `CardIdentity`, common/devices.ts). */
export const idCardFieldSchema = z.enum(['name', 'gender', 'nation', 'birthDate', 'address', 'idNumber', 'authority', 'validFrom', 'validTo']);

export const prefillSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('none') }),
  z.object({ from: z.literal('id-card'), field: idCardFieldSchema }),
  /** 数据共享: filled from another department's records (e.g. shared:公安 for household data) */
  z.object({ from: z.literal('shared'), department: z.string().trim().min(1).max(60) }),
]);
export type Prefill = z.infer<typeof prefillSchema>;

/** Parses the compact spelling used in service configuration: "id-card:name", "shared:公安", "none". */
export function parsePrefill(s: string): Prefill {
  if (s === 'none') return { from: 'none' };
  if (s.startsWith('id-card:')) return prefillSchema.parse({ from: 'id-card', field: s.slice('id-card:'.length) });
  if (s.startsWith('shared:')) return prefillSchema.parse({ from: 'shared', department: s.slice('shared:'.length) });
  throw new RangeError(`预填来源“${s}”无法识别（应为 none、id-card:<字段> 或 shared:<部门>）/ unknown prefill source "${s}" (expected none, id-card:<field> or shared:<department>)`);
}

const base = {
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, '字段编号不合法 / bad field id'),
  label: bilingual,
  required: z.boolean().default(false),
  /** in characters (a Chinese character counts one) */
  maxLength: z.number().int().min(1).max(4000).optional(),
  prefill: prefillSchema.default({ from: 'none' }),
  help: bilingual.optional(),
};

export const formFieldSchema = z.discriminatedUnion('kind', [
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
export type FormFieldInput = z.input<typeof formFieldSchema>;
export type FormField = z.output<typeof formFieldSchema>;
export type FieldKind = FormField['kind'];

export const formFieldsSchema = z
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
  });

/** Lengths that apply when a field sets none: generous, but bounded like the submission record. */
export const DEFAULT_MAX_LENGTH: Record<FieldKind, number> = {
  text: 100,
  textarea: 2000,
  address: 200,
  'id-number': 18,
  phone: 11,
  date: 10,
  select: 100,
  number: 30,
};

/**
 * What is wrong with one answer, as a code and the figures it needs (the renderer words it with
 * the field's label: renderer/src/journey/field-problem-text.ts). The label and the field's kind
 * are the field's own, so a problem carries only what the answer adds.
 */
export type FieldProblemDetail =
  | { code: 'required' | 'wrong-type' | 'bad-characters' | 'id-characters' | 'id-birth-date' | 'id-checksum' | 'phone-characters' | 'phone-prefix' | 'date-format' | 'not-a-number' | 'not-whole' }
  | { code: 'too-long'; max: number; length: number }
  | { code: 'id-length' | 'phone-length'; length: number }
  | { code: 'date-not-real' | 'not-an-option'; value: string }
  | { code: 'date-in-future'; today: string }
  | { code: 'below-min'; min: number }
  | { code: 'above-max'; max: number };

export type FieldProblemCode = FieldProblemDetail['code'];

export type FieldProblem = { field: string } & FieldProblemDetail;

export interface ValidateOptions {
  /** today's date in China, YYYY-MM-DD (for "not after today"); passed in so validation stays pure */
  today: string;
}

const isEmpty = (v: FormValue | undefined) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
const chars = (s: string) => Array.from(s).length;

/** Checks every field; returns one problem per field at most (the first the citizen should fix). */
export function validateForm(fields: readonly FormField[], values: FormData | Record<string, FormValue | undefined>, opts: ValidateOptions): FieldProblem[] {
  if (!isIsoDate(opts.today)) throw new RangeError(`today must be YYYY-MM-DD, got "${opts.today}"`);
  const problems: FieldProblem[] = [];
  for (const f of fields) {
    const p = fieldProblem(f, values[f.id], opts);
    if (p) problems.push({ field: f.id, ...p });
  }
  return problems;
}

type Problem = FieldProblemDetail;

function fieldProblem(f: FormField, v: FormValue | undefined, opts: ValidateOptions): Problem | null {
  if (isEmpty(v)) return f.required ? { code: 'required' } : null;

  if (f.kind === 'number') return numberProblem(f, v!);

  if (typeof v !== 'string') return { code: 'wrong-type' };
  const s = v.trim();
  const max = f.maxLength ?? DEFAULT_MAX_LENGTH[f.kind];
  // ID and phone numbers get their own, more specific length problems below.
  if (f.kind !== 'id-number' && f.kind !== 'phone' && chars(s) > max) return { code: 'too-long', max, length: chars(s) };

  switch (f.kind) {
    case 'text':
    case 'textarea':
    case 'address':
      // Only a textarea keeps line breaks; central refuses the same characters (text-hygiene.ts).
      return textProblem(s, { multiline: f.kind === 'textarea' }) ? { code: 'bad-characters' } : null;
    case 'id-number':
      return idProblem(s.toUpperCase());
    case 'phone':
      if (!/^\d+$/.test(s)) return { code: 'phone-characters' };
      if (s.length !== 11) return { code: 'phone-length', length: s.length };
      if (!/^1[3-9]/.test(s)) return { code: 'phone-prefix' };
      return null;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { code: 'date-format' };
      if (!isIsoDate(s)) return { code: 'date-not-real', value: s };
      if (f.notAfterToday && s > opts.today) return { code: 'date-in-future', today: opts.today };
      return null;
    case 'select':
      return f.options.some((o) => o.value === s) ? null : { code: 'not-an-option', value: s };
  }
}

function idProblem(id: string): Problem | null {
  switch (idNumberProblem(id)) {
    case null:
      return null;
    case 'length':
      return { code: 'id-length', length: id.length };
    case 'characters':
      return { code: 'id-characters' };
    case 'birth-date':
      return { code: 'id-birth-date' };
    case 'checksum':
      return { code: 'id-checksum' };
  }
}

function numberProblem(f: Extract<FormField, { kind: 'number' }>, v: FormValue): Problem | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n)) return { code: 'not-a-number' };
  if (f.integer && !Number.isInteger(n)) return { code: 'not-whole' };
  if (f.min !== undefined && n < f.min) return { code: 'below-min', min: f.min };
  if (f.max !== undefined && n > f.max) return { code: 'above-max', max: f.max };
  return null;
}
