// The technician's test prints: a receipt slip and an A4 page. They carry no citizen's data; the
// QR says which terminal printed them, so a slip found later is traced to its machine.
import { chinaDateTime } from '../../common/china-time';
import { labelled, receiptLines, wrapText, type ReceiptWidth } from '../layout/receipt-lines';
import type { A4Doc } from '../model/a4-doc';
import type { ReceiptDoc } from '../model/receipt-doc';
import { SELF_TEST_TEXT as T } from './self-test-text';

/** `terminalId` null: printed by the technician CLI straight to a port, with no terminal behind it. */
export function selfTestSlip(terminalId: string | null, printedAt: Date, width: ReceiptWidth): ReceiptDoc {
  const { lines, add, header, end } = receiptLines(width);
  header(T.title, T.titleEn, T.place(terminalId));
  add(labelled(T.printedAt, chinaDateTime(printedAt.toISOString()), width));
  add(wrapText(T.chineseCheck, width));
  lines.push({ type: 'qr', data: terminalId ? `KIOSK-TEST-${terminalId}` : 'KIOSK-TEST-PRINT' });
  end();
  return { lines, cut: 'partial' };
}

export function selfTestPage(terminalId: string): A4Doc {
  return { title: T.a4Title, reference: `KIOSK-TEST ${terminalId}`, blocks: [{ type: 'paragraph', text: T.a4Body(terminalId) }] };
}
