// The submission queue as the backend uses it: the durable outbox, the sync engine, retention
// and the downstream data (case status, result documents, calendar) behind one facade.
import { receiptClaimDigest, sameDigest, type CaseProof } from '../common/receipt-claim';
import path from 'node:path';
import { calendarSchema, type CaseStatus, type CaseUpdate } from '../common/central-api';
import type { QueueEvent } from '../common/events';
import { queueAlert, type QueueAlertDetail, type QueueAlertOf } from '../common/queue-alert';
import type { LogEventId } from '../common/log-events';
import type { Result } from '../common/result';
import type { SubmissionInput } from '../common/submission';
import { err, ok } from '../common/result';
import { uuidv7 } from '../common/uuidv7';
import { chinaDay, chinaIsoDate } from '../common/china-time';
import type { SigningKeyPair, SuiteTag } from '../common/crypto-suite/suite';
import type { RequestCredentials } from '../common/request-signing';
import type { KeyProvider } from './crypto/key-provider';
import { nodeSuite } from './crypto/node-suites';
import { Sealer } from './crypto/sealer';
import { HelperTicketVault } from './helper-tickets';
import { applicantRefs, Outbox, type EnqueueError, type EnqueueReceipt } from './outbox';
import { purgeExpired } from './retention';
import { jumpReceiptSequence, salvageReceiptSequences, salvageSubmissions } from './store/salvage';
import type { Store } from './store/store';
import { CentralClient } from './sync/central-client';
import { FEED_PULLED_AT_KEY } from './sync/downstream';
import { SyncEngine, type SyncOptions, type SyncStatus } from './sync/sync-engine';
import { SuiteSwitch, type SuiteSwitchOptions } from './suite-switch';

export type QueueLog = (event: LogEventId, fields?: Record<string, unknown>) => void;

export interface QueueOptions {
  store: Store;
  dbFile: string;
  keys: KeyProvider;
  terminalId: string;
  terminalSecret: string;
  /** The deployment's crypto suite (config `crypto.suite`, default international). */
  suite?: SuiteTag;
  /** The terminal's SM2 key pair: what requests are signed with in the `sm` suite. */
  signingKey?: SigningKeyPair | null;
  /** Pace of the background re-seal after a suite change (tests make it quick or slow). */
  suiteSwitch?: SuiteSwitchOptions;
  centralUrl: string;
  retentionDays?: number;
  sync?: Partial<SyncOptions>;
  log?: QueueLog;
  emit?: (e: QueueEvent) => void;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** Why a 好差评 was not queued (codes; the screens word them). */
export type EvaluationRefusal = { kind: 'not-found' } | { kind: 'invalid' } | { kind: 'already-rated' } | { kind: 'storage'; detail: string };

/** An alert for the technician (common/queue-alert.ts: a code the renderer words) and when it was raised. */
export type QueueAlert = QueueAlertOf & { at: string };

export interface DeadLetter {
  id: number;
  receiptNo: string;
  serviceCode: string;
  submittedAt: string;
  code: string;
  reason: string;
  deadAt: string;
}

export interface CaseStatusView {
  receiptNo: string;
  serviceCode: string;
  submittedAt: string;
  /** where the submission is on its way to central */
  delivery: 'pending' | 'sent' | 'dead';
  caseNo: string | null;
  status: CaseStatus | null;
  statusAt: string | null;
  events: { status: CaseStatus; at: string; notice: CaseUpdate | null }[];
  documents: { id: string; name: string; selfPrint: boolean; available: boolean }[];
  /** 好差评 given at the kiosk and where each is on its way to central */
  evaluations: { idempotencyKey: string; rating: number; state: 'pending' | 'sent' | 'dead'; at: string }[];
  purged: boolean;
}

const KEY_FINGERPRINT = 'key_fingerprint';

/** What this terminal signs requests with: the shared secret (international) or its SM2 key pair (sm). */
function requestCredentials(o: QueueOptions): RequestCredentials {
  if ((o.suite ?? 'international') === 'international') return { suite: 'international', secret: o.terminalSecret };
  if (!o.signingKey) throw new Error('the sm suite needs the terminal SM2 key pair (signingKey)');
  return { suite: 'sm', keyPair: o.signingKey, crypto: nodeSuite('sm') };
}

export class SubmissionQueue {
  readonly outbox: Outbox;
  readonly engine: SyncEngine;
  readonly client: CentralClient;
  /** 帮办代办 offline tickets, sealed with the outbox key. */
  readonly helperTickets: HelperTicketVault;
  private readonly sealer: Sealer;
  /** Re-seals stored data after a change of crypto suite (idle when there is nothing to move). */
  readonly suiteSwitch: SuiteSwitch;
  private readonly alerts: QueueAlert[] = [];
  private retentionTimer: NodeJS.Timeout | null = null;
  private readonly log: QueueLog;
  private readonly emit: (e: QueueEvent) => void;

