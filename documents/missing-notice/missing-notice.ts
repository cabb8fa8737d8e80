// 一次性告知单: when a material that cannot be owed (容缺) is missing, nothing is submitted and
// the citizen gets, at once, the list of EVERY missing material, so one more visit is enough.
//
// Printed on the receipt printer, not A4: every kiosk model has a receipt printer (township
// terminals often have no A4 printer, and a stopped A4 queue would leave the citizen with
// nothing), the list is short, and it goes home in the pocket with the other slips. The same
// ReceiptDoc holds for 58 mm and 80 mm paper because lines are wrapped by columns here.
import { z } from 'zod';
import { chinaDateTime } from '../../common/china-time';
import { labelled, numbered, receiptLines, wrapText, type ReceiptWidth } from '../layout/receipt-lines';
import type { ReceiptDoc } from '../model/receipt-doc';
import { MISSING_NOTICE_TEXT as T } from './missing-notice-text';
import { lazySchema } from '../../common/lazy-schema';

const short = (max: number) => z.string().trim().min(1).max(max);

export const missingNoticeSchema = lazySchema(() =>
  z.object({
    hallName: short(80),
    terminalId: short(40),
    printedAt: z.iso.datetime({ offset: true }),
    service: z.object({ name: short(120), code: short(60) }),
    /** every material still missing, with what the guide says about it */
    missing: z
      .array(z.object({ name: short(120), copies: z.number().int().min(1), original: z.boolean(), source: short(120), rongque: z.boolean() }))
      .min(1)
      .max(50),
    /** materials already scanned (kept in the citizen's mind, not on the kiosk) */
    brought: z.array(short(120)).max(50),
    consultationPhone: z.string().regex(/^[0-9-]{3,20}$/),
    place: short(200),
  }),
);
export type MissingNotice = z.input<typeof missingNoticeSchema>;

export function missingNoticeDoc(input: MissingNotice, width: ReceiptWidth): ReceiptDoc {
  const { lines, add, rule, header, end } = receiptLines(width);
  const n = missingNoticeSchema.parse(input);
  header(T.title, T.titleEn, n.hallName);
  add(labelled(T.service, n.service.name, width));
  add(labelled(T.serviceCode, n.service.code, width));
  add(labelled(T.printedAt, chinaDateTime(n.printedAt), width));
  add(labelled(T.terminal, n.terminalId, width));
  rule();
  add(wrapText(T.notSubmitted(n.missing.length), width), { bold: true });
  n.missing.forEach((m, i) => add(numbered(i + 1, T.missingItem(m.name, m.original, m.copies, m.source, m.rongque), width)));
  if (n.brought.length > 0) {
    add(wrapText(T.brought, width));
    n.brought.forEach((b, i) => add(numbered(i + 1, b, width)));
  }
  rule();
  add(labelled(T.place, n.place, width));
  add(labelled(T.consultation, n.consultationPhone, width));
  add(wrapText(T.basis, width));
  end();
  return { lines, cut: 'partial' };
}
