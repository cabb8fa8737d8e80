// The words of the printers panel (maintenance): what choosing a printer did, how sure discovery
// is of a model, and why a tool could not look. Chinese first, English second.
import { bilingual, wordsOr, type Words } from '../../../common/device-words';
import type { api } from '../api';
import type { Answer } from '../call';

type Chosen = Answer<typeof api.maintenance.printers.receipt.$post> | Answer<typeof api.maintenance.printers.a4.$post>;
type View = Answer<typeof api.maintenance.printers.$get>;

/** A test print's failure reason: a printer status reason, a print failure kind, or an A4 error kind. */
const WHY_WORDS: Record<string, Words> = {
  'paper-out': { zh: '缺纸', en: 'out of paper' },
  'cover-open': { zh: '纸仓盖未关', en: 'cover open' },
  'not-found': { zh: '找不到打印机', en: 'printer not found' },
  'no-response': { zh: '打印机无响应', en: 'the printer does not answer' },
  stopped: { zh: '打印队列已停止', en: 'the queue is stopped' },
  timeout: { zh: '打印超时', en: 'the print timed out' },
  'no-font': { zh: '缺少中文字体', en: 'no CJK font' },
};

/** Any other reason is shown as it came, after a plain "print failed". */
function whyWords(why: string): Words {
  return wordsOr(WHY_WORDS, why, { zh: '打印失败', en: `print failed (${why})` });
}

export function chosenText(c: Chosen): string {
  switch (c.code) {
    case 'receipt-chosen':
      return bilingual({ zh: '已选用此凭条打印机并打印测试凭条，重启后生效', en: 'receipt printer chosen and a test slip printed; applies after restart' });
    case 'receipt-test-failed': {
      const w = whyWords(c.why);
      return bilingual({ zh: `已保存，但测试凭条未打出：${w.zh}`, en: `saved, but the test slip did not print: ${w.en}` });
    }
    case 'a4-chosen':
      return bilingual({ zh: `已添加打印队列 ${c.queue} 并打印测试页，重启后生效`, en: `queue ${c.queue} added and a test page printed; applies after restart` });
    case 'a4-test-failed': {
      const w = whyWords(c.why);
      return bilingual({ zh: `已添加队列 ${c.queue}，但测试页未打出：${w.zh}`, en: `queue ${c.queue} added, but the test page did not print: ${w.en}` });
    }
  }
}

export function certaintyText(c: View['receipt'][number]['certainty']): string {
  return bilingual(
    c === 'product'
      ? { zh: '型号已识别', en: 'model recognised' }
      : c === 'vendor'
        ? { zh: '厂商已识别', en: 'maker recognised' }
        : { zh: '可能是凭条打印机，请测试', en: 'probably a receipt printer: test it' },
  );
}

export function toolProblemText(p: View['problems'][number]): string {
  return bilingual(
    p.code === 'tool-missing'
      ? { zh: `未安装 ${p.tool}，无法自动查找 A4 打印机`, en: `${p.tool} is not installed: A4 printers cannot be searched for` }
      : { zh: '查找 A4 打印机时出错', en: `the A4 printer search failed: ${p.detail}` },
  );
}

export const PRINTER_WORDS = {
  receiptTitle: '凭条打印机 / Receipt printers',
  a4Title: 'A4 打印机 / A4 printers',
  search: '重新查找 / search again',
  searching: '查找中… / searching…',
  choose: '选用并测试打印 / use and test print',
  choosing: '设置中… / setting up…',
  noneReceipt: '未发现已知型号的凭条打印机 / no known receipt printer attached',
  noneA4: '网络上未发现 A4 打印机 / no A4 printer found on the network',
  current: '当前 / in use',
  simulated: '模拟 / simulated',
  addressLabel: '打印机地址（IP、主机名或 ipp://） / printer address (IP, host name or ipp://)',
  addByAddress: '按地址添加 / add by address',
} as const;
