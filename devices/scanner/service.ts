// What the backend calls to scan: pages go into the materials inbox and are returned with ids.
import { err, ok, type Result } from '../../common/result';
import type { DeviceLogger } from '../core/log';
import type { PageInbox, PageMeta } from '../materials/page-inbox';
import type { PageProblem } from '../../common/device-failures';
import type { DeviceSupervisor } from '../supervisor/supervisor';
import type { SaneScannerSession } from './scanner';
import { fault, type ScanFault, type ScanFaultKind, type ScanOptions } from './scanimage';

/**
 * Why a scan gave no usable pages: the scanner's own fault, or `pages-unusable` when it scanned
 * but the inbox refused a page (`unusable` says which and why, e.g. an image too small to read).
 */
export type ScanError = Omit<ScanFault, 'kind'> & { kind: ScanFaultKind | 'pages-unusable'; unusable?: UnusablePage; accepted: PageMeta[] };

/** The first page the inbox refused: its number in the scan and the inbox's reason. */
export type UnusablePage = PageProblem & { page: number };

export class ScannerService {
  constructor(
    private readonly supervisor: DeviceSupervisor<'scanner', SaneScannerSession>,
    private readonly inbox: PageInbox,
    private readonly logger: DeviceLogger,
  ) {}

  async scan(opts: ScanOptions): Promise<Result<PageMeta[], ScanError>> {
    const session = this.supervisor.session;
    if (!session) {
      const s = this.supervisor.view().status as { reason?: string; detail?: string };
      const f = fault(s.reason === 'unavailable' ? 'unavailable' : 'not-found', s.detail ?? 'offline');
      this.logger.log('scan.failed', { kind: f.kind, detail: f.detail });
      return err({ ...f, accepted: [] });
    }
    const r = await session.scan(opts);
    const pages = r.ok ? r.value : r.error.pages;
    const accepted: PageMeta[] = [];
    const refused: UnusablePage[] = [];
    for (const p of pages) {
      const added = this.inbox.add('scanner', p.bytes);
      if (added.ok) accepted.push(added.value);
      else refused.push({ page: p.index, ...added.error });
    }
    if (r.ok && refused.length) {
      // e.g. a resolution too low to read: say so rather than return fewer pages than scanned
      const detail = refused.map((u) => JSON.stringify(u)).join('; ');
      this.logger.log('scan.failed', { kind: 'pages-unusable', detail, pagesKept: accepted.length, source: opts.source });
      return err({ kind: 'pages-unusable', unusable: refused[0], detail, pages: [], accepted });
    }
    if (!r.ok) {
      this.logger.log('scan.failed', { kind: r.error.kind, detail: r.error.detail, pagesKept: accepted.length, source: opts.source });
      return err({ ...r.error, accepted });
    }
    this.logger.log('scan.completed', { source: opts.source, pages: accepted.length, format: opts.format, mode: opts.mode });
    return ok(accepted);
  }
}
