// The words for why a device operation failed (common/device-failures.ts): the devices and the
// backend send the code and its parameters, the screens say it here. Chinese first, English second.
import { RECEIPT_HELD_REASONS, type ReceiptHeldReason, type ReceiptNotPrinted } from '../../../common/device-failures';
import type { Words } from '../../../common/device-words';

const KEPT = { zh: '凭条已保留', en: 'the receipt is kept and can be reprinted' };

/** Why the receipt did not come out (the receipt step, a held receipt's reprint). */
export const RECEIPT_NOT_PRINTED_WORDS: Record<ReceiptNotPrinted, Words> = {
  'paper-out': { zh: `凭条打印机缺纸，${KEPT.zh}，装纸后可重新打印`, en: `Out of paper: ${KEPT.en}.` },
  'cover-open': { zh: `凭条打印机机盖打开，${KEPT.zh}`, en: `Printer cover open: ${KEPT.en}.` },
  'cutter-error': { zh: `凭条打印机切刀故障，${KEPT.zh}`, en: `Cutter error: ${KEPT.en}.` },
  'printer-error': { zh: `凭条打印机故障，${KEPT.zh}`, en: `Printer error: ${KEPT.en}.` },
  unplugged: { zh: `凭条打印机未连接，${KEPT.zh}`, en: `Printer not connected: ${KEPT.en}.` },
  'no-response': { zh: `凭条打印机无响应，${KEPT.zh}`, en: `Printer not answering: ${KEPT.en}.` },
  'no-claim': { zh: '回执无法在本机重印，请联系工作人员', en: 'This receipt cannot be printed again here: please ask staff.' },
  invalid: { zh: '回执未能生成，请联系工作人员', en: 'The receipt could not be made: please ask staff.' },
};

/** A held reason as a body carried it (it crossed a boundary), or the printer's general fault. */
export function receiptHeldWords(reason: unknown): Words {
  const known = (RECEIPT_HELD_REASONS as readonly unknown[]).includes(reason);
  return RECEIPT_NOT_PRINTED_WORDS[known ? (reason as ReceiptHeldReason) : 'printer-error'];
}
