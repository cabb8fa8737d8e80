// Moving a terminal's stored data to another crypto suite without loss (issue 16, item 5). The
// store remembers the suite everything is sealed in (`sealed_suite`); when the configuration
// names another, the sealer reads both while this re-seals every sealed cell in the background,
// a few per transaction with a pause between, so an enqueue or a sync never waits long behind it.
// A crash leaves each cell whole in one suite or the other; the next start carries on. Only when
// no cell is left does `sealed_suite` change and the sealer stop reading the other suite.
import type { SuiteTag } from '../common/crypto-suite/suite';
import type { SubmissionManifest } from '../common/central-api';
import type { Sealer } from './crypto/sealer';
import { applicantRef, contentMacInput } from './outbox';
import type { QueueLog } from './queue';
import { PageFiles } from './store/page-files';
import type { SealedCell, ResealedCell } from './store/reseal-tables';
import type { Store } from './store/store';

export const SEALED_SUITE_KEY = 'sealed_suite';

export interface SuiteSwitchOptions {
  /** cells per transaction */
  batch?: number;
  /** sealed bytes per transaction (scanned pages are large) */
  batchBytes?: number;
  /** pause between transactions, ms */
  pauseMs?: number;
}

export class SuiteSwitch {
  private timer: NodeJS.Timeout | null = null;
  private resealed = 0;
  private failed = false;
  private readonly target: SuiteTag;

  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
    private readonly log: QueueLog,
    /** the sealed item that stopped the switch (`table.column`, or the error): the technician's alert */
    private readonly onFailure: (item: string) => void,
    private readonly o: SuiteSwitchOptions = {},
    /** Whether the sync engine holds rows it read earlier (then the end waits: they may be the old suite's). */
    private readonly busy: () => boolean = () => false,
  ) {
    this.target = sealer.suite;
  }

  /** The suite stored data is sealed in (a database from before issue 16 is international). */
  static sealedSuite(store: Store): SuiteTag {
    return store.outbox.getMeta(SEALED_SUITE_KEY) === 'sm' ? 'sm' : 'international';
  }

  get done(): boolean {
    return !this.sealer.readsOther;
  }

  /** Re-seals one batch; true while more remain. */
  step(): boolean {
    if (this.done || this.failed) return false;
    let n: number;
    try {
      n = this.store.reseal.resealBatch(this.target, this.o.batch ?? 16, this.o.batchBytes ?? 4 * 1024 * 1024, (cell) => this.resealCell(cell));
      if (n === 0) n = this.resealPageFiles();
    } catch (e) {
      this.failed = true;
      const cell = (e as { cell?: SealedCell }).cell;
      this.log('crypto.suite.switch-failed', { table: cell?.table, column: cell?.column, message: (e as Error).message });
      this.onFailure(cell ? `${cell.table}.${cell.column}` : (e as Error).message);
      return false;
    }
    this.resealed += n;
    if (n > 0) return true;
    // Refusing the old suite while a sync pass holds rows read before their re-seal would turn
    // those submissions into dead letters: end between passes.
    if (this.busy()) return true;
    const dropped = this.store.reseal.dropTicketsNotIn(this.target);
    this.store.outbox.setMeta(SEALED_SUITE_KEY, this.target);
    this.sealer.stopReadingOther();
    this.log('crypto.suite.switch-finished', { to: this.target, resealed: this.resealed, helperTicketsDropped: dropped });
    return false;
  }

  /** Runs the batches in the background until done (or stopped). */
  start(): void {
    if (this.done || this.timer) return;
    this.log('crypto.suite.switch-started', { from: this.target === 'sm' ? 'international' : 'sm', to: this.target, cells: this.store.reseal.remaining(this.target) });
    const tick = () => {
      this.timer = null;
      if (this.step()) this.schedule(tick);
    };
    this.schedule(tick);
  }

  private schedule(tick: () => void): void {
    this.timer = setTimeout(tick, this.o.pauseMs ?? 20);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Re-seals the page files of a few submissions: each one's pages into a new file named for the
   * target suite, made durable before its rows point at it; the old file goes after that commit.
   * A crash leaves the rows on one whole file or the other, and the other an orphan the next
   * start removes. Returns how many pages moved.
   */
  private resealPageFiles(): number {
    const files = this.store.pageFiles;
    let pages = 0;
    let bytes = 0;
    for (const item of this.store.reseal.pageFilesNotIn(this.target, Math.max(1, Math.floor((this.o.batch ?? 16) / 4)))) {
      if (bytes >= (this.o.batchBytes ?? 4 * 1024 * 1024)) break;
      const from = PageFiles.nameOf(item.idempotencyKey, item.suite);
      const to = PageFiles.nameOf(item.idempotencyKey, this.target);
      const resealed = item.pages.map((p) => {
        const context = `page:${item.idempotencyKey}:${p.seq}`;
        try {
          return this.sealer.sealParts(this.sealer.open(files.read(from, p.place), context), context);
        } catch (e) {
          throw Object.assign(e as Error, { cell: { table: 'submission_pages', column: `file ${from}`, rowid: item.submissionId, context } });
        }
      });
      const places = files.write(to, resealed);
      this.store.reseal.movePagesToFile(
        item.submissionId,
        this.target,
        item.pages.map((p, i) => ({ seq: p.seq, place: places[i]! })),
      );
      files.remove([from]);
      pages += item.pages.length;
      bytes += places.reduce((n, p) => n + p.size, 0);
    }
    return pages;
  }

  private resealCell(cell: SealedCell): ResealedCell {
    try {
      const plain = this.sealer.open(cell.sealed, cell.context);
      const sealed = this.sealer.seal(plain, cell.context);
      if (cell.table !== 'submissions' || cell.column !== 'document') return { sealed };
      // The lookups by MAC move with the document: the applicant's ref and the content MAC.
      const m = JSON.parse(plain.toString('utf8')) as SubmissionManifest;
      const { receiptNo: _r, submittedAt: _s, ...body } = m;
      return { sealed, macs: { applicantRef: applicantRef(this.sealer, m.applicant.idNumber), contentMac: this.sealer.mac(contentMacInput(body)) } };
    } catch (e) {
      throw Object.assign(e as Error, { cell: { ...cell, sealed: undefined } });
    }
  }
}
