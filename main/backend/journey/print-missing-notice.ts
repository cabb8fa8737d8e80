// When a material that cannot be owed is missing: print the 一次性告知单 and let go of the pages
// scanned so far (nothing was submitted, and the next citizen must not find them).
import type { ReceiptNotPrinted } from '../../../common/device-failures';
import { decideMaterials } from '../../../common/journey/materials-decision';
import { err, ok, type Result } from '../../../common/result';
import type { BackendContext } from '../context';
import { missingNoticeDoc } from '../../../documents/missing-notice/missing-notice';
import { pagesOf, takePages, type Provided } from './provided-pages';
import { receiptWidth } from './receipt-width';
import { serviceFor, type ServiceRefusal } from './service-for';

export type NoticeRefusal = ServiceRefusal | { kind: 'not-missing' };
/** Printed, or why not (the receipt printer's reason, a code the notice panel words). */
export type NoticeAnswer = { printed: true; missing: string[] } | { printed: false; missing: string[]; reason: ReceiptNotPrinted };

export async function printMissingNotice(ctx: BackendContext, serviceCode: string, materials: Provided): Promise<Result<NoticeAnswer, NoticeRefusal>> {
  const s = serviceFor(ctx.catalog, serviceCode);
  if (!s.ok) return s;
  const { service } = s.value;
  const d = decideMaterials(service, pagesOf(ctx.devices.pages, materials).counts);
  if (d.kind !== 'notice') return err({ kind: 'not-missing' });
  const doc = missingNoticeDoc(
    {
      hallName: ctx.config.hallName,
      terminalId: ctx.config.terminalId,
      printedAt: new Date().toISOString(),
      service: { name: service.name, code: service.code },
      // every required material not provided, 容缺-eligible ones too: the citizen comes back once
      missing: d.missing.map((m) => ({ name: m.name, copies: m.copies, original: m.original, source: m.source, rongque: m.rongque })),
      brought: d.lines.filter((l) => l.handling === 'scanned').map((l) => l.material.name),
      consultationPhone: service.consultation.phone,
      place: service.place.slice(0, 200),
    },
    receiptWidth(ctx.config),
  );
  const r = await ctx.devices.receipt.print(doc);
  ctx.logger.log('journey.notice-printed', { serviceCode: service.code, missing: d.missing.map((m) => m.id), printed: r.ok });
  takePages(
    ctx.devices.pages,
    materials.flatMap((m) => m.pageIds),
  );
  const missing = d.missing.map((m) => m.name);
  return ok(r.ok ? { printed: true, missing } : { printed: false, missing, reason: r.error.kind === 'held' ? r.error.reason : 'invalid' });
}
