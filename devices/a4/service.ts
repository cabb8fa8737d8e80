// What the backend calls to print on A4: build a PDF from a document, or print a PDF it has.
import type { Result } from '../../common/result';
import { err } from '../../common/result';
import type { DeviceLogger } from '../core/log';
import type { DeviceSupervisor } from '../supervisor/supervisor';
import type { A4Error, A4Printed, CupsPrinterSession } from './cups-printer';
import type { A4Doc } from '../../documents/model/a4-doc';
import { buildA4Pdf, findCjkFont, type BuiltPdf } from './pdf-builder';

export class A4Service {
  constructor(
    private readonly supervisor: DeviceSupervisor<'a4-printer', CupsPrinterSession>,
    private readonly opts: { fontPath?: string; logger: DeviceLogger },
  ) {}

  async buildPdf(doc: A4Doc): Promise<Result<BuiltPdf, string>> {
    const font = findCjkFont(this.opts.fontPath);
    if (!font.ok) return font;
    return { ok: true, value: await buildA4Pdf(doc, font.value) };
  }

  async printPdf(pdf: Uint8Array, title = 'kiosk document'): Promise<Result<A4Printed, A4Error>> {
    if (pdf.length < 5 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') return err({ kind: 'failed', jobId: 0, code: 'not-a-pdf', detail: 'missing %PDF- header' });
    const session = this.supervisor.session;
    if (!session) {
      const s = this.supervisor.view().status as { detail?: string };
      return err({ kind: 'offline', code: 'not-available', detail: s.detail ?? 'offline' });
    }
    const r = await session.printPdf(pdf, title);
    if (r.ok) this.opts.logger.log('a4.printed', { queue: session.queue, jobId: r.value.jobId, pages: r.value.pages, ms: r.value.ms });
    else this.opts.logger.log('a4.failed', { queue: session.queue, kind: r.error.kind, detail: r.error.detail, jobId: 'jobId' in r.error ? r.error.jobId : undefined });
    return r;
  }

  async printDoc(doc: A4Doc): Promise<Result<A4Printed & { pages: number | null }, A4Error | { kind: 'no-font'; code: 'no-font'; detail: string }>> {
    const built = await this.buildPdf(doc);
    if (!built.ok) return err({ kind: 'no-font', code: 'no-font', detail: built.error });
    return this.printPdf(built.value.pdf, doc.title);
  }
}
