// The 收件回执 (acceptance receipt) a citizen takes home after submitting at the kiosk, laid out
// as a printer-independent ReceiptDoc. Every text line is wrapped here, by display columns
// (a Chinese character takes two), so what prints on 58 mm (32 columns) and 80 mm (48 columns)
// paper keeps its hanging indents instead of being broken by the encoder. Personal data is
// masked before it reaches the layout: the receipt may be lost. The QR holds the receipt number and
// its claim (common/receipt-claim.ts): whoever holds the paper may print the case's documents.
import { z } from 'zod';
import { chinaDateTime } from '../../common/china-time';
import { maskIdNumber, maskName } from '../../common/mask';
import { receiptClaimSchema, receiptQrPayload } from '../../common/receipt-claim';
import { receiptNoSchema } from '../../common/submission';
import { isIsoDate } from '../../common/working-days';
import type { ReceiptDoc, ReceiptLine } from './receipt-doc';
import { charColumns, textColumns } from './text-width';

const isoDate = z.string().refine(isIsoDate, '日期应为 YYYY-MM-DD / date must be YYYY-MM-DD');
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const acceptanceReceiptSchema = z.object({
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
});
export type AcceptanceReceiptInput = z.input<typeof acceptanceReceiptSchema>;

export const RECEIPT_WIDTHS = [32, 48] as const;
export type ReceiptWidth = (typeof RECEIPT_WIDTHS)[number];

export { chinaDateTime };

const NO_LINE_START = new Set(Array.from('，。、；：！？）》」』】,.;:!?)'));
const isAsciiWordChar = (ch: string) => /[A-Za-z0-9@._:/\-]/.test(ch);

/**
 * Breaks text into lines of at most `width` columns. Chinese breaks between any two characters;
 * a run of Latin letters / digits (a URL, a receipt number) is kept whole when it fits on a line.
 */
export function wrapText(text: string, width: number): string[] {
  const tokens: string[] = [];
  for (const ch of text) {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && isAsciiWordChar(ch) && isAsciiWordChar(last.slice(-1))) tokens[tokens.length - 1] = last + ch;
    else tokens.push(ch);
  }
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const tok of tokens) {
    const w = textColumns(tok);
    if (textColumns(line) + w <= width) {
      if (!(line === '' && tok === ' ')) line += tok;
      continue;
    }
    if (w <= width) {
      // 避头: a closing mark may not start a line, so the character before it moves down too
      const carried = NO_LINE_START.has(tok) && Array.from(line).length > 1 ? Array.from(line).pop()! : '';
      if (carried) line = Array.from(line).slice(0, -1).join('');
      push();
      if (tok !== ' ') line = carried + tok;
      continue;
    }
    // a token longer than the whole line: split by character
    for (const ch of tok) {
      if (textColumns(line) + charColumns(ch.codePointAt(0)!) > width) push();
      line += ch;
    }
  }
  if (line !== '' || lines.length === 0) push();
  return lines;
}

/** "label：value" with continuation lines indented under the value. */
export function labelled(label: string, value: string, width: number): string[] {
  const head = `${label}：`;
  const indent = textColumns(head);
  if (indent + 8 > width) return [...wrapText(head, width), ...wrapText(value, width)];
  const pad = ' '.repeat(indent);
  return wrapText(value, width - indent).map((l, i) => (i === 0 ? head : pad) + l);
}

/** "1. item" with continuation lines indented under the item. */
export function numbered(n: number, text: string, width: number): string[] {
  const head = `${n}. `;
  const pad = ' '.repeat(head.length);
  return wrapText(text, width - head.length).map((l, i) => (i === 0 ? head : pad) + l);
}

const text = (t: string, style: Omit<Extract<ReceiptLine, { type: 'text' }>, 'type' | 'text'> = {}): ReceiptLine => ({ type: 'text', text: t, ...style });

/** Lays out the acceptance receipt for a paper width of 32 or 48 columns. */
export function acceptanceReceipt(input: AcceptanceReceiptInput, width: ReceiptWidth): ReceiptDoc {
  if (!RECEIPT_WIDTHS.includes(width)) throw new RangeError(`receipt width must be 32 or 48 columns, got ${width}`);
  const r = acceptanceReceiptSchema.parse(input);
  const lines: ReceiptLine[] = [];
  const add = (ls: string[], style?: Parameters<typeof text>[1]) => ls.forEach((l) => lines.push(text(l, style)));
  const rule = () => lines.push({ type: 'rule' });

  // Title at double size takes half the columns.
  add(wrapText('收件回执', width / 2), { size: 'double', bold: true, align: 'center' });
  add(wrapText('Acceptance Receipt', width), { align: 'center' });
  add(wrapText(r.hallName, width), { align: 'center' });
  rule();
  add(labelled('回执编号', r.receiptNo, width), { bold: true });
  add(labelled('终端编号', r.terminalId, width));
  add(labelled('提交时间', chinaDateTime(r.submittedAt), width));
  rule();
  add(labelled('办理事项', r.service.name, width));
  add(labelled('事项编码', r.service.code, width));
  add(labelled('申请人', maskName(r.applicant.name), width));
  add(labelled('证件号码', maskIdNumber(r.applicant.idNumber), width));
  if (r.helper) add(labelled('帮办人员', `${r.helper.name}（工号 ${r.helper.staffId}）`, width));
  rule();

  add(wrapText('已收材料：', width), { bold: true });
  if (r.materialsReceived.length === 0) add(wrapText('  （无）', width));
  r.materialsReceived.forEach((m, i) => add(numbered(i + 1, `${m.name}（${m.pages} 页）`, width)));
  if (r.materialsOwed.length > 0) {
    add(wrapText('容缺后补材料（已签署承诺）：', width), { bold: true });
    r.materialsOwed.forEach((m, i) =>
      add(numbered(i + 1, typeof m.deadline === 'string' ? `${m.name}，请于 ${m.deadline} 前补交` : `${m.name}，请于受理后 ${m.deadline.workingDays} 个工作日内补交`, width)),
    );
  }
  rule();

  if (r.completion.kind === 'on-the-spot') add(labelled('办结时限', '当场办结', width), { bold: true });
  else if (r.completion.kind === 'by-date') add(labelled('承诺办结', `${r.completion.date} 前（${r.completion.workingDays} 个工作日）`, width), { bold: true });
  else add(labelled('承诺办结', `受理后 ${r.completion.workingDays} 个工作日内`, width), { bold: true });
  rule();

  const where = r.onlineProgressSite ? `，或登录 ${r.onlineProgressSite} 输入回执编号` : '';
  add(wrapText(`查询进度：在任意一台自助终端扫描下方二维码${where}查询办理进度。`, width));
  add(labelled('咨询电话', r.consultationPhone, width));
  lines.push({ type: 'qr', data: receiptQrPayload(r.receiptNo, r.claim), moduleSize: width === 32 ? 5 : 6, ecc: 'M' });
  add(wrapText(r.receiptNo, width), { align: 'center' });
  add(wrapText('请妥善保管本回执 / Please keep this receipt', width), { align: 'center' });
  lines.push({ type: 'feed', lines: 2 });
  return { lines, cut: 'partial' };
}
