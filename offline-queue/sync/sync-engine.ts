// The sync engine: drains the outbox to central in batches and pulls what comes back.
// While central is unreachable it sleeps on one timer (exponential backoff with full jitter,
// honouring Retry-After), so an offline kiosk costs no CPU; a new submission or a technician's
// "sync now" wakes it. Central's 4xx answers move a submission to the dead-letter list with the
// reason; nothing is ever dropped.
import type { z } from 'zod';
import type { QueueProgressEvent, QueueSyncState } from '../../common/events';
import type { LogEventId } from '../../common/log-events';
import { submissionBatchResponseSchema, type SubmissionManifest } from '../../common/central-api';
import { scrubText } from '../../common/mask';
import { queueAlert } from '../../common/queue-alert';
import { nodeSuite } from '../crypto/node-suites';
import type { Sealer } from '../crypto/sealer';
import type { Outbox } from '../outbox';
import type { SubmissionRow } from '../store/outbox-tables';
import type { Store } from '../store/store';
import { retryDelay, type BackoffPolicy } from './backoff';
import type { CallFailure, CentralClient } from './central-client';
import { pullDownstream } from './downstream';
import { uploadSubmissions } from './upload-pipeline';
import { manifestForWire, PageWireDigests, type WireDigests } from './wire-digests';

export interface SyncOptions {
  /** submissions per manifest batch */
  batchSize: number;
  /** bytes of manifests per batch request (central accepts 16 MiB) */
  batchBytes: number;
  chunkBytes: number;
  /** pages uploaded at once: overlaps each request's commit at central with the next page's transfer */
  uploadConcurrency: number;
  backoff: BackoffPolicy;
  /** how often case status, documents and the calendar are pulled when nothing else happens */
  downstreamEveryMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: 20,
  batchBytes: 8 * 1024 * 1024,
  chunkBytes: 1024 * 1024,
  uploadConcurrency: 4,
  backoff: { baseMs: 1000, capMs: 60_000 },
  downstreamEveryMs: 60_000,
  requestTimeoutMs: 15_000,
};

export interface SyncEngineDeps {
  store: Store;
  outbox: Outbox;
  sealer: Sealer;
  client: CentralClient;
  options?: Partial<SyncOptions>;
  log: (event: LogEventId, fields?: Record<string, unknown>) => void;
  emit: (e: import('../../common/events').QueueEvent) => void;
  random?: () => number;
}

interface ReadyItem {
  row: SubmissionRow;
  manifest: SubmissionManifest;
  /** the pages' digests as central knows them (its `missing` names these) */
  wire: WireDigests;
  bytes: number;
}

type PassOutcome = { kind: 'more' } | { kind: 'done' } | { kind: 'failed'; failure: CallFailure | { kind: 'internal'; message: string } };

/** Why the last pass did not finish, as a code the technician's panel words (lastError is its detail). */
export type SyncFailureKind = CallFailure['kind'] | 'internal';

export interface SyncStatus {
  state: QueueSyncState;
  pending: number;
  sent: number;
  dead: number;
  lastSyncAt: string | null;
  lastFailure: SyncFailureKind | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  consecutiveFailures: number;
}

export class SyncEngine {
  readonly options: SyncOptions;
  private running = false;
  private passing = false;
  private loop: Promise<void> | null = null;
  private abort = new AbortController();
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeResolve: (() => void) | null = null;
  private failures = 0;
  private state: QueueSyncState = 'stopped';
  private nextAttemptAt: number | null = null;
  private lastSyncAt: string | null = null;
  private lastFailure: SyncFailureKind | null = null;
  private lastError: string | null = null;
  private lastDownstreamAt = 0;
  private batchLimit: number;
  private upload: QueueProgressEvent['upload'] = null;
  private lastProgressEmit = 0;
  private passWaiters: (() => void)[] = [];
  /** set by a forced sync: pull case status etc. in the next pass whatever the poll interval */
  private downstreamDue = false;
  /** each page's digest in this terminal's suite, as central knows it */
  private readonly wireDigests: PageWireDigests;

