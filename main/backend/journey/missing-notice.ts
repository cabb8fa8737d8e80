// 一次性告知单: when a material that cannot be owed (容缺) is missing, nothing is submitted and
// the citizen gets, at once, the list of EVERY missing material, so one more visit is enough.
//
// Printed on the receipt printer, not A4: every kiosk model has a receipt printer (township
// terminals often have no A4 printer, and a stopped A4 queue would leave the citizen with
// nothing), the list is short, and it goes home in the pocket with the other slips. The same
// ReceiptDoc holds for 58 mm and 80 mm paper because lines are wrapped by columns here.
import { z } from 'zod';
import { chinaDateTime, labelled, numbered, wrapText, type ReceiptWidth } from '../../../devices/receipt/acceptance-receipt';
import type { ReceiptDoc, ReceiptLine } from '../../../devices/receipt/receipt-doc';

const short = (max: number) => z.string().trim().min(1).max(max);

export const missingNoticeSchema = z.object({
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
});
export type MissingNotice = z.input<typeof missingNoticeSchema>;

export function missingNoticeDoc(input: MissingNotice, width: ReceiptWidth): ReceiptDoc {
  const n = missingNoticeSchema.parse(input);
  const lines: ReceiptLine[] = [];
  const add = (ls: string[], style: Omit<Extract<ReceiptLine, { type: 'text' }>, 'type' | 'text'> = {}) => ls.forEach((t) => lines.push({ type: 'text', text: t, ...style }));
  add(wrapText('一次性告知单', width / 2), { size: 'double', bold: true, align: 'center' });
  add(wrapText('List of missing materials', width), { align: 'center' });
  add(wrapText(n.hallName, width), { align: 'center' });
  lines.push({ type: 'rule' });
  add(labelled('办理事项', n.service.name, width));
  add(labelled('事项编码', n.service.code, width));
  add(labelled('告知时间', chinaDateTime(n.printedAt), width));
  add(labelled('终端编号', n.terminalId, width));
  lines.push({ type: 'rule' });
  add(wrapText(`您的申请材料不齐全，本次未提交申请。请备齐以下全部 ${n.missing.length} 项材料后再来办理：`, width), { bold: true });
  n.missing.forEach((m, i) => add(numbered(i + 1, `${m.name}（${m.original ? '原件' : '复印件'} ${m.copies} 份；${m.source}）${m.rongque ? '〔可容缺后补〕' : ''}`, width)));
  if (n.brought.length > 0) {
    add(wrapText('本次已带来的材料（再来时请一并带来）：', width));
    n.brought.forEach((b, i) => add(numbered(i + 1, b, width)));
  }
  lines.push({ type: 'rule' });
  add(labelled('办理地点', n.place, width));
  add(labelled('咨询电话', n.consultationPhone, width));
  add(wrapText('依据《中华人民共和国行政许可法》第三十二条，一次告知需要补正的全部内容。', width));
  lines.push({ type: 'feed', lines: 2 });
  return { lines, cut: 'partial' };
}
