// The words of central's notices (受理通知书, 补正材料通知书, 不予受理通知书). Each line carries
// Chinese first and English second; numbers (case, receipt, deadline, material ids) stay in
// Latin script so a machine check (pdftotext) can read them back.
export const NOTICE_TITLES = {
  accepted: { zh: '受理通知书', en: 'Notice of Acceptance', file: '受理通知书.pdf' },
  correction: { zh: '补正材料通知书', en: 'Notice of Corrections Required', file: '补正材料通知书.pdf' },
  'not-accepted': { zh: '不予受理通知书', en: 'Notice of Non-acceptance', file: '不予受理通知书.pdf' },
} as const;

/** The right every 不予受理 decision must state (行政复议法 §20, 行政诉讼法 §46). */
const REMEDY_TEXT = {
  zh: '如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
  en: 'If you disagree with this decision you may apply for administrative reconsideration within 60 days of receiving this notice, or bring an administrative lawsuit before a people’s court within 6 months.',
};

export const CASE_NOTICE_TEXT = {
  caseNo: (no: string) => `案件编号 Case No: ${no}`,
  receiptNo: (no: string) => `回执编号 Receipt No: ${no}`,
  service: (name: string | null, code: string) => `事项 Service: ${name ? `${name} ` : ''}(${code})`,
  applicant: (name: string) => `申请人 Applicant: ${name}`,
  /** when the manifest names nobody */
  someApplicant: '申请人',
  submitted: (date: string) => `申请时间 Submitted: ${date}`,
  accepted: (name: string) => [`${name}：您提出的申请材料齐全、符合法定形式，本机关决定予以受理。`, 'Your application is complete and in the required form; it has been accepted.'],
  owedHeading: '容缺受理，须在作出决定前补交以下材料 / Accepted on commitment; supply before the decision:',
  note: (note: string) => `说明 Note: ${note}`,
  correction: (name: string, count: number) => [
    `${name}：您提出的申请材料不齐全或不符合法定形式，请一次性补正以下全部内容：`,
    `Your application needs the corrections below (all of them, listed at once). Items: ${count}`,
  ],
  deadline: (date: string) => `补正期限 Deadline: ${date}`,
  withdrawn: '逾期未补正的，视为撤回申请。 / Without the corrections by the deadline the application is treated as withdrawn.',
  notAccepted: (name: string, count: number) => [`${name}：经审查，您提出的申请不予受理，理由如下：`, `Your application is not accepted, for these reasons (${count}):`],
  remedy: [REMEDY_TEXT.zh, REMEDY_TEXT.en, 'Remedy: administrative reconsideration (60 days) or administrative litigation (6 months).'],
  date: (date: string) => `日期 Date: ${date}`,
  issuer: '（参考中心系统生成 / issued by the reference central）',
} as const;
