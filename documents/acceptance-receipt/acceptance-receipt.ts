// The 收件回执 (acceptance receipt) a citizen takes home after submitting at the kiosk, laid out
// as a printer-independent ReceiptDoc for 58 mm or 80 mm paper (layout/receipt-lines.ts).
// Personal data is masked before it reaches the layout: the receipt may be lost. The QR holds the receipt number and
// its claim (common/receipt-claim.ts): whoever holds the paper may print the case's documents.
import { z } from 'zod';
import { chinaDateTime } from '../../common/china-time';
import { maskIdNumber, maskName } from '../../common/mask';
import { receiptClaimSchema, receiptQrPayload } from '../../common/receipt-claim';
import { receiptNoSchema } from '../../common/submission';
import { isIsoDate } from '../../common/working-days';
import { labelled, numbered, receiptLines, wrapText, type ReceiptWidth } from '../layout/receipt-lines';
import type { ReceiptDoc } from '../model/receipt-doc';
import { ACCEPTANCE_RECEIPT_TEXT as T } from './acceptance-receipt-text';
import { lazySchema } from '../../common/lazy-schema';

const isoDate = lazySchema(() => z.string().refine(isIsoDate, '日期应为 YYYY-MM-DD / date must be YYYY-MM-DD'));
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const acceptanceReceiptSchema = lazySchema(() =>
  z.object({
    hallName: shortText(80),
    terminalId: shortText(40),
    receiptNo: receiptNoSchema,
    /** the receipt's claim, printed only inside the QR (never as text: a photo of the number alone proves nothing) */
    claim: receiptClaimSchema,
    service: z.object({ name: shortText(120), code: shortText(60) }),
    /** in clear here; only the masked forms are printed */
    applicant: z.object({ name: shortText(64), idNumber: shortText(40) }),
    submittedAt: z.iso.datetime({ offset: true }),
    materialsReceived: z.array(z.object({ name: shortText(120), pages: z.number().int().min(0).max(999) })).max(50),
    /** 容缺: materials the citizen committed to supply later */
    materialsOwed: z
      .array(
        z.object({
          name: shortText(120),
          /** a date, or "N working days after acceptance" when the holiday calendar is not cached yet */
          deadline: z.union([isoDate, z.object({ workingDays: z.number().int().min(1).max(366) })]),
        }),
      )
      .max(50),
    /** from the working-day calculator (`promisedCompletion`, common/working-days.ts) */
    completion: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('on-the-spot'), date: isoDate }),
      z.object({ kind: z.literal('by-date'), date: isoDate, workingDays: z.number().int().min(0).max(366) }),
      /** the calendar for the year the count reaches is not cached: the promise is said in working days */
      z.object({ kind: z.literal('within'), workingDays: z.number().int().min(1).max(366) }),
    ]),
    /** where progress can be looked up online, e.g. the provincial government-service site */
    onlineProgressSite: shortText(120).nullable().default(null),
    consultationPhone: z.string().regex(/^[0-9-]{3,20}$/, '咨询电话格式不正确 / malformed consultation phone'),
    /** 帮办代办: the staff member who submitted on the citizen's behalf */
    helper: z
      .object({ name: shortText(32), staffId: shortText(32) })
      .nullable()
      .default(null),
  }),
);
export type AcceptanceReceiptInput = z.input<typeof acceptanceReceiptSchema>;

/** Lays out the acceptance receipt for a paper width of 32 or 48 columns. */
export function acceptanceReceipt(input: AcceptanceReceiptInput, width: ReceiptWidth): ReceiptDoc {
  const { lines, add, rule, header, end } = receiptLines(width);
  const r = acceptanceReceiptSchema.parse(input);

  header(T.title, T.titleEn, r.hallName);
  add(labelled(T.receiptNo, r.receiptNo, width), { bold: true });
  add(labelled(T.terminal, r.terminalId, width));
  add(labelled(T.submittedAt, chinaDateTime(r.submittedAt), width));
  rule();
  add(labelled(T.service, r.service.name, width));
  add(labelled(T.serviceCode, r.service.code, width));
  add(labelled(T.applicant, maskName(r.applicant.name), width));
  add(labelled(T.idNumber, maskIdNumber(r.applicant.idNumber), width));
  if (r.helper) add(labelled(T.helper, T.helperValue(r.helper.name, r.helper.staffId), width));
  rule();

  add(wrapText(T.received, width), { bold: true });
  if (r.materialsReceived.length === 0) add(wrapText(T.none, width));
  r.materialsReceived.forEach((m, i) => add(numbered(i + 1, T.receivedItem(m.name, m.pages), width)));
  if (r.materialsOwed.length > 0) {
    add(wrapText(T.owed, width), { bold: true });
    r.materialsOwed.forEach((m, i) => add(numbered(i + 1, typeof m.deadline === 'string' ? T.owedByDate(m.name, m.deadline) : T.owedWithin(m.name, m.deadline.workingDays), width)));
  }
  rule();

  const c = r.completion;
  if (c.kind === 'on-the-spot') add(labelled(T.completionLimit, T.onTheSpot, width), { bold: true });
  else add(labelled(T.promised, c.kind === 'by-date' ? T.promisedByDate(c.date, c.workingDays) : T.promisedWithin(c.workingDays), width), { bold: true });
  rule();

  add(wrapText(T.progress(r.onlineProgressSite), width));
  add(labelled(T.consultation, r.consultationPhone, width));
  lines.push({ type: 'qr', data: receiptQrPayload(r.receiptNo, r.claim), moduleSize: width === 32 ? 5 : 6, ecc: 'M' });
  add(wrapText(r.receiptNo, width), { align: 'center' });
  add(wrapText(T.keep, width), { align: 'center' });
  end();
  return { lines, cut: 'partial' };
}
