// The notices central must give when it decides on an application (受理通知书, 补正材料通知书,
// 不予受理通知书), laid out for central to draw as A4 PDFs a citizen can print at the kiosk.
import { chinaIsoDate } from '../../common/china-time';
import type { IssuedBlock, IssuedDoc } from '../model/issued-doc';
import { CASE_NOTICE_TEXT as T, NOTICE_TITLES } from './case-notice-text';

export interface NoticeCase {
  caseNo: string;
  receiptNo: string;
  serviceCode: string;
  serviceName: string | null;
  applicantName: string | null;
  /** ISO instant the application was submitted */
  submittedAt: string;
  issuedAt: Date;
}

export type NoticeBody =
  | { kind: 'accepted'; owed: { materialId: string; description: string }[]; note: string | null }
  | { kind: 'correction'; items: { materialId: string | null; description: string }[]; deadline: string }
  | { kind: 'not-accepted'; reasons: string[] };

/** The China date of an ISO instant (what it says if it is not one). */
const chinaDateOf = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso.slice(0, 10) : chinaIsoDate(new Date(iso)));

export function caseNoticeDoc(c: NoticeCase, body: NoticeBody): IssuedDoc {
  const title = NOTICE_TITLES[body.kind];
  const name = c.applicantName ?? T.someApplicant;
  const blocks: IssuedBlock[] = [];
  const line = (text: string, align?: 'right') => blocks.push({ type: 'line', text, size: 11, ...(align ? { align } : {}) });
  const gap = (lines = 1) => blocks.push({ type: 'gap', lines });
  const numbered = (lines: string[]) => lines.forEach((l, i) => line(`${i + 1}. ${l}`));

  blocks.push({ type: 'line', text: title.zh, size: 22, align: 'center' }, { type: 'line', text: title.en, size: 13, align: 'center' });
  gap(1.5);
  line(T.caseNo(c.caseNo));
  line(T.receiptNo(c.receiptNo));
  line(T.service(c.serviceName, c.serviceCode));
  line(T.applicant(name));
  line(T.submitted(chinaDateOf(c.submittedAt)));
  gap();
  switch (body.kind) {
    case 'accepted':
      T.accepted(name).forEach((l) => line(l));
      if (body.owed.length) {
        gap();
        line(T.owedHeading);
        numbered(body.owed.map((o) => `${o.description} [${o.materialId}]`));
      }
      if (body.note) {
        gap();
        line(T.note(body.note));
      }
      break;
    case 'correction':
      T.correction(name, body.items.length).forEach((l) => line(l));
      gap();
      numbered(body.items.map((it) => `${it.description}${it.materialId ? ` [${it.materialId}]` : ''}`));
      gap();
      line(T.deadline(body.deadline));
      line(T.withdrawn);
      break;
    case 'not-accepted':
      T.notAccepted(name, body.reasons.length).forEach((l) => line(l));
      gap();
      numbered(body.reasons);
      gap();
      T.remedy.forEach((l) => line(l));
      break;
  }
  gap(2);
  line(T.date(chinaIsoDate(c.issuedAt)), 'right');
  line(T.issuer, 'right');
  return { title: `${title.zh} ${title.en}`, margin: 64, blocks };
}
