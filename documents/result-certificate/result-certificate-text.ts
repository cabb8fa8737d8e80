// The words of the sample result certificate (办理结果文书) central issues at 办结 when no real
// issuing system supplies one. Latin runs stay readable (pdftotext) after a printer's filters.
export const RESULT_CERTIFICATE_TEXT = {
  caseNo: (no: string) => `案件编号 Case: ${no}`,
  serviceCode: (code: string) => `事项编码 Service: ${code}`,
  decision: { approved: '决定 Decision: 准予 approved', denied: '决定 Decision: 不予 denied' },
  date: (date: string) => `日期 Date: ${date}`,
  sample: '（参考中心系统生成的样例文书 / sample document from the reference central）',
} as const;
