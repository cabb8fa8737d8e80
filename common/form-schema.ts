// Declarative application-form fields (申请表) and the validator that tells a citizen, in plain
// Chinese and English, what is wrong with each answer. The same schema drives the renderer's
// generated form and the backend's check of what arrives, so both say the same thing.
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

export type FieldProblemCode =
  | 'required'
  | 'bad-characters'
  | 'too-long'
  | 'wrong-type'
  | 'id-length'
  | 'id-characters'
  | 'id-birth-date'
  | 'id-checksum'
  | 'phone-characters'
  | 'phone-length'
  | 'phone-prefix'
  | 'date-format'
  | 'date-not-real'
  | 'date-in-future'
  | 'not-an-option'
  | 'not-a-number'
  | 'not-whole'
  | 'below-min'
  | 'above-max';

export interface FieldProblem {
  field: string;
  code: FieldProblemCode;
  zh: string;
  en: string;
}

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

type Problem = Omit<FieldProblem, 'field'>;

function fieldProblem(f: FormField, v: FormValue | undefined, opts: ValidateOptions): Problem | null {
  const zh = `“${f.label.zh}”`;
  const en = `"${f.label.en}"`;
  if (isEmpty(v)) {
    if (!f.required) return null;
    return f.kind === 'select' ? { code: 'required', zh: `请选择${zh}`, en: `Please choose ${en}` } : { code: 'required', zh: `请填写${zh}`, en: `Please fill in ${en}` };
  }

  if (f.kind === 'number') return numberProblem(f, v!, zh, en);

  if (typeof v !== 'string') return { code: 'wrong-type', zh: `${zh}应填写文字`, en: `${en} should be written as text` };
  const s = v.trim();
  const max = f.maxLength ?? DEFAULT_MAX_LENGTH[f.kind];
  // ID and phone numbers get their own, more specific length messages below.
  if (f.kind !== 'id-number' && f.kind !== 'phone' && chars(s) > max)
    return { code: 'too-long', zh: `${zh}最多 ${max} 个字，现在有 ${chars(s)} 个，请精简`, en: `${en} can be at most ${max} characters; it has ${chars(s)}, please shorten it` };

  switch (f.kind) {
    case 'text':
    case 'textarea':
    case 'address':
      // Only a textarea keeps line breaks; central refuses the same characters (text-hygiene.ts).
      if (textProblem(s, { multiline: f.kind === 'textarea' }))
        return f.kind === 'textarea'
          ? { code: 'bad-characters', zh: `${zh}含有无法识别的隐藏字符，请删除后重新填写`, en: `${en} contains hidden characters that cannot be accepted; please delete them and type it again` }
          : { code: 'bad-characters', zh: `${zh}只能填写一行文字，且不能含有隐藏字符，请重新填写`, en: `${en} must be a single line without hidden characters; please type it again` };
      return null;
    case 'id-number':
      return idProblem(s.toUpperCase());
    case 'phone':
      if (!/^\d+$/.test(s))
        return { code: 'phone-characters', zh: '手机号码只能填写数字，请去掉空格或其他符号', en: 'The mobile number may contain digits only; please remove spaces and other signs' };
      if (s.length !== 11) return { code: 'phone-length', zh: `手机号码应为 11 位数字，现在是 ${s.length} 位，请核对`, en: `A mobile number has 11 digits; this one has ${s.length}, please check` };
      if (!/^1[3-9]/.test(s)) return { code: 'phone-prefix', zh: '手机号码应以 13 至 19 开头，请核对', en: 'A mobile number starts with 13 to 19; please check' };
      return null;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { code: 'date-format', zh: `${zh}请按“年-月-日”填写，例如 1990-03-07`, en: `Please write ${en} as year-month-day, for example 1990-03-07` };
      if (!isIsoDate(s)) return { code: 'date-not-real', zh: `${zh}填写的 ${s} 这一天不存在，请核对`, en: `${en}: ${s} is not a real date, please check` };
      if (f.notAfterToday && s > opts.today) return { code: 'date-in-future', zh: `${zh}不能晚于今天（${opts.today}）`, en: `${en} cannot be later than today (${opts.today})` };
      return null;
    case 'select':
      if (!f.options.some((o) => o.value === s)) return { code: 'not-an-option', zh: `${zh}的“${s}”不在可选范围内，请重新选择`, en: `${en}: "${s}" is not one of the choices, please choose again` };
      return null;
  }
}

function idProblem(id: string): Problem | null {
  switch (idNumberProblem(id)) {
    case null:
      return null;
    case 'length':
      return { code: 'id-length', zh: `身份证号码应为 18 位，现在是 ${id.length} 位，请核对`, en: `The ID number has 18 characters; this one has ${id.length}, please check` };
    case 'characters':
      return { code: 'id-characters', zh: '身份证号码只能是数字，最后一位可以是 X，请核对', en: 'The ID number may contain only digits, with X allowed as the last character; please check' };
    case 'birth-date':
      return { code: 'id-birth-date', zh: '身份证号码中的出生日期不存在，请核对', en: 'The date of birth inside the ID number does not exist; please check' };
    case 'checksum':
      return { code: 'id-checksum', zh: '身份证号码校验位不正确，请核对', en: "The ID number's check digit is wrong; please check" };
  }
}

function numberProblem(f: Extract<FormField, { kind: 'number' }>, v: FormValue, zh: string, en: string): Problem | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n)) return { code: 'not-a-number', zh: `${zh}应填写数字，例如 12 或 3.5`, en: `${en} should be a number, for example 12 or 3.5` };
  if (f.integer && !Number.isInteger(n)) return { code: 'not-whole', zh: `${zh}应填写整数，不带小数`, en: `${en} should be a whole number, without decimals` };
  if (f.min !== undefined && n < f.min) return { code: 'below-min', zh: `${zh}不能小于 ${f.min}`, en: `${en} cannot be less than ${f.min}` };
  if (f.max !== undefined && n > f.max) return { code: 'above-max', zh: `${zh}不能大于 ${f.max}`, en: `${en} cannot be more than ${f.max}` };
  return null;
}
