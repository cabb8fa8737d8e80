// A filled-in application form as it travels: a record of field values. Its own module because
// both the form definitions (form-schema.ts, used by the catalog) and the submission need it.
import { z } from 'zod';
import { cleanText } from './text-hygiene';
import { lazySchema } from './lazy-schema';

/** A form field's value: what generated forms produce (text, number, yes/no, choice list). */
export const formValueSchema = lazySchema(() =>
  z.union([
    // Multi-line: a textarea's value keeps its line breaks; controls and bidi marks never pass.
    cleanText(z.string().max(4000, '字段内容过长 / field too long'), { multiline: true }),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(cleanText(z.string().max(500))).max(50),
  ]),
);
export type FormValue = z.infer<typeof formValueSchema>;

export const formDataSchema = lazySchema(() =>
  z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, '字段名不合法 / bad field name'), formValueSchema).refine((r) => Object.keys(r).length <= 300, '表单字段过多 / too many form fields'),
);
export type FormData = z.infer<typeof formDataSchema>;