  constructor(private readonly o: QueueOptions) {
    this.log = o.log ?? (() => undefined);
    this.emit = o.emit ?? (() => undefined);
    const { key, created } = o.keys.loadKey();
    const suite = o.suite ?? 'international';
    const sealedIn = SuiteSwitch.sealedSuite(o.store);
    this.sealer = new Sealer(key, { suite, readsOther: sealedIn !== suite });
    if (created) this.log('queue.key-created', { source: o.keys.kind });
    const known = o.store.outbox.getMeta(KEY_FINGERPRINT);
    if (known && known !== this.sealer.fingerprint) {
      this.log('queue.key-mismatch', { expected: known, actual: this.sealer.fingerprint });
      this.raise({ code: 'key-mismatch' });
    }
    if (!known || known !== this.sealer.fingerprint) o.store.outbox.setMeta(KEY_FINGERPRINT, this.sealer.fingerprint);
    if (o.store.opened.quarantinedTo) {
      this.raise({ code: 'quarantined', file: path.basename(o.store.opened.quarantinedTo) });
      if (!salvageReceiptSequences(o.store.db, o.store.opened.quarantinedTo)) jumpReceiptSequence(o.store.db, o.terminalId, chinaDay(o.now?.() ?? new Date()), 5000);
      const salvaged = salvageSubmissions(o.store.db, o.store.opened.quarantinedTo);
      this.log('queue.salvaged', { ...salvaged, from: path.basename(o.store.opened.quarantinedTo) });
      if (salvaged.unreadable !== 0) this.raise({ code: 'salvage-unreadable', count: salvaged.unreadable < 0 ? null : salvaged.unreadable });
    }
    // After salvage: salvaged rows refer to page files too.
    const swept = o.store.sweepPageFiles();
    if (swept.removed || swept.skipped) this.log('queue.page-files-swept', swept);
    this.outbox = new Outbox({ store: o.store, sealer: this.sealer, terminalId: o.terminalId, dbFile: o.dbFile, now: o.now });
    this.helperTickets = new HelperTicketVault(o.store, this.sealer, o.now ? () => o.now!().getTime() : Date.now);
    this.suiteSwitch = new SuiteSwitch(
      o.store,
      this.sealer,
      this.log,
      (item) => this.raise({ code: 'suite-switch-failed', item }),
      o.suiteSwitch,
      () => this.engine.inPass,
    );
    this.client = new CentralClient({ baseUrl: o.centralUrl, terminalId: o.terminalId, credentials: requestCredentials(o), fetch: o.fetch, timeoutMs: o.sync?.requestTimeoutMs, log: this.log });
    this.engine = new SyncEngine({
      store: o.store,
      outbox: this.outbox,
      sealer: this.sealer,
      client: this.client,
      options: o.sync,
      log: this.log,
      emit: (e) => {
        if (e.type === 'queue.alert') {
          const { type: _type, ...alert } = e;
          this.remember(alert);
        }
        this.emit(e);
      },
    });
    this.log('queue.opened', { ...o.store.outbox.counts(), keySource: o.keys.kind });
  }

  private remember(alert: QueueAlertOf): void {
    this.alerts.push({ ...alert, at: new Date().toISOString() });
    if (this.alerts.length > 20) this.alerts.shift();
  }

