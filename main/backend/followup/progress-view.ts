// The progress of a citizen's cases as the follow-up screens show it, built from central's live
// answer or from what this kiosk last pulled (with the time it dates from).
import type { CaseStatus, CaseStatusOnly, CaseSummary, CaseUpdate } from '../../../common/central-api';
import type { CaseStatusView } from '../../../offline-queue/queue';

export interface CaseDocumentView {
  id: string;
  name: string;
  kind: 'notice' | 'result';
  /** the status change that issued it */
  status: CaseStatus;
  /** can be printed now; `why` says why not */
  printable: boolean;
  printedAt: string | null;
  why: NotPrintable | null;
  /** the digest central gave for it (null in the local copy): a download is checked against it */
  sha256: string | null;
}

export interface CaseProgressView {
  receiptNo: string;
  caseNo: string | null;
  serviceCode: string;
  serviceName: string | null;
  submittedAt: string | null;
  /** null while the submission is still on its way to central */
  status: CaseStatus | null;
  timeline: { status: CaseStatus; at: string; update: CaseUpdate | null }[];
  documents: CaseDocumentView[];
  delivery: { requestedAt: string; carrier: string | null; trackingNo: string | null } | null;
  /** 办结 with a self-print result not yet printed and no postal request: the citizen may choose post */
  canRequestPost: boolean;
  /** the citizen proved it is theirs (receipt QR or ID card): printing and post are open to them */
  mayHandle: boolean;
  /**
   * full: found with a proof (the receipt's QR with its claim, or the card); status: found by the
   * receipt number alone, so only where it stands is shown — no notices, documents or delivery.
   */
  access: 'full' | 'status';
}

export interface ProgressAnswer {
  source: 'live' | 'local';
  /** for local answers: when this kiosk last heard from central (null: never) */
  asOf: string | null;
  cases: CaseProgressView[];
}

/** Why a result cannot be printed here (a code the renderer words). */
export type ResultNotPrintable = 'result-printed' | 'result-posted';
/** Why a document cannot be printed now: the result's reason, or its copy is not on this kiosk yet. */
export type NotPrintable = ResultNotPrintable | 'not-downloaded';

function documentsFrom(events: { status: CaseStatus; update: CaseUpdate | null }[]): Map<string, { status: CaseStatus; kind: 'notice' | 'result'; name: string; selfPrint: boolean }> {
  const docs = new Map<string, { status: CaseStatus; kind: 'notice' | 'result'; name: string; selfPrint: boolean }>();
  for (const e of events) {
    const u = e.update;
    if (u && 'documents' in u) for (const d of u.documents) docs.set(d.id, { status: e.status, kind: u.status === 'concluded' ? 'result' : 'notice', name: d.name, selfPrint: d.selfPrint });
  }
  return docs;
}

function resultState(kind: 'notice' | 'result', printedAt: string | null, posted: boolean): { printable: boolean; why: ResultNotPrintable | null } {
  if (kind === 'notice') return { printable: true, why: null };
  if (posted) return { printable: false, why: 'result-posted' };
  if (printedAt) return { printable: false, why: 'result-printed' };
  return { printable: true, why: null };
}

function canPost(status: CaseStatus | null, docs: CaseDocumentView[], delivery: CaseProgressView['delivery']): boolean {
  return status === 'concluded' && !delivery && docs.some((d) => d.kind === 'result') && !docs.some((d) => d.kind === 'result' && d.printedAt);
}

/** From central's answer, with what this kiosk knows of its own prints (claimed before central heard). */
export function viewFromCentral(c: CaseSummary, serviceName: string | null, localPrintedAt: (id: string) => string | null, submittedAt: string | null): CaseProgressView {
  const timeline = c.events.map((e) => ({ status: e.update.status, at: e.at, update: e.update }));
  const posted = c.delivery !== null;
  const documents = c.documents
    .filter((d) => d.selfPrint)
    .map((d) => {
      const printedAt = d.printedAt ?? localPrintedAt(d.id);
      const status = timeline.find((t) => t.update && 'documents' in t.update && t.update.documents.some((x) => x.id === d.id))?.status ?? c.status;
      return { id: d.id, name: d.name, kind: d.kind, status, printedAt, sha256: d.sha256, ...resultState(d.kind, printedAt, posted) };
    });
  // A 送达 by post that central recorded with its tracking number counts too (the office may post
  // without a request made at a kiosk).
  const postedDelivery = [...timeline].reverse().find((t) => t.update?.status === 'delivered' && t.update.method === 'post' && t.update.trackingNo);
  const delivery = c.delivery
    ? {
        requestedAt: c.delivery.requestedAt,
        carrier: c.delivery.carrier,
        trackingNo: c.delivery.trackingNo ?? (postedDelivery?.update?.status === 'delivered' ? postedDelivery.update.trackingNo : null),
      }
    : postedDelivery?.update?.status === 'delivered'
      ? { requestedAt: postedDelivery.at, carrier: null, trackingNo: postedDelivery.update.trackingNo }
      : null;
  return {
    receiptNo: c.receiptNo,
    caseNo: c.caseNo,
    serviceCode: c.serviceCode,
    serviceName,
    submittedAt,
    status: c.status,
    timeline,
    documents,
    delivery,
    canRequestPost: canPost(c.status, documents, delivery),
    mayHandle: false,
    access: 'full',
  };
}

/** A case found by its receipt number without a valid claim: where it stands, nothing personal. */
export function viewStatusOnly(c: CaseStatusOnly, serviceName: string | null, submittedAt: string | null): CaseProgressView {
  return {
    receiptNo: c.receiptNo,
    caseNo: null,
    serviceCode: c.serviceCode,
    serviceName,
    submittedAt,
    status: c.status,
    timeline: c.timeline.map((t) => ({ status: t.status, at: t.at, update: null })),
    documents: [],
    delivery: null,
    canRequestPost: false,
    mayHandle: false,
    access: 'status',
  };
}

/** The same reduction for a full view (this kiosk's local copy, looked up without a proof). */
export function statusOnlyOf(v: CaseProgressView): CaseProgressView {
  return { ...v, caseNo: null, timeline: v.timeline.map((t) => ({ ...t, update: null })), documents: [], delivery: null, canRequestPost: false, mayHandle: false, access: 'status' };
}

/** From this kiosk's own store: what it last pulled from central. Documents print only if downloaded. */
export function viewFromLocal(v: CaseStatusView, serviceName: string | null, localPrintedAt: (id: string) => string | null): CaseProgressView {
  const timeline = v.events.map((e) => ({ status: e.status, at: e.at, update: e.notice }));
  const issued = documentsFrom(timeline);
  const documents = v.documents
    .filter((d) => d.selfPrint)
    .map((d) => {
      const meta = issued.get(d.id);
      const kind = meta?.kind ?? 'result';
      const printedAt = localPrintedAt(d.id);
      const st = resultState(kind, printedAt, false);
      return {
        id: d.id,
        name: d.name,
        kind,
        status: meta?.status ?? v.status ?? 'concluded',
        printedAt,
        printable: st.printable && d.available,
        why: st.why ?? (d.available ? null : ('not-downloaded' as const)),
        sha256: null,
      };
    });
  return {
    receiptNo: v.receiptNo,
    caseNo: v.caseNo,
    serviceCode: v.serviceCode,
    serviceName,
    submittedAt: v.submittedAt,
    status: v.status,
    timeline,
    documents,
    delivery: null,
    // Postal delivery needs central: never offered from the local copy.
    canRequestPost: false,
    mayHandle: false,
    access: 'full',
  };
}
