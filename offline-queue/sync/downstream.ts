// What comes back from central: case status changes with their notices, result documents
// released for self-service printing, and the holiday / working-day calendar.
import crypto from 'node:crypto';
import type { CaseEvent } from '../../common/central-api';
import type { LogEventId } from '../../common/log-events';
import type { Sealer } from '../crypto/sealer';
import type { Store } from '../store/store';
import type { CallFailure, CentralClient } from './central-client';

export const FEED_CURSOR_KEY = 'case_feed_cursor';
/** When the whole feed was last read: what an offline status screen says its data dates from. */
export const FEED_PULLED_AT_KEY = 'case_feed_pulled_at';

export interface DownstreamDeps {
  store: Store;
  sealer: Sealer;
  client: CentralClient;
  signal?: AbortSignal;
  log: (event: LogEventId, fields?: Record<string, unknown>) => void;
  onStatus?: (e: { receiptNo: string; caseNo: string; status: string; at: string }) => void;
  now?: () => Date;
}

export type DownstreamOutcome = { ok: true; events: number; documents: number; calendars: number } | { ok: false; failure: CallFailure | { kind: 'invalid'; message: string } };

export async function pullCaseFeed(d: DownstreamDeps): Promise<{ ok: true; events: number } | { ok: false; failure: CallFailure | { kind: 'invalid'; message: string } }> {
  let stored = 0;
  for (;;) {
    const after = Number(d.store.outbox.getMeta(FEED_CURSOR_KEY) ?? 0);
    const r = await d.client.call('caseFeed', { query: { after, limit: 200 }, signal: d.signal });
    if (!r.ok) return { ok: false, failure: r.failure };
    for (const e of r.body.events) if (storeEvent(d, e)) stored++;
    d.store.outbox.setMeta(FEED_CURSOR_KEY, String(r.body.cursor));
    if (r.body.events.length < 200) {
      d.store.outbox.setMeta(FEED_PULLED_AT_KEY, (d.now?.() ?? new Date()).toISOString());
      return { ok: true, events: stored };
    }
  }
}

function storeEvent(d: DownstreamDeps, e: CaseEvent): boolean {
  const row = d.store.outbox.byKey(e.idempotencyKey);
  // A case this database does not know (e.g. submitted before a quarantine) is skipped, not fatal.
  if (!row) return false;
  const notice = row.purged_at ? null : d.sealer.sealJson(e.update, `notice:${e.seq}`);
  const fresh = d.store.outbox.insertCaseEvent({ seq: e.seq, submissionId: row.id, status: e.update.status, at: e.at, notice });
  // Result documents (办结) and notices (受理 / 补正 / 不予受理通知书) are fetched alike.
  const docs = 'documents' in e.update ? e.update.documents : [];
  if (!row.purged_at) for (const doc of docs) d.store.outbox.upsertResultDocument({ id: doc.id, submissionId: row.id, name: doc.name, size: doc.size, sha256: doc.sha256, selfPrint: doc.selfPrint });
  if (fresh) {
    d.log('queue.case-status', { receiptNo: row.receipt_no, caseNo: e.caseNo, status: e.update.status });
    d.onStatus?.({ receiptNo: row.receipt_no, caseNo: e.caseNo, status: e.update.status, at: e.at });
  }
  return fresh;
}

export async function fetchDocuments(d: DownstreamDeps): Promise<{ ok: true; documents: number } | { ok: false; failure: CallFailure | { kind: 'invalid'; message: string } }> {
  let n = 0;
  for (const doc of d.store.outbox.documentsToFetch(20)) {
    const claim = d.sealer.open(doc.claim, `claim:${doc.idempotency_key}`).toString('utf8');
    const r = await d.client.call('documentFetch', { params: { documentId: doc.id }, json: { proof: { by: 'claim', claim } }, signal: d.signal, timeoutMs: 60_000 });
    if (!r.ok && r.failure.kind === 'rejected') {
      // Central will not release it for this claim (e.g. a case restored without its digest): the
      // citizen's own proof fetches it at print time; the rest of the pass goes on.
      d.log('queue.document-refused', { documentId: doc.id, status: r.failure.status, error: r.failure.error });
      continue;
    }
    if (!r.ok) return { ok: false, failure: r.failure };
    const bytes = r.bytes ?? new Uint8Array();
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    if (sha !== doc.sha256) return { ok: false, failure: { kind: 'invalid', message: `document ${doc.id} failed SHA-256 verification` } };
    d.store.outbox.storeDocumentData(doc.id, d.sealer.seal(bytes, `document:${doc.id}`), (d.now?.() ?? new Date()).toISOString());
    d.log('queue.document-fetched', { documentId: doc.id, bytes: bytes.byteLength });
    n++;
  }
  return { ok: true, documents: n };
}

/** This year's and next year's calendar (next year's is published in December). */
export async function syncCalendars(d: DownstreamDeps): Promise<{ ok: true; calendars: number } | { ok: false; failure: CallFailure | { kind: 'invalid'; message: string } }> {
  const year = (d.now?.() ?? new Date()).getUTCFullYear();
  let n = 0;
  for (const y of [year, year + 1]) {
    const cached = d.store.outbox.calendar(y);
    const r = await d.client.call('calendar', {
      params: { year: y },
      headers: cached ? { 'If-None-Match': `"cal-${y}-${cached.version}"` } : {},
      signal: d.signal,
    });
    if (!r.ok) {
      if (r.failure.kind === 'rejected' && r.failure.status === 404) continue; // not published yet
      return { ok: false, failure: r.failure };
    }
    if (r.notModified) continue;
    d.store.outbox.putCalendar(y, r.body.version, JSON.stringify(r.body), new Date().toISOString());
    d.log('queue.calendar-updated', { year: y, version: r.body.version });
    n++;
  }
  return { ok: true, calendars: n };
}

export async function pullDownstream(d: DownstreamDeps): Promise<DownstreamOutcome> {
  const feed = await pullCaseFeed(d);
  if (!feed.ok) return feed;
  const docs = await fetchDocuments(d);
  if (!docs.ok) return docs;
  const cals = await syncCalendars(d);
  if (!cals.ok) return cals;
  return { ok: true, events: feed.events, documents: docs.documents, calendars: cals.calendars };
}
