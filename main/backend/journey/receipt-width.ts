// The receipt printer's paper width in characters, as its config says (58 mm paper: 32, 80 mm: 48).
import type { ReceiptWidth } from '../../../documents/layout/receipt-lines';
import type { KioskConfig } from '../config/schema';

export function receiptWidth(config: Pick<KioskConfig, 'devices'>): ReceiptWidth {
  const rp = config.devices.find((d) => d.kind === 'receipt-printer') as { widthChars?: number } | undefined;
  return (rp?.widthChars ?? 32) >= 48 ? 48 : 32;
}
