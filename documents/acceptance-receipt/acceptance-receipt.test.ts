import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../common/id-number';
import { CN_2026 } from '../../common/test-support/calendars';
import { workingCalendar } from '../../common/working-days';
import { chinaDateTime } from '../../common/china-time';
import { wrapText } from '../layout/receipt-lines';
import { acceptanceReceipt, type AcceptanceReceiptInput } from './acceptance-receipt';
import { EscPosDecoder } from '../../devices/receipt/escpos-decoder';
import { encodeReceipt } from '../../devices/receipt/escpos-encoder';
import type { ReceiptLine } from '../model/receipt-doc';
import { textColumns } from '../model/text-width';

const ID = '32130219900307123' + idCheckCharacter('32130219900307123');
const RECEIPT_NO = 'SQ0001-20260930-0042';
const CLAIM = 'q3Vx9_LkD2a-0PZ8mT4rWw';
const QR = `GK2|${RECEIPT_NO}|${CLAIM}`;

function promised() {
  const cal = workingCalendar(CN_2026);
  if (!cal.ok) throw new Error(cal.error.message);
  const p = cal.value.promisedCompletion('2026-09-30', { kind: 'working-days', days: 5 });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

const input = (over: Partial<AcceptanceReceiptInput> = {}): AcceptanceReceiptInput => ({
  hallName: '宿迁市宿城区政务服务中心幸福街道便民服务站（二楼自助服务区）',
  terminalId: 'KIOSK-SC-0007',
  receiptNo: RECEIPT_NO,
  claim: CLAIM,
  service: { name: '城乡居民基本养老保险参保登记及个人缴费档次变更申请', code: '320302-SB-0117' },
  applicant: { name: '王小明', idNumber: ID },
  submittedAt: '2026-09-30T02:05:00Z',
  materialsReceived: [
    { name: '居民身份证', pages: 2 },
    { name: '户口簿户主页及本人页（含变更记录页，须与原件一致）', pages: 3 },
  ],
  materialsOwed: [{ name: '近期一寸免冠彩色照片电子版', deadline: '2026-10-16' }],
  completion: promised(),
  onlineProgressSite: 'zwfw.jiangsu.gov.cn',
  consultationPhone: '0527-12345',
  helper: { name: '李帮办', staffId: 'H-0032' },
  ...over,
});

const textLines = (lines: ReceiptLine[]) => lines.filter((l): l is Extract<ReceiptLine, { type: 'text' }> => l.type === 'text');
const allText = (lines: ReceiptLine[]) =>
  textLines(lines)
    .map((l) => l.text)
    .join('\n');
const columnsOf = (l: Extract<ReceiptLine, { type: 'text' }>, width: number) => (l.size === 'double' || l.size === 'double-width' ? width / 2 : width);

describe.each([32, 48] as const)('acceptance receipt, %i columns', (width) => {
  const doc = acceptanceReceipt(input(), width);
  const text = allText(doc.lines);
  const flat = text.replace(/\n\s*/g, '');

  it('has every element: title, hall, terminal, receipt number, service, masked applicant, time, materials, 容缺, promise, progress, phone, helper', () => {
    const title = textLines(doc.lines)[0]!;
    expect(title).toMatchObject({ text: '收件回执', size: 'double', align: 'center' });
    for (const s of [
      '宿迁市宿城区政务服务中心幸福街道便民服务站',
      '终端编号：KIOSK-SC-0007',
      `回执编号：${RECEIPT_NO}`,
      '城乡居民基本养老保险参保登记及个人缴费档次变更申请',
      '320302-SB-0117',
      '申请人：王**',
      '证件号码：3213**********' + ID.slice(-4),
      '提交时间：2026-09-3010:05',
      '1.居民身份证（2 页）',
      '户口簿户主页及本人页（含变更记录页，须与原件一致）（3 页）',
      '容缺后补材料',
      '近期一寸免冠彩色照片电子版，请于 2026-10-16 前补交',
      '承诺办结：2026-10-13 前（5 个工作日）',
      '自助终端扫描下方二维码',
      'zwfw.jiangsu.gov.cn',
      '咨询电话：0527-12345',
      '帮办人员：李帮办（工号 H-0032）',
    ])
      expect(flat.replace(/\s/g, '')).toContain(s.replace(/\s/g, ''));
    expect(doc.cut).toBe('partial');
  });

  it('no line is wider than the paper (double-size lines count twice)', () => {
    for (const l of textLines(doc.lines)) expect(textColumns(l.text), l.text).toBeLessThanOrEqual(columnsOf(l, width));
    expect(textLines(doc.lines).every((l) => !l.text.includes('\n'))).toBe(true);
  });

  it('never carries the full ID number or the full name, anywhere (text or QR)', () => {
    const everything = JSON.stringify(doc);
    expect(everything).not.toContain(ID);
    expect(everything).not.toContain(ID.slice(4, 14));
    expect(everything).not.toContain('王小明');
  });

  it('has one QR code carrying the receipt number and its claim (GK2), the claim nowhere in the text', () => {
    const qrs = doc.lines.filter((l) => l.type === 'qr');
    expect(qrs).toHaveLength(1);
    expect(qrs[0]).toMatchObject({ data: QR });
    // the claim is in the QR only: printed as text it would be photographed with the number
    expect(doc.lines.some((l) => l.type === 'text' && l.text.includes(CLAIM))).toBe(false);
  });

  it('prints as laid out: the encoder does not need to re-wrap, the QR decodes to the GK2 payload, and it is cut', () => {
    const events = new EscPosDecoder().push(encodeReceipt(doc, { widthChars: width }));
    const printed = events.flatMap((e) => (e.type === 'line' ? [e.text] : []));
    // what each layout line should become on paper: text as is, a rule of dashes, the QR's line feed
    const expected = doc.lines.flatMap((l) => (l.type === 'text' ? [l.text] : l.type === 'rule' ? ['-'.repeat(width)] : l.type === 'qr' ? [''] : []));
    expect(printed).toEqual(expected);
    const qr = events.find((e) => e.type === 'qr');
    expect(qr && new TextDecoder().decode(qr.data)).toBe(QR);
    expect(events.some((e) => e.type === 'cut' && e.partial)).toBe(true);
  });
});

describe('acceptance receipt variants', () => {
  it('当场办结 replaces the promised date', () => {
    const t = allText(acceptanceReceipt(input({ completion: { kind: 'on-the-spot', date: '2026-09-30' } }), 32).lines);
    expect(t).toContain('办结时限：当场办结');
    expect(t).not.toContain('承诺办结');
  });
  it('without the holiday calendar the promise and the 容缺 deadline are said in working days, not guessed as dates', () => {
    const t = allText(acceptanceReceipt(input({ completion: { kind: 'within', workingDays: 5 }, materialsOwed: [{ name: '租金支付凭证', deadline: { workingDays: 5 } }] }), 32).lines).replace(
      /\n\s*/g,
      '',
    );
    expect(t).toContain('承诺办结：受理后 5 个工作日内');
    expect(t).toContain('租金支付凭证，请于受理后 5 个工作日内补交');
    expect(t).not.toMatch(/\d{4}-\d{2}-\d{2} 前/);
  });
  it('without a helper there is no helper line; without owed materials no 容缺 section', () => {
    const t = allText(acceptanceReceipt(input({ helper: null, materialsOwed: [] }), 48).lines);
    expect(t).not.toContain('帮办人员');
    expect(t).not.toContain('容缺');
  });
  it('refuses malformed input with a clear message instead of printing a wrong receipt', () => {
    expect(() => acceptanceReceipt(input({ receiptNo: 'bad' }), 32)).toThrow(/回执编号格式不正确/);
    expect(() => acceptanceReceipt(input({ materialsOwed: [{ name: '照片', deadline: '2026-02-30' }] }), 32)).toThrow(/YYYY-MM-DD/);
    expect(() => acceptanceReceipt(input(), 40 as 32)).toThrow(/32 or 48/);
  });
});

describe('wrapText and China time', () => {
  it('breaks Chinese anywhere, keeps a Latin run whole when it fits, splits one that cannot fit', () => {
    expect(wrapText('一二三四五', 4)).toEqual(['一二', '三四', '五']);
    expect(wrapText('登录 zwfw.jiangsu.gov.cn 查询', 20)).toEqual(['登录', 'zwfw.jiangsu.gov.cn', '查询']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    // a closing mark never starts a line: the character before it moves down with it
    expect(wrapText('一二三四。', 8)).toEqual(['一二三', '四。']);
  });
  it('prints the submission time in China time', () => {
    expect(chinaDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
  });
});
