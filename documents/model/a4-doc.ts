// What an A4 document says, independent of the printer: the documents here lay one out, the
// PDF builder (devices/a4/pdf-builder.ts) draws it. Validated at the API boundary.
import { z } from 'zod';
import { lazySchema } from '../../common/lazy-schema';

export const a4BlockSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('heading'), text: z.string().min(1).max(200) }),
    z.object({ type: z.literal('paragraph'), text: z.string().max(5000) }),
    z.object({ type: z.literal('field'), label: z.string().min(1).max(50), value: z.string().max(500) }),
    z.object({ type: z.literal('qr'), data: z.string().min(1).max(1000), caption: z.string().max(100).optional() }),
    z.object({ type: z.literal('spacer') }),
  ]),
);

export const a4DocSchema = lazySchema(() =>
  z.object({
    title: z.string().min(1).max(200),
    blocks: z.array(a4BlockSchema).min(1).max(500),
    /** printed in a standard Latin font at the foot of each page (reference number, date): it stays machine-readable even where a CJK font's text layer does not survive */
    reference: z
      .string()
      .max(120)
      .regex(/^[\x20-\x7e]*$/, '仅限 ASCII / ASCII only')
      .optional(),
  }),
);

export type A4Doc = z.input<typeof a4DocSchema>;

/**
 * Type sizes in points. Citizens who take a printed guide home are often elderly: 14 pt body
 * text (about 5 mm capitals, the size large-print guidance asks for) is read without glasses at
 * arm's length, where 11 pt was not; headings and the title stay clearly larger than the body.
 */
export const A4_TYPE = { title: 22, heading: 17, body: 14, caption: 11, footer: 8 } as const;