  constructor(private readonly d: SyncEngineDeps) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...d.options, backoff: { ...DEFAULT_SYNC_OPTIONS.backoff, ...d.options?.backoff } };
    this.batchLimit = this.options.batchSize;
    this.wireDigests = new PageWireDigests({ store: d.store, outbox: d.outbox }, nodeSuite(d.sealer.suite));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wakeUp();
    await this.loop;
    this.loop = null;
    this.state = 'stopped';
    for (const w of this.passWaiters.splice(0)) w();
  }

  /**
   * Wakes the engine. A new submission only wakes an idle engine; `force` (a technician's
   * "sync now") also cuts a backoff short.
   */
  nudge(opts: { force?: boolean } = {}): void {
    if (opts.force) this.downstreamDue = true;
    if (opts.force || this.failures === 0) this.wakeUp();
  }

  /** Runs (or waits for) one complete pass and returns the status after it. */
  async syncNow(): Promise<SyncStatus> {
    if (!this.running) return this.status();
    const done = new Promise<void>((r) => this.passWaiters.push(r));
    this.nudge({ force: true });
    await done;
    // The pass that was running when we asked may have started before the request: wait for the next one.
    const again = new Promise<void>((r) => this.passWaiters.push(r));
    this.nudge({ force: true });
    await again;
    return this.status();
  }

  /** Whether a pass is under way: it holds rows read from the store across its awaits. */
  get inPass(): boolean {
    return this.passing;
  }

  status(): SyncStatus {
    const counts = this.d.store.outbox.counts();
    return {
      state: this.state,
      ...counts,
      lastSyncAt: this.lastSyncAt,
      lastFailure: this.lastFailure,
      lastError: this.lastError,
      nextAttemptAt: this.nextAttemptAt ? new Date(this.nextAttemptAt).toISOString() : null,
      consecutiveFailures: this.failures,
    };
  }

  private wakeUp(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    const r = this.wakeResolve;
    this.wakeResolve = null;
    r?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeResolve = resolve;
      this.wakeTimer = setTimeout(() => this.wakeUp(), Math.max(0, ms));
    });
  }

  private lastEmittedUpload: string | null = null;

  private emitProgress(force = true): void {
    const now = Date.now();
    // Throttled while bytes flow, but the first word about each submission always goes out.
    const newUpload = (this.upload?.receiptNo ?? null) !== this.lastEmittedUpload;
    if (!force && !newUpload && now - this.lastProgressEmit < 200) return;
    this.lastEmittedUpload = this.upload?.receiptNo ?? null;
    this.lastProgressEmit = now;
    const s = this.status();
    this.d.emit({ type: 'queue.progress', state: s.state, pending: s.pending, sent: s.sent, dead: s.dead, lastSyncAt: s.lastSyncAt, nextAttemptAt: s.nextAttemptAt, upload: this.upload });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let outcome: PassOutcome;
      const answeredBefore = this.d.client.answered;
      try {
        this.passing = true;
        try {
          outcome = await this.pass();
        } finally {
          this.passing = false;
        }
      } catch (e) {
        outcome = { kind: 'failed', failure: { kind: 'internal', message: scrubText((e as Error).message) } };
        this.d.log('queue.sync.error', { message: (e as Error).message });
      }
      for (const w of this.passWaiters.splice(0)) w();
      if (!this.running) break;
      if (outcome.kind === 'more') {
        await new Promise((r) => setImmediate(r));
        continue;
      }
      let delay: number;
      if (outcome.kind === 'failed') {
        const f = outcome.failure;
        // A pass that got some answers before failing means a flaky link, not a dead one:
        // back off from the start again instead of escalating.
        if (this.d.client.answered > answeredBefore) this.failures = 0;
        this.failures++;
        this.lastFailure = f.kind;
        this.lastError = f.message;
        const retryAfter = f.kind === 'unavailable' ? f.retryAfterMs : null;
        delay = retryDelay(this.failures - 1, this.options.backoff, retryAfter, this.d.random);
        // Backoff counts from the first failure; a floor keeps a flapping link from spinning.
        delay = Math.max(delay, 50);
        const was = this.state;
        this.state = f.kind === 'auth' ? 'auth-failed' : f.kind === 'network' ? 'offline' : 'backoff';
        if (f.kind === 'auth' && was !== 'auth-failed') {
          this.d.log('queue.sync.auth-failed', { error: f.error, message: f.message });
          this.d.emit({ type: 'queue.alert', ...queueAlert({ code: 'auth-refused', detail: f.message }) });
        } else if (this.failures === 1) {
          this.d.log('queue.sync.offline', { kind: f.kind, message: this.lastError, retryInMs: delay });
        }
      } else {
        this.state = 'idle';
        delay = this.idleDelay();
      }
      this.upload = null;
      this.nextAttemptAt = Date.now() + delay;
      this.emitProgress();
      await this.sleep(delay);
      this.nextAttemptAt = null;
    }
  }

  private idleDelay(): number {
    const now = Date.now();
    const downstream = this.lastDownstreamAt + this.options.downstreamEveryMs - now;
    const due = this.d.store.outbox.nextDueAt();
    return Math.max(0, due === null ? downstream : Math.min(downstream, due - now));
  }

  private succeeded(): void {
    if (this.failures > 0) this.d.log('queue.sync.online', { afterFailures: this.failures });
    this.failures = 0;
    this.lastFailure = null;
    this.lastError = null;
    this.lastSyncAt = new Date().toISOString();
  }

  private dead(row: SubmissionRow, code: string, reason: string): void {
    const clean = scrubText(reason).slice(0, 2000);
    this.wireDigests.forget(row.id);
    this.d.store.outbox.markDead(row.id, code, clean, new Date().toISOString());
    this.d.log('queue.dead-letter', { receiptNo: row.receipt_no, code, reason: clean });
    this.d.emit({ type: 'queue.dead-letter', receiptNo: row.receipt_no, code, reason: clean });
  }

  /** One round: upload and submit what is due, send evaluations, pull what central has for us. */
  private async pass(): Promise<PassOutcome> {
    const signal = this.abort.signal;
    const rows = this.d.store.outbox.due(Date.now(), this.batchLimit);
    let sentAny = false;
    if (rows.length) {
      this.state = 'syncing';
      this.emitProgress();
      const uploaded = await this.uploadDue(rows, signal);
      if (uploaded.kind === 'failed') return uploaded;
      if (uploaded.ready.length) {
        const submitted = await this.submitBatch(uploaded.ready, signal);
        if (submitted.kind !== 'answered') return submitted;
        sentAny = submitted.sentAny;
      }
      this.emitProgress();
    }
    const evaluations = await this.sendEvaluations(signal);
    if (evaluations.kind === 'failed') return evaluations;
    const pulled = await this.pullIfDue(sentAny, signal);
    if (pulled.kind === 'failed') return pulled;
    return (rows.length >= this.batchLimit && rows.length > 0) || evaluations.kind === 'more' ? { kind: 'more' } : { kind: 'done' };
  }

  /**
   * Uploads the pages of due submissions (oldest first, several pages in flight) up to the
   * batch's byte budget. A failure after some are ready still lets those be submitted; the rest
   * waits for the backoff.
   */
  private async uploadDue(rows: SubmissionRow[], signal: AbortSignal): Promise<{ kind: 'ready'; ready: ReadyItem[] } | Extract<PassOutcome, { kind: 'failed' }>> {
    const { store, outbox, client } = this.d;
    const suite = nodeSuite(this.d.sealer.suite);
    const batch: ReadyItem[] = [];
    let batchBytes = 0;
    for (const row of rows) {
      let manifest: SubmissionManifest;
      let wire: WireDigests;
      try {
        wire = this.wireDigests.of(row);
        manifest = await manifestForWire(outbox.manifest(row), wire, outbox.claim(row), suite);
      } catch (e) {
        // the code is worded on the technician's queue panel; the reason is the decryption error as it came
        this.dead(row, 'undecryptable', (e as Error).message);
        continue;
      }
      const bytes = JSON.stringify(manifest).length;
      if (batch.length && batchBytes + bytes > this.options.batchBytes) break;
      batch.push({ row, manifest, wire, bytes });
      batchBytes += bytes;
    }
    const outcomes = await uploadSubmissions({
      store,
      outbox,
      client,
      rows: batch.map((b) => b.row),
      wires: batch.map((b) => b.wire),
      chunkBytes: this.options.chunkBytes,
      concurrency: this.options.uploadConcurrency,
      signal,
      onProgress: (row, sentBytes, totalBytes) => {
        this.upload = { receiptNo: row.receipt_no, sentBytes, totalBytes };
        this.emitProgress(false);
      },
    });
    this.upload = null;
    const ready: ReadyItem[] = [];
    let failure: CallFailure | null = null;
    batch.forEach((item, i) => {
      const up = outcomes[i]!;
      if (up.kind === 'done') ready.push(item);
      else if (up.kind === 'rejected') this.dead(item.row, up.code, up.reason);
      else failure ??= up.failure;
    });
    if (!ready.length && failure) return { kind: 'failed', failure };
    return { kind: 'ready', ready };
  }

  /** Sends the manifests of uploaded submissions as one batch (a 422 still carries per-item answers). */
  private async submitBatch(ready: ReadyItem[], signal: AbortSignal): Promise<{ kind: 'answered'; sentAny: boolean } | PassOutcome> {
    const r = await this.d.client.call('submitBatch', { json: { items: ready.map((x) => x.manifest) }, signal, timeoutMs: this.options.requestTimeoutMs * 2 });
    if (r.ok) return this.answered(ready, r.body.results);
    // A 422 (every item refused) carries the per-item answers too, in the error body.
    const refusedAll = r.failure.kind === 'rejected' && r.failure.status === 422 ? submissionBatchResponseSchema.safeParse(r.failure.body).data : undefined;
    if (refusedAll) return this.answered(ready, refusedAll.results);
    if (r.failure.kind === 'rejected') {
      // The batch as a whole was refused: find the culprit by sending one at a time.
      if (ready.length > 1) this.batchLimit = 1;
      else this.dead(ready[0]!.row, r.failure.error, r.failure.message);
      this.emitProgress();
      return { kind: 'more' };
    }
    return { kind: 'failed', failure: r.failure };
  }

  private answered(ready: ReadyItem[], results: z.infer<typeof submissionBatchResponseSchema>['results']): { kind: 'answered'; sentAny: boolean } {
    this.batchLimit = this.options.batchSize;
    this.succeeded();
    return { kind: 'answered', sentAny: this.applyAnswers(ready, results) };
  }

  /** Central's answer per item: sent (or a duplicate of a sent one), refused for good, or missing pages. Says whether any was sent. */
  private applyAnswers(ready: ReadyItem[], results: z.infer<typeof submissionBatchResponseSchema>['results']): boolean {
    const { store } = this.d;
    // Filed submissions are marked in one commit after the loop: one fsync per answer, not one per
    // submission. Until it is committed a crash leaves them pending, and central answers their resend
    // as duplicates of the cases it holds.
    const filed: { item: ReadyItem; caseNo: string; duplicate: boolean }[] = [];
    for (const res of results) {
      const item = ready[res.index];
      if (!item) continue;
      if (res.outcome === 'rejected') {
        const detail = res.issues.length ? ` (${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : '';
        this.dead(item.row, res.code, res.reason + detail);
      } else if (res.outcome === 'missing-attachments') {
        // Central lost pages it had confirmed (restored backup?): upload them again.
        for (const p of store.outbox.pages(item.row.id)) if (res.missing.includes(item.wire.get(p.sha256) ?? p.sha256)) store.outbox.markPageUploaded(item.row.id, p.seq, null);
        const attempt = item.row.attempts + 1;
        store.outbox.defer(item.row.id, Date.now() + retryDelay(attempt, this.options.backoff, null, this.d.random), 'central is missing attachments');
      } else {
        filed.push({ item, caseNo: res.caseNo, duplicate: res.outcome === 'duplicate' });
      }
    }
    store.outbox.markSentAll(
      filed.map((f) => ({ id: f.item.row.id, caseNo: f.caseNo })),
      new Date().toISOString(),
    );
    for (const { item, caseNo, duplicate } of filed) {
      this.wireDigests.forget(item.row.id);
      this.d.log('queue.sync.sent', { receiptNo: item.row.receipt_no, caseNo, duplicate });
    }
    return filed.length > 0;
  }

  /** Pulls case status, documents and the calendar when something was sent, a sync was forced, or the poll interval passed. */
  private async pullIfDue(sentAny: boolean, signal: AbortSignal): Promise<PassOutcome> {
    if (!sentAny && !this.downstreamDue && Date.now() - this.lastDownstreamAt < this.options.downstreamEveryMs) return { kind: 'done' };
    this.lastDownstreamAt = Date.now();
    this.downstreamDue = false;
    const down = await pullDownstream({
      store: this.d.store,
      sealer: this.d.sealer,
      client: this.d.client,
      signal,
      log: this.d.log,
      onStatus: (e) => this.d.emit({ type: 'case.status', ...e }),
    });
    if (!down.ok) {
      this.d.log('queue.downstream-failed', { kind: down.failure.kind, message: 'message' in down.failure ? down.failure.message : '' });
      if (down.failure.kind === 'network' || down.failure.kind === 'unavailable' || down.failure.kind === 'auth') return { kind: 'failed', failure: down.failure };
    } else {
      this.succeeded();
    }
    return { kind: 'done' };
  }

  /** 好差评 queued at the kiosk, sent once their case has a number. */
  private async sendEvaluations(signal: AbortSignal): Promise<PassOutcome> {
    const { store, client, sealer } = this.d;
    const due = store.outbox.dueEvaluations(Date.now(), 20);
    for (const e of due) {
      const comment = e.comment ? sealer.open(e.comment, `evaluation:${e.idempotency_key}`).toString('utf8') : null;
      const r = await client.call('evaluation', { json: { idempotencyKey: e.idempotency_key, caseNo: e.case_no, rating: e.rating, comment }, signal });
      if (r.ok) {
        store.outbox.markEvaluationSent(e.id, r.body.evaluationId, new Date().toISOString());
        this.succeeded();
      } else if (r.failure.kind === 'rejected') {
        const reason = scrubText(r.failure.message);
        store.outbox.markEvaluationDead(e.id, reason);
        this.d.log('queue.dead-letter', { kind: 'evaluation', caseNo: e.case_no, code: r.failure.error, reason });
      } else {
        return { kind: 'failed', failure: r.failure };
      }
    }
    return due.length === 20 ? { kind: 'more' } : { kind: 'done' };
  }
}
