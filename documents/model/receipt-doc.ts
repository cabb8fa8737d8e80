// What a receipt says, independent of the printer: the backend and workflows build one of
// these; the ESC/POS encoder turns it into bytes. Validated at the API boundary.
import { z } from 'zod';
import { lazySchema } from '../../common/lazy-schema';

export const receiptLineSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('text'),
      text: z.string().max(1000),
      bold: z.boolean().optional(),
      size: z.enum(['normal', 'double-width', 'double-height', 'double']).optional(),
      align: z.enum(['left', 'center', 'right']).optional(),
    }),
    z.object({
      type: z.literal('qr'),
      data: z.string().min(1).max(1000),
      /** module size in dots, 1–16 (6 ≈ 2 cm wide for a typical case URL on 58 mm paper) */
      moduleSize: z.number().int().min(1).max(16).optional(),
      ecc: z.enum(['L', 'M', 'Q', 'H']).optional(),
    }),
    z.object({ type: z.literal('feed'), lines: z.number().int().min(1).max(10) }),
    z.object({ type: z.literal('rule') }),
  ]),
);

export const receiptDocSchema = lazySchema(() =>
  z.object({
    lines: z.array(receiptLineSchema).min(1).max(300),
    cut: z.enum(['partial', 'full']).default('partial'),
  }),
);

export type ReceiptLine = z.infer<typeof receiptLineSchema>;
export type ReceiptDoc = z.input<typeof receiptDocSchema>;
