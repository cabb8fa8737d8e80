// What the paper receipt of a submission queued at this kiosk holds in its QR code: the receipt
// number and the claim the outbox drew for it (common/receipt-claim.ts).
import { receiptQrPayload } from '../../common/receipt-claim';
import type { Backend } from '../../main/backend/boot';

export function receiptQrOf(backend: Backend, receiptNo: string): string {
  const row = backend.ctx.store.outbox.byReceipt(receiptNo);
  const claim = row ? backend.ctx.queue.outbox.claim(row) : null;
  if (!claim) throw new Error(`no claim held for ${receiptNo}`);
  return receiptQrPayload(receiptNo, claim);
}
