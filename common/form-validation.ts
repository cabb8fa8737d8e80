// What is wrong with each answer of an application form (申请表), as a code the renderer words in
// plain Chinese and English. Kept apart from the fields' zod schemas (form-schema.ts) and free of
// zod, so the renderer checks a form as the backend does without shipping zod.
import { idNumberProblem } from './id-number';
import { textProblem } from './text-problem';
import type { FormData, FormValue } from './form-data';
import type { FieldKind, FormField } from './form-schema';
import { isIsoDate } from './working-days';

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
