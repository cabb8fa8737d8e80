// The notices central must give when it decides on an application (受理通知书, 补正材料通知书,
// 不予受理通知书), rendered as A4 PDFs so a citizen can print them at the kiosk. Each line
// carries Chinese first and English second; numbers (case, receipt, deadline, material ids)
// stay in Latin script so a machine check (pdftotext) can read them back.
import PDFDocument from 'pdfkit';
import { registerFonts, write } from './pdf-text';

export type NoticeKind = 'accepted' | 'correction' | 'not-accepted';

export interface NoticeCase {
  caseNo: string;
  receiptNo: string;
  serviceCode: string;
  serviceName: string | null;
  applicantName: string;
  submittedAt: string;
  /** issue date, YYYY-MM-DD (China) */
  date: string;
}

export type NoticeBody =
  | { kind: 'accepted'; owed: { materialId: string; description: string }[]; note: string | null }
  | { kind: 'correction'; items: { materialId: string | null; description: string }[]; deadline: string }
  | { kind: 'not-accepted'; reasons: string[] };

export const NOTICE_TITLES: Record<NoticeKind, { zh: string; en: string; file: string }> = {
  accepted: { zh: '受理通知书', en: 'Notice of Acceptance', file: '受理通知书.pdf' },
  correction: { zh: '补正材料通知书', en: 'Notice of Corrections Required', file: '补正材料通知书.pdf' },
  'not-accepted': { zh: '不予受理通知书', en: 'Notice of Non-acceptance', file: '不予受理通知书.pdf' },
};

/** The right every 不予受理 decision must state (行政复议法 §20, 行政诉讼法 §46). */
export const REMEDY_TEXT = {
  zh: '如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
  en: 'If you disagree with this decision you may apply for administrative reconsideration within 60 days of receiving this notice, or bring an administrative lawsuit before a people’s court within 6 months.',
};

export function renderNotice(c: NoticeCase, body: NoticeBody): Promise<Buffer> {
  const title = NOTICE_TITLES[body.kind];
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: `${title.zh} ${title.en}`, Producer: 'gov-kiosk reference central' } });
    const chunks: Buffer[] = [];
    doc.on('data', (d: Buffer) => chunks.push(d));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    registerFonts(doc);
    const line = (t: string, o: PDFKit.Mixins.TextOptions = {}) => write(doc, t, o);

    doc.font('cjk').fontSize(22).text(title.zh, { align: 'center' });
    doc.font('Helvetica').fontSize(13).text(title.en, { align: 'center' });
    doc.moveDown(1.5).fontSize(11);
    line(`案件编号 Case No: ${c.caseNo}`);
    line(`回执编号 Receipt No: ${c.receiptNo}`);
    line(`事项 Service: ${c.serviceName ? `${c.serviceName} ` : ''}(${c.serviceCode})`);
    line(`申请人 Applicant: ${c.applicantName}`);
    line(`申请时间 Submitted: ${c.submittedAt.slice(0, 10)}`);
    doc.moveDown();

    const numbered = (lines: string[]) => lines.forEach((l, i) => line(`${i + 1}. ${l}`));
    switch (body.kind) {
      case 'accepted':
        line(`${c.applicantName}：您提出的申请材料齐全、符合法定形式，本机关决定予以受理。`);
        line('Your application is complete and in the required form; it has been accepted.');
        if (body.owed.length) {
          doc.moveDown();
          line('容缺受理，须在作出决定前补交以下材料 / Accepted on commitment; supply before the decision:');
          numbered(body.owed.map((o) => `${o.description} [${o.materialId}]`));
        }
        if (body.note) {
          doc.moveDown();
          line(`说明 Note: ${body.note}`);
        }
        break;
      case 'correction':
        line(`${c.applicantName}：您提出的申请材料不齐全或不符合法定形式，请一次性补正以下全部内容：`);
        line(`Your application needs the corrections below (all of them, listed at once). Items: ${body.items.length}`);
        doc.moveDown();
        numbered(body.items.map((it) => `${it.description}${it.materialId ? ` [${it.materialId}]` : ''}`));
        doc.moveDown();
        line(`补正期限 Deadline: ${body.deadline}`);
        line('逾期未补正的，视为撤回申请。 / Without the corrections by the deadline the application is treated as withdrawn.');
        break;
      case 'not-accepted':
        line(`${c.applicantName}：经审查，您提出的申请不予受理，理由如下：`);
        line(`Your application is not accepted, for these reasons (${body.reasons.length}):`);
        doc.moveDown();
        numbered(body.reasons);
        doc.moveDown();
        line(REMEDY_TEXT.zh);
        line(REMEDY_TEXT.en);
        line('Remedy: administrative reconsideration (60 days) or administrative litigation (6 months).');
        break;
    }
    doc.moveDown(2);
    line(`日期 Date: ${c.date}`, { align: 'right' });
    line('（参考中心系统生成 / issued by the reference central）', { align: 'right' });
    doc.end();
  });
}
