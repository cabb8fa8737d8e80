// The words of the technician's test prints. Chinese and English on one line: whoever services
// the terminal may read either, and the Chinese line proves the printer's Chinese font works.
export const SELF_TEST_TEXT = {
  title: '打印测试',
  titleEn: 'Test print',
  place: (terminalId: string | null) => (terminalId ? `终端 Terminal ${terminalId}` : '技术人员工具 / technician tool'),
  printedAt: '打印时间',
  chineseCheck: '中文打印正常则可见此行：政务服务',
  a4Title: '打印测试 / Test print',
  a4Body: (terminalId: string) => `终端 ${terminalId} 的 A4 打印机工作正常。`,
} as const;