  private raise(detail: QueueAlertDetail): void {
    const alert = queueAlert(detail);
    this.remember(alert);
    this.emit({ type: 'queue.alert', ...alert });
  }

  start(): void {
    this.purge();
    this.retentionTimer = setInterval(() => this.purge(), 3_600_000);
    this.retentionTimer.unref();
    this.suiteSwitch.start();
    this.engine.start();
  }

  async close(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.suiteSwitch.stop();
    await this.engine.stop();
  }

  /** Durable enqueue: resolves with the receipt number only after the COMMIT. */
  enqueue(input: SubmissionInput): Result<EnqueueReceipt, EnqueueError> {
    const r = this.outbox.enqueue(input);
    if (r.ok) {
      if (!r.value.duplicate) this.log('queue.enqueued', { receiptNo: r.value.receiptNo, serviceCode: r.value.serviceCode, pages: r.value.pageCount });
      this.engine.nudge();
    } else if (r.error.kind === 'disk-full') {
      this.log('queue.disk-full', { dir: path.dirname(this.o.dbFile) });
      this.raise({ code: 'disk-full' });
    } else if (r.error.kind === 'storage') {
      this.log('queue.enqueue-failed', { message: r.error.detail });
    } else {
      this.log('queue.enqueue-rejected', { kind: r.error.kind, issues: r.error.kind === 'invalid' ? r.error.issues.map((i) => i.path) : [] });
    }
    return r;
  }

  /**
   * Queues a 好差评 for the case of a receipt. It is sent once central has given the case a
   * number, exactly once (idempotency key), and survives restarts like a submission.
   */
  evaluate(receiptNo: string, e: { rating: number; comment: string | null; idempotencyKey?: string }): Result<{ idempotencyKey: string; duplicate: boolean }, EvaluationRefusal> {
    const row = this.o.store.outbox.byReceipt(receiptNo);
    if (!row) return err({ kind: 'not-found' });
    if (!Number.isInteger(e.rating) || e.rating < 1 || e.rating > 5) return err({ kind: 'invalid' });
    const key = e.idempotencyKey ?? uuidv7();
    // 一次一评, as central enforces it: a second rating of this submission would only die there.
    if (this.o.store.outbox.evaluationsOf(row.id).some((x) => x.idempotency_key !== key)) return err({ kind: 'already-rated' });
    try {
      const r = this.o.store.outbox.insertEvaluation({
        idempotencyKey: key,
        submissionId: row.id,
        rating: e.rating,
        comment: e.comment ? this.sealer.seal(Buffer.from(e.comment, 'utf8'), `evaluation:${key}`) : null,
        createdAt: new Date().toISOString(),
      });
      this.engine.nudge();
      return ok({ idempotencyKey: key, duplicate: r.duplicate });
    } catch (x) {
      return err({ kind: 'storage', detail: (x as Error).message });
    }
  }

  status(): SyncStatus & { alerts: QueueAlert[] } {
    return { ...this.engine.status(), alerts: [...this.alerts] };
  }

  syncNow(): Promise<SyncStatus> {
    return this.engine.syncNow();
  }

  deadLetters(): DeadLetter[] {
    return this.o.store.outbox.deadLetters().map((r) => ({
      id: r.id,
      receiptNo: r.receipt_no,
      serviceCode: r.service_code,
      submittedAt: r.created_at,
      code: r.dead_code ?? 'unknown',
      reason: r.dead_reason ?? '',
      deadAt: r.dead_at ?? '',
    }));
  }

  retryDeadLetter(id: number): boolean {
    const row = this.o.store.outbox.byId(id);
    const ok = this.o.store.outbox.retryDead(id);
    if (ok) {
      this.log('queue.dead-letter-retried', { receiptNo: row?.receipt_no });
      this.engine.nudge({ force: true });
    }
    return ok;
  }

  caseStatus(receiptNo: string): CaseStatusView | null {
    const row = this.o.store.outbox.byReceipt(receiptNo);
    if (!row) return null;
    return {
      receiptNo: row.receipt_no,
      serviceCode: row.service_code,
      submittedAt: row.created_at,
      delivery: row.state,
      caseNo: row.case_no,
      status: (row.case_status as CaseStatus | null) ?? null,
      statusAt: row.case_status_at,
      events: this.o.store.outbox.caseEvents(row.id).map((e) => ({
        status: e.status as CaseStatus,
        at: e.at,
        notice: e.notice ? this.sealer.openJson<CaseUpdate>(e.notice, `notice:${e.seq}`) : null,
      })),
      documents: this.o.store.outbox.documentsOf(row.id).map((d) => ({ id: d.id, name: d.name, selfPrint: d.self_print === 1, available: d.data !== null })),
      evaluations: this.o.store.outbox.evaluationsOf(row.id).map((x) => ({ idempotencyKey: x.idempotency_key, rating: x.rating, state: x.state, at: x.created_at })),
      purged: row.purged_at !== null,
    };
  }

  /**
   * Whether a claim (from a scanned receipt QR) is this receipt's: the digests are compared in
   * constant time. False when the receipt is not held here, predates claims or was purged.
   */
  async claimMatches(receiptNo: string, claim: string): Promise<boolean> {
    const row = this.o.store.outbox.byReceipt(receiptNo);
    const own = row ? this.outbox.claim(row) : null;
    if (!own) return false;
    const [a, b] = await Promise.all([receiptClaimDigest(claim), receiptClaimDigest(own)]);
    return sameDigest(a, b);
  }

  /** Keeps a print's proof (sealed) until central has heard of the print. */
  keepPrintProof(documentId: string, proof: CaseProof): void {
    this.o.store.followup.setPrintProof(documentId, this.sealer.sealJson(proof, `print-proof:${documentId}`));
  }

  /** The proof a print report carries: the one kept at print time, else this kiosk's own receipt claim. */
  printProof(documentId: string, sealed: Buffer | null): CaseProof | null {
    if (sealed) return this.sealer.openJson<CaseProof>(sealed, `print-proof:${documentId}`);
    const d = this.o.store.outbox.document(documentId);
    const row = d ? this.o.store.outbox.byId(d.submission_id) : undefined;
    const claim = row ? this.outbox.claim(row) : null;
    return claim ? { by: 'claim', claim } : null;
  }

  /** A downloaded result document (PDF bytes), for self-service printing. */
  resultDocument(id: string): { name: string; bytes: Buffer } | null {
    const d = this.o.store.outbox.document(id);
    if (!d?.data) return null;
    return { name: d.name, bytes: this.sealer.open(d.data, `document:${id}`) };
  }

  /** Receipt numbers of this applicant's submissions held here (found by keyed MAC, offline). */
  receiptsOfApplicant(idNumber: string): string[] {
    // During a suite switch a submission not yet re-sealed is still under the other suite's MAC.
    return this.o.store.followup.receiptsByApplicantRef(applicantRefs(this.sealer, idNumber));
  }

  /** When the case feed was last pulled from central: the age of every status shown offline. */
  feedPulledAt(): string | null {
    return this.o.store.outbox.getMeta(FEED_PULLED_AT_KEY) ?? null;
  }

  markDocumentPrinted(id: string): void {
    this.o.store.outbox.markDocumentPrinted(id, new Date().toISOString());
  }

  /** Whether a date (YYYY-MM-DD, China) is a working day: weekdays, except holidays, plus 调休 workdays. */
  isWorkingDay(date: string): boolean | null {
    const year = Number(date.slice(0, 4));
    const cached = this.o.store.outbox.calendar(year);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const ordinary = weekday !== 0 && weekday !== 6;
    if (!cached) return null;
    // A calendar cached before central checked consistency may not pass: treat it as unknown.
    const parsed = calendarSchema.safeParse(JSON.parse(cached.body));
    if (!parsed.success) return null;
    const cal = parsed.data;
    const special = cal.days.find((d) => d.date === date);
    return special ? special.kind === 'workday' : ordinary;
  }

  today(): string {
    return chinaIsoDate(this.o.now?.() ?? new Date());
  }

  purge(now = this.o.now?.() ?? new Date()) {
    const r = purgeExpired(this.o.store, this.o.retentionDays ?? 7, now);
    if (r.submissions || r.documents) this.log('queue.purged', { ...r });
    return r;
  }
}
